from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from accounts.views import CandidateSignupView, admin_login, signup_choice
from articles.sitemaps import ArticleSitemap, BlogIndexSitemap
from employers.views import EmployerSignupView
from jobs.sitemaps import SITEMAPS, sitemap
from pages.views import healthz

handler403 = "pages.views.permission_denied"

admin.site.site_header = "healthcareers administration"
admin.site.site_title = "healthcareers admin"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before admin's own: staff sign in through allauth, which limits failed attempts.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    # The two sign-up doors come before allauth's own /accounts/signup/.
    path("accounts/signup/", signup_choice, name="signup_choice"),
    path("accounts/signup/candidate/", CandidateSignupView.as_view(), name="candidate_signup"),
    path("accounts/signup/employer/", EmployerSignupView.as_view(), name="employer_signup"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("me/applications/", include("applications.urls")),
    path("me/applications/", include("applications.no_ghosting_urls")),
    path("me/", include("candidates.urls")),
    path("candidates/", include("candidates.finder_urls")),
    path("alerts/", include("candidates.alert_urls")),
    # The pipeline's pages sit among the dashboard's (/dashboard/applicants/,
    # /dashboard/jobs/<id>/applicants/ and /questions/).
    path("dashboard/", include("applications.dashboard_urls")),
    path("dashboard/jobs/", include("jobs.dashboard_urls")),
    path("dashboard/", include("employers.urls")),
    path("companies/", include("employers.public_urls")),
    path("pricing/", include("employers.pricing_urls")),
    path("jobs/", include("applications.apply_urls")),
    path("jobs/", include("jobs.urls")),
    path("pay/", include("jobs.pay_urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {**SITEMAPS, "blog": BlogIndexSitemap, "articles": ArticleSitemap}},
        name="sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("blog/", include("articles.urls")),
    path("", include("pages.urls")),
]
# Uploaded files (company logos) in development; static() adds nothing when DEBUG is off.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
