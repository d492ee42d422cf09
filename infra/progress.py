"""Long actions that run in the background and show their progress (issue 15): the fields and
the claim every such row shares. Each app keeps its own table (an applicants' export, a
candidate's data export) with these columns; the page that shows one polls it with htmx.

A task claims its row with a conditional UPDATE (queued, or running with a lapsed lease when a
worker died mid-run), so a task delivered twice does the work once at a time, and the work
itself is idempotent per item, so a resumed run finishes what the dead one began."""

from datetime import timedelta

from django.db import models
from django.db.models import F
from django.utils import timezone

# A running row untouched this long belongs to a worker that died: it may be claimed again.
LEASE = timedelta(minutes=10)


class BackgroundWork(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    touched_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    def claim(self) -> bool:
        """Take the row for this worker: True when it was queued, or running under a lease
        that lapsed. A finished row, or one another worker is on, is left alone."""
        now = timezone.now()
        mine = (
            type(self)
            .objects.filter(pk=self.pk)
            .filter(
                models.Q(state=self.State.QUEUED)
                | models.Q(state=self.State.RUNNING, touched_at__lt=now - LEASE)
            )
            .update(state=self.State.RUNNING, touched_at=now)
        )
        if mine:
            self.state, self.touched_at = self.State.RUNNING, now
        return bool(mine)

    def advance(self, count: int = 1) -> None:
        """Count `count` more items done (and renew the lease)."""
        now = timezone.now()
        type(self).objects.filter(pk=self.pk).update(done=F("done") + count, touched_at=now)
        self.done += count
        self.touched_at = now

    def finish(self, *, error: str = "", **fields) -> None:
        """Mark the row done (or failed, with `error`), saving `fields` with it."""
        now = timezone.now()
        self.state = self.State.FAILED if error else self.State.DONE
        self.error = error[:200]
        self.finished_at = self.touched_at = now
        if not error:
            self.done = self.total
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["state", "error", "finished_at", "touched_at", "done", *fields])

    @classmethod
    def stalled(cls):
        """Rows a worker should be on but is not: never started (their task was lost, Redis
        was down) or running under a lapsed lease."""
        now = timezone.now()
        return cls.objects.filter(
            models.Q(state=cls.State.QUEUED, queued_at__lt=now - timedelta(minutes=2))
            | models.Q(state=cls.State.RUNNING, touched_at__lt=now - LEASE)
        )
