"""Forms of the apply flow, the pipeline and the message threads."""

from django import forms
from django.template.defaultfilters import filesizeformat

from applications import uploads
from applications.models import RESPONSE_STAGES, Resume, ScreeningQuestion, Stage

YES_NO = [("Yes", "Yes"), ("No", "No")]
ANSWER_MAX_LENGTH = 500
MESSAGE_MAX_LENGTH = 5_000


class ResumeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, resume):
        added = f"{resume.created_at:%b %-d, %Y}"
        return f"{resume.original_name} ({filesizeformat(resume.size)}, added {added})"


class ApplyForm(forms.Form):
    """A saved resume or a new upload, an optional cover letter, and one field per screening
    question of the job (`q_<id>`)."""

    resume = ResumeChoiceField(
        queryset=Resume.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        label="Use a saved resume",
    )
    resume_file = forms.FileField(
        required=False,
        label="Or upload a resume",
        help_text="PDF or Word (DOCX), up to 5 MB. It is kept among your resumes for next time.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
        error_messages={"empty": uploads.EMPTY},
    )
    cover_letter = forms.CharField(
        required=False,
        max_length=10_000,
        label="Cover letter (optional)",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A few lines on why this role: the hiring team reads it with your resume.",
    )

    def __init__(self, *args, candidate, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume_file"].help_text = (
            f"PDF or Word (DOCX), up to {filesizeformat(uploads.max_bytes())}. "
            "It is kept among your resumes for next time."
        )
        resumes = Resume.objects.filter(owner=candidate)
        self.fields["resume"].queryset = resumes
        self.has_saved_resumes = resumes.exists()
        if not self.has_saved_resumes:
            del self.fields["resume"]
            self.fields["resume_file"].label = "Resume file"
        else:
            default = next((r for r in resumes if r.is_default), None)
            self.fields["resume"].initial = default.pk if default else None
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.question_field(question)] = self._question_field(question)

    @staticmethod
    def question_field(question) -> str:
        return f"q_{question.pk}"

    @staticmethod
    def _question_field(question):
        label = question.prompt
        if question.kind == ScreeningQuestion.Kind.TEXT:
            return forms.CharField(
                label=label, required=question.required, max_length=ANSWER_MAX_LENGTH
            )
        choices = (
            YES_NO
            if question.kind == ScreeningQuestion.Kind.YES_NO
            else [(choice, choice) for choice in question.choices]
        )
        return forms.ChoiceField(
            label=label, required=question.required, choices=choices, widget=forms.RadioSelect
        )

    def question_fields(self):
        return [self[self.question_field(question)] for question in self.questions]

    def clean_resume_file(self):
        upload = self.cleaned_data.get("resume_file")
        if upload:
            self.resume_format = uploads.sniff_format(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.errors.get("resume_file"):
            return cleaned
        if not cleaned.get("resume_file") and not cleaned.get("resume"):
            field = "resume_file" if "resume" not in self.fields else "resume"
            self.add_error(field, "Choose one of your saved resumes or upload one.")
        return cleaned

    def answers(self) -> list[tuple[ScreeningQuestion, str]]:
        return [
            (question, self.cleaned_data.get(self.question_field(question)) or "")
            for question in self.questions
        ]


class ScreeningQuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        required=False,
        label="Choices to offer",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For “one of several choices”: one choice per line.",
    )

    class Meta:
        model = ScreeningQuestion
        fields = ["prompt", "kind", "required"]
        labels = {"prompt": "Question", "required": "Candidates must answer it"}
        widgets = {"kind": forms.RadioSelect}

    def clean(self):
        cleaned = super().clean()
        lines = [line.strip()[:100] for line in cleaned.get("choices_text", "").splitlines()]
        choices = list(dict.fromkeys(line for line in lines if line))
        if cleaned.get("kind") == ScreeningQuestion.Kind.CHOICE and len(choices) < 2:
            self.add_error("choices_text", "Give at least two choices, one per line.")
        self.instance.choices = (
            choices if cleaned.get("kind") == ScreeningQuestion.Kind.CHOICE else []
        )
        return cleaned


class MessageForm(forms.Form):
    """Ids of its own (`message_body`): it shares the applicant page with the note form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "message_%s")
        super().__init__(*args, **kwargs)

    body = forms.CharField(
        label="Message",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write a message before sending it."},
    )


class NoteForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)

    body = forms.CharField(
        label="Private note",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only your hiring team sees notes; the candidate never does.",
    )


STAGE_CHOICES = [(stage.value, stage.label) for stage in RESPONSE_STAGES]


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=STAGE_CHOICES, widget=forms.HiddenInput)
    message = forms.CharField(
        label="Message to the candidate",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Sent by email and shown on their application. Edit it as you like.",
    )


class BulkNotSelectedForm(forms.Form):
    message = forms.CharField(
        label="Message to each candidate",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the message to send them."},
    )


ANSWERED_CHOICES = [("", "Answered or not"), ("unanswered", "Unanswered"), ("answered", "Answered")]


class PipelineFilterForm(forms.Form):
    stage = forms.ChoiceField(
        required=False, choices=[("", "All stages"), *Stage.choices], label="Stage"
    )
    answered = forms.ChoiceField(required=False, choices=ANSWERED_CHOICES, label="Answered")
    job = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Job")

    def __init__(self, *args, jobs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if jobs is None:
            del self.fields["job"]
        else:
            self.fields["job"].choices = [("", "All jobs")] + [(j.pk, j.title) for j in jobs]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
