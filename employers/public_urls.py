"""Public company pages, mounted at /companies/."""

from django.urls import path

from employers import company_views

app_name = "companies"

urlpatterns = [
    path("", company_views.company_list, name="list"),
    path("<slug:slug>/", company_views.company_detail, name="detail"),
]
