from django.urls import path

from articles import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/comments/", views.comment, name="comment"),
]
