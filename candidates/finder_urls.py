from django.urls import path

from candidates import finder_views

app_name = "finder"

urlpatterns = [
    path("", finder_views.search, name="search"),
    path("invitations/", finder_views.sent, name="sent"),
    path("<int:pk>/", finder_views.detail, name="detail"),
    path("<int:pk>/invite/", finder_views.invite, name="invite"),
]
