# The outbox's delivery task must be registered for eager mode to run it after commit (the
# worker autodiscovers it; a test process only once something imports it).
import notifications.tasks  # noqa: F401
