""" "Report this job": the form on every open job's page. Reports go to a staff queue in admin."""

from django import forms

from infra.text import StripControlCharactersMixin
from jobs.models import JobReport


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
