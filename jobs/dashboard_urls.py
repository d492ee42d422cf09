from django.urls import path

from jobs import dashboard_views as views

app_name = "jobs_dashboard"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("new/", views.job_new, name="new"),
    path("<int:pk>/", views.job_preview, name="preview"),
    path("<int:pk>/edit/", views.job_edit, name="edit"),
    path("<int:pk>/publish/", views.job_publish, name="publish"),
    path("<int:pk>/pause/", views.job_pause, name="pause"),
    path("<int:pk>/resume/", views.job_resume, name="resume"),
    path("<int:pk>/close/", views.job_close, name="close"),
    path("<int:pk>/renew/", views.job_renew, name="renew"),
    path("<int:pk>/feature/", views.job_feature, name="feature"),
    path("<int:pk>/unfeature/", views.job_unfeature, name="unfeature"),
    path("<int:pk>/duplicate/", views.job_duplicate, name="duplicate"),
    path("<int:pk>/delete/", views.job_delete, name="delete"),
]
