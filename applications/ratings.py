"""Process ratings: after the final answer, the applicant rates how the process went (speed and
communication, 1 to 5, an optional comment staff moderate). Only the applicant, once per
application: ratings no one can fake. The company's averages (shown from RATINGS_MIN_COUNT on)
are precomputed with its responsiveness (applications/responsiveness.py)."""

from django import forms
from django.db import IntegrityError, transaction

from applications.models import Application, ProcessRating, Stage
from infra.refusals import Refusal

# The answers after which there is a process to rate (a withdrawal is the candidate's own).
RATABLE_STAGES = (Stage.HIRED, Stage.NOT_SELECTED, Stage.POSITION_CLOSED)
SCORES = [(n, str(n)) for n in range(1, 6)]


class ProcessRatingForm(forms.Form):
    speed = forms.TypedChoiceField(
        label="Speed: how quickly did they answer?",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    communication = forms.TypedChoiceField(
        label="Communication: how clear and respectful were they?",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Our team reads comments before anyone else sees them.",
    )


def can_rate(application: Application, user) -> bool:
    """Whether `user` may rate `application` now (for showing the form)."""
    return (
        application.candidate_id == getattr(user, "pk", None)
        and application.stage in RATABLE_STAGES
        and not ProcessRating.objects.filter(application=application).exists()
    )


@transaction.atomic
def application_rate(
    *, application: Application, candidate, speed: int, communication: int, comment: str = ""
) -> ProcessRating:
    """The applicant rates the process of an application that got its final answer; once."""
    if application.candidate_id != candidate.pk:
        raise Refusal("Only the applicant can rate this application.", "not_applicant")
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.stage not in RATABLE_STAGES:
        raise Refusal(
            "You can rate the process once the employer has given its final answer.",
            "not_final",
        )
    if ProcessRating.objects.filter(application=locked).exists():
        raise Refusal("You have already rated this application; thank you.", "already_rated")
    comment = comment.strip()
    try:
        with transaction.atomic():
            return ProcessRating.objects.create(
                application=locked,
                company_id=locked.company_id,
                speed=speed,
                communication=communication,
                comment=comment,
                # Nothing to moderate without a comment.
                comment_status=(
                    ProcessRating.Status.PENDING if comment else ProcessRating.Status.APPROVED
                ),
            )
    except IntegrityError as error:  # a second tab won the race, or a score out of range
        raise Refusal("This rating could not be saved.", "rating_refused") from error
