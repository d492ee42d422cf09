"""My applications, under /me/applications/."""

from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("", views.my_applications, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/submitted/", views.submitted, name="submitted"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/messages/", views.message_post, name="message"),
]
