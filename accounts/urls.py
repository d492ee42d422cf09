from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("home/", views.home, name="home"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/update/", views.settings_update, name="settings_update"),
]
