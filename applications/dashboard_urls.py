"""The employer's pipeline, under /dashboard/."""

from django.urls import path

from applications import dashboard_views as views

app_name = "applications_dashboard"

urlpatterns = [
    path("applicants/", views.inbox, name="inbox"),
    path("applicants/export.csv", views.inbox_export, name="inbox_export"),
    path("applicants/not-selected/", views.bulk_not_selected, name="bulk_not_selected"),
    path("applicants/export/", views.export_start, name="export_start"),
    path("applicants/actions/<int:pk>/", views.action, name="action"),
    path("applicants/actions/<int:pk>/download/", views.action_download, name="action_download"),
    path("applicants/<int:pk>/", views.applicant, name="applicant"),
    path("applicants/<int:pk>/move/", views.applicant_move, name="move"),
    path("applicants/<int:pk>/notes/", views.applicant_note, name="note"),
    path("applicants/<int:pk>/messages/", views.applicant_message, name="message"),
    path("applicants/<int:pk>/resume/", views.resume_download, name="resume"),
    path("jobs/<int:pk>/applicants/", views.job_applicants, name="job"),
    path("jobs/<int:pk>/applicants/export.csv", views.job_export, name="job_export"),
    path("jobs/<int:pk>/questions/", views.questions, name="questions"),
    path(
        "jobs/<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
]
