"""The one refusal type: an action that is not possible now, with nothing changed.

Services raise `Refusal`. Views let it propagate and `infra.middleware.RefusalMiddleware` turns
it into an error message on the page the user came from; a view whose form shows the reason next
to a field catches it and adds it to the form instead."""

from django.utils.html import format_html


class Refusal(Exception):
    """`message` is for people; `code` names the reason for tests and templates; `link` (with
    `link_text`) points to what would allow it, for example the plans page."""

    def __init__(self, message: str, code: str = "refused", *, link: str = "", link_text: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.link = link
        self.link_text = link_text or ("Compare plans" if link else "")

    def __str__(self) -> str:
        return self.message

    def as_html(self) -> str:
        """The message, with its link when there is one (escaped)."""
        if self.link:
            return format_html('{} <a href="{}">{}</a>', self.message, self.link, self.link_text)
        return self.message


def on_refusal_redirect(to):
    """Where RefusalMiddleware sends the user back when the form named no safe `next`:
    `to` is a URL name or a callable taking (request, **url_kwargs) and returning a URL."""

    def decorate(view):
        view.refusal_redirect = to
        return view

    return decorate
