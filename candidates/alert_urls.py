"""Job alerts' public doors: the search page's button and the emails' signed links."""

from django.urls import path

from candidates import alert_views

app_name = "alerts"

urlpatterns = [
    path("new/", alert_views.create, name="create"),
    path("confirm/<str:token>/", alert_views.confirm, name="confirm"),
    path("manage/<str:token>/", alert_views.manage, name="manage"),
    path("unsubscribe/<str:token>/", alert_views.unsubscribe, name="unsubscribe"),
]
