"""The applicants' CSV: one writer for the download of a few and the background export of many."""

import csv

from django.utils import timezone

# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["Candidate", "Email", "Job", "Stage", "Submitted", "Respond by", "First response"]


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def write_applicants(handle, applicants, *, every: int = 500, progress=None) -> int:
    """Write the header and one row per application of `applicants` (a pipeline QuerySet) to
    `handle`; call `progress(n)` after each `every` rows. Returns the number of rows."""
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    written = 0
    for application in applicants.iterator(chunk_size=every):
        writer.writerow(
            csv_safe(value)
            for value in (
                application.candidate.get_full_name(),
                application.candidate.email,
                application.job.title,
                application.get_stage_display(),
                _when(application.submitted_at),
                _when(application.respond_by),
                _when(application.first_response_at),
            )
        )
        written += 1
        if progress and written % every == 0:
            progress(every)
    if progress and written % every:
        progress(written % every)
    return written
