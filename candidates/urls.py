from django.urls import path

from candidates import views

app_name = "candidates"

urlpatterns = [
    path("", views.home, name="home"),
]
