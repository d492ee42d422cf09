from django.urls import path

from jobs import pay_views

app_name = "pay"

urlpatterns = [
    path("", pay_views.index, name="index"),
    path("<slug:profession>/", pay_views.profession, name="profession"),
    path("<slug:profession>/<str:state>/", pay_views.state, name="state"),
]
