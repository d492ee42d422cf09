from django.urls import path

from candidates import alert_views, privacy_views, views

app_name = "candidates"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("profile/about/", views.about, name="about"),
    path("profile/preferences/", views.preferences, name="preferences"),
    path("profile/visibility/", views.visibility, name="visibility"),
    path("profile/resumes/", views.resume_upload, name="resume_upload"),
    path("profile/resumes/<int:pk>/default/", views.resume_default, name="resume_default"),
    path("profile/resumes/<int:pk>/delete/", views.resume_delete, name="resume_delete"),
    path("profile/<slug:section>/add/", views.item_add, name="item_add"),
    path("profile/<slug:section>/<int:pk>/", views.item_edit, name="item_edit"),
    path("profile/<slug:section>/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("saved/", views.saved, name="saved"),
    path("saved/<int:job_id>/save/", views.save_job, name="save_job"),
    path("saved/<int:job_id>/remove/", views.unsave_job, name="unsave_job"),
    path("privacy/", privacy_views.privacy_page, name="privacy"),
    path("privacy/blocks/", privacy_views.block_add, name="block_add"),
    path("privacy/blocks/<int:pk>/delete/", privacy_views.block_remove, name="block_remove"),
    path("privacy/export/", privacy_views.export_request, name="export_request"),
    path("privacy/export/<int:pk>/", privacy_views.export_download, name="export_download"),
    path("privacy/export/<int:pk>/status/", privacy_views.export_status, name="export_status"),
    path("privacy/delete/", privacy_views.account_delete, name="account_delete"),
    path("invitations/<int:pk>/accept/", privacy_views.invitation_accept, name="invitation_accept"),
    path(
        "invitations/<int:pk>/decline/",
        privacy_views.invitation_decline,
        name="invitation_decline",
    ),
    # Job alerts (candidates/alert_views.py; the emails' signed links are in alert_urls.py).
    path("alerts/", alert_views.alerts, name="alerts"),
    path("alerts/<int:pk>/frequency/", alert_views.alert_frequency, name="alert_frequency"),
    path("alerts/<int:pk>/pause/", alert_views.alert_pause, name="alert_pause"),
    path("alerts/<int:pk>/delete/", alert_views.alert_delete, name="alert_delete"),
]
