"""The Pricing page and its upgrade request form, mounted at /pricing/."""

from django.urls import path

from employers import plan_views

app_name = "pricing"

urlpatterns = [
    path("", plan_views.pricing, name="index"),
    path("upgrade/", plan_views.upgrade, name="upgrade"),
]
