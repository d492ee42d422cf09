""" "Report this job": the form on every open job's page. Reports go to a staff queue in admin."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone

from infra.text import StripControlCharactersMixin
from jobs.models import JobReport

# Reports older than this no longer count towards holding a company's jobs.
HOLD_WINDOW = timedelta(days=30)


def unresolved_report_count(company) -> int:
    """Reports on the company's jobs in the last 30 days that staff have not resolved yet."""
    return JobReport.objects.filter(
        job__company=company,
        resolved_at__isnull=True,
        created_at__gte=timezone.now() - HOLD_WINDOW,
    ).count()


def held_for_reports(company) -> bool:
    """Whether the company's new jobs wait for staff review because readers keep reporting its
    jobs (JOB_REPORTS_HOLD_THRESHOLD unresolved reports within 30 days)."""
    return unresolved_report_count(company) >= settings.JOB_REPORTS_HOLD_THRESHOLD


class JobReportForm(StripControlCharactersMixin, forms.ModelForm):
    class Meta:
        model = JobReport
        fields = ["reason", "details", "reporter_email"]
        labels = {
            "reason": "What is wrong with this job?",
            "details": "Details (optional)",
            "reporter_email": "Your email (optional)",
        }
        help_texts = {"reporter_email": "Only if you would like us to tell you what we did."}
        widgets = {"details": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, prefix="report", **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        if self.user:
            # Signed-in readers are known already.
            del self.fields["reporter_email"]

    def save(self, *, job):
        report = super().save(commit=False)
        report.job = job
        report.reporter = self.user
        if self.user:
            report.reporter_email = self.user.email
        report.save()
        return report
