"""Settings of the benchmark server: production settings plus the ceiling view's URL, and
emails counted instead of sent (bench/mail.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
EMAIL_BACKEND = "bench.mail.CountingBackend"
