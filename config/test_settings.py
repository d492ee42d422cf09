"""Settings for the test suite: the real settings with a fast password hasher and test mail."""

import os

os.environ.setdefault("DJANGO_ENV", "test")

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tasks run in-process unless a test starts a real worker (tests/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# No circuit breaker between tests: a test that points the cache at a dead Redis must not make
# the next one find Redis "down" (tests/faults/ run the app with the real setting).
REDIS_BREAKER_SECONDS = 0
