"""The message prefilled for each stage change, which the employer edits before sending.

"Not selected" is respectful by default: it thanks the candidate, says clearly that the answer is
no, and does not pretend there is a reason it cannot give."""

from applications.models import Stage

DEFAULTS = {
    Stage.REVIEWING: (
        "Hello {first_name},\n\n"
        "Thank you for applying for {job}. Our team is reviewing your application now, and we "
        "will be in touch about next steps soon.\n\n"
        "{company} hiring team"
    ),
    Stage.INTERVIEW: (
        "Hello {first_name},\n\n"
        "Thank you for applying for {job}. We would like to invite you to an interview. "
        "Please reply here with a few times that suit you over the next week, and we will "
        "confirm one.\n\n"
        "{company} hiring team"
    ),
    Stage.OFFER: (
        "Hello {first_name},\n\n"
        "We are delighted to offer you the position of {job}. We will send the details of the "
        "offer shortly; reply here with any questions.\n\n"
        "{company} hiring team"
    ),
    Stage.HIRED: (
        "Hello {first_name},\n\n"
        "Welcome to {company}! We are glad you accepted our offer for {job}, and we will be in "
        "touch about your first day.\n\n"
        "{company} hiring team"
    ),
    Stage.NOT_SELECTED: (
        "Hello {first_name},\n\n"
        "Thank you for your interest in {job} and for the time you put into your application. "
        "After careful consideration, we have decided not to move forward with your "
        "application for this role.\n\n"
        "This was not an easy decision, and it is not a judgement of your skills or your "
        "care. We would be glad to see your application for future openings, and we wish you "
        "every success in your search.\n\n"
        "{company} hiring team"
    ),
}


def default_message(stage: str, *, application=None, job=None, company=None) -> str:
    """The prefilled message for `stage`; names the candidate when there is one (a bulk
    message to several candidates greets them without a name)."""
    job = job or application.job
    company = company or job.company
    first_name = application.candidate.get_short_name() if application else "there"
    return DEFAULTS[Stage(stage)].format(
        first_name=first_name or "there", job=job.title, company=company.name
    )
