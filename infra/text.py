"""Control characters out of stored text and out of XML.

A single `\\x01` in a job title made every feed answer 500 (XML 1.0 cannot carry it). Forms strip
such characters as they arrive (`StripControlCharactersMixin`); feeds strip them again as they
write (`strip_control_characters`, infra/feeds.py) for rows saved before or by other paths.
"""

import re

from django import forms

# C0 controls except tab, newline and carriage return; DEL and the C1 controls; the two
# non-characters XML forbids. None of them is anything a person means to type.
CONTROL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS_RE.sub("", text)


class StripControlCharactersMixin:
    """Form mixin (put it first among the bases): the submitted values of its text fields lose
    their control characters before validation, so "required" and length checks see the text
    that will be stored. Password fields are left exactly as typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        keys = [
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
            and not isinstance(field.widget, forms.PasswordInput)
        ]
        data = self.data.copy()
        for key in keys:
            if key not in data:
                continue
            if hasattr(data, "setlist"):
                data.setlist(key, [_strip(value) for value in data.getlist(key)])
            else:
                data[key] = _strip(data[key])
        self.data = data


def _strip(value):
    return strip_control_characters(value) if isinstance(value, str) else value
