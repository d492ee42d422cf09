from django import forms

from articles.commenttext import count_links
from articles.models import Article, Comment
from infra.text import StripControlCharactersMixin

MAX_LINKS = 2


class CommentForm(StripControlCharactersMixin, forms.Form):
    """ "Leave your comment": signed-in people only write; guests add a name and an email."""

    name = forms.CharField(
        label="Your name",
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your email",
        help_text="Never shown. We use it only if we need to reach you about your comment.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label="Your comment",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Plain text. Up to {MAX_LINKS} links.",
    )
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "You can only reply to a published top-level comment."},
    )
    # Honeypot: hidden from people (CSS + aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, article: Article, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        # One level of replies: only approved top-level comments of this article can be answered.
        self.fields["parent"].queryset = Comment.objects.approved().filter(
            article=article, parent__isnull=True
        )
        if user.is_authenticated:
            del self.fields["name"]
            del self.fields["email"]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 2:
            raise forms.ValidationError("Please write a little more.")
        if count_links(body) > MAX_LINKS:
            raise forms.ValidationError(
                f"Please include no more than {MAX_LINKS} links: comments with many links look "
                "like spam to us."
            )
        return body

    def clean(self):
        cleaned = super().clean()
        # The parent is a hidden field: show its error at the top of the form.
        if "parent" in self._errors:
            self.add_error(None, self._errors.pop("parent"))
        return cleaned

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class BlogFilterForm(forms.Form):
    q = forms.CharField(label="Search articles", required=False, max_length=120)
    kind = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All articles"), *Article.Kind.choices]
    )
    category = forms.SlugField(required=False)
    tag = forms.SlugField(required=False)
    page = forms.IntegerField(required=False, min_value=1)
