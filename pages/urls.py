from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("no-ghosting/", views.no_ghosting, name="no_ghosting"),
    path("contact/", views.contact, name="contact"),
    path("terms/", views.terms, name="terms"),
    path("privacy/", views.privacy, name="privacy"),
    path("post-a-job/", views.post_a_job, name="post_a_job"),
]
