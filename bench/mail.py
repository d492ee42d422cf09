"""The benchmark's email backend: sends nothing, counts the messages in the cache (Redis), so
the alert run can tell how many emails the outbox really handed to a backend."""

from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend


class CountingBackend(BaseEmailBackend):
    """Counts what it is handed, and adds the count to the cache when the outbox closes the
    connection at the end of a batch (a Redis round trip per email would be the bench's own
    cost, not the app's)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.count, self.opened = 0, False

    def send_messages(self, email_messages):
        count = len(list(email_messages))
        self.count += count
        if not self.opened:  # a message sent on its own: no close() will follow
            self.close()
        return count

    def open(self):
        self.opened = True
        return True

    def close(self):
        self.opened = False
        if self.count:
            cache.add("bench:emails", 0, None)
            cache.incr("bench:emails", self.count)
            self.count = 0
