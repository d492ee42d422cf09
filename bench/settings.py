"""Settings of the benchmark server: production settings plus the ceiling view's URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
