from django.urls import path

from jobs import feeds, views

app_name = "jobs"

urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/what/", views.suggest_what, name="suggest_what"),
    path("suggest/where/", views.suggest_where, name="suggest_where"),
    path("feed/", feeds.LatestJobsFeed(), name="rss"),
    path("feed.xml", feeds.aggregator_feed, name="aggregator_feed"),
    path("feeds/<slug:partner>.xml", feeds.partner_feed, name="partner_feed"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/apply-elsewhere/", views.external_apply, name="external_apply"),
]
