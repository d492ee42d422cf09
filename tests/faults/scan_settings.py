"""The app as production runs it (DJANGO_ENV=production: DEBUG off, secure cookies, HSTS,
SSL redirect), served over HTTPS by gunicorn for the wapiti scan. Only the static files differ:
they are served from the source folders instead of a collectstatic run the scan would wait
for."""

from config.settings import *  # noqa: F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
