"""Applying from a job page: /jobs/<slug>/apply/."""

from django.urls import path

from applications import views

app_name = "apply"

urlpatterns = [
    path("<slug:slug>/apply/", views.apply, name="job"),
]
