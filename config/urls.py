from django.contrib import admin
from django.urls import include, path

from accounts.views import CandidateSignupView, signup_choice
from employers.views import EmployerSignupView
from pages.views import healthz

admin.site.site_header = "healthcareers administration"
admin.site.site_title = "healthcareers admin"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The two sign-up doors come before allauth's own /accounts/signup/.
    path("accounts/signup/", signup_choice, name="signup_choice"),
    path("accounts/signup/candidate/", CandidateSignupView.as_view(), name="candidate_signup"),
    path("accounts/signup/employer/", EmployerSignupView.as_view(), name="employer_signup"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("me/", include("candidates.urls")),
    path("dashboard/", include("employers.urls")),
    path("", include("pages.urls")),
]
