"""The one refusal type: an action that is not possible now, with nothing changed.

Services raise it; views let it propagate and `infra.middleware.RefusalMiddleware` turns it into
a message on the page the user came from (or a 409 page when there is none)."""


class Refusal(Exception):
    """`message` is for people; `code` names the reason for tests and callers; `link` (with
    `link_text`) points to what would allow it, for example the plans page."""

    def __init__(self, message: str, code: str = "", *, link: str = "", link_text: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.link = link
        self.link_text = link_text or ("See the plans" if link else "")

    def __str__(self) -> str:
        return self.message
