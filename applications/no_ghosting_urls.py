"""The candidate's No-Ghosting actions under /me/applications/<id>/ (config/urls.py)."""

from django.urls import path

from applications import no_ghosting_views

app_name = "no_ghosting"

urlpatterns = [
    path(
        "<int:pk>/never-heard-back/",
        no_ghosting_views.never_heard_back,
        name="never_heard_back",
    ),
    path("<int:pk>/rate/", no_ghosting_views.rate, name="rate"),
]
