from django import forms

from infra.text import StripControlCharactersMixin
from pages.models import ContactMessage


class ContactForm(StripControlCharactersMixin, forms.ModelForm):
    # Honeypot: hidden from people (CSS + aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label="Leave this field empty")

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "topic", "message"]
        labels = {"name": "Your name", "email": "Your email", "message": "How can we help?"}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError("Please write at least a sentence so we can help.")
        return message

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
