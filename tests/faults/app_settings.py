"""The settings of the app and workers the fault tests start: the real settings (real Celery
through Redis, real outbox delivery), with only the password hasher made fast so that a
request's time is the time of what is under test, not of PBKDF2 on a shared CPU."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Three chunks of the drill's 600 alerts, so that a kill can land between them.
JOB_ALERTS_CHUNK_SIZE = 250
