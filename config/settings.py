"""Settings, read from the environment (12-factor).

DJANGO_ENV is one of development, production or test. Production refuses to start with unsafe
values (DEBUG on, a missing or default SECRET_KEY, empty ALLOWED_HOSTS, no EMAIL_URL).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be development, production or test, not {DJANGO_ENV!r}"
    )
IS_PRODUCTION = DJANGO_ENV == "production"

# Only ever used outside production; production refuses it below.
INSECURE_DEV_SECRET_KEY = "django-insecure-healthcareers-development-key-do-not-use-in-production"

DEBUG = env.bool("DEBUG", default=DJANGO_ENV == "development")
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if IS_PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The absolute base of every link we send out (emails, feeds, share buttons). Unset, it follows
# the port the development server was started on (`PORT=8100 make run`).
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip(
    "/"
)

if IS_PRODUCTION:
    problems = []
    if DEBUG:
        problems.append("DEBUG must be off")
    if (
        not SECRET_KEY
        or SECRET_KEY == INSECURE_DEV_SECRET_KEY
        or SECRET_KEY.startswith("django-insecure")
    ):
        problems.append("SECRET_KEY must be set to a long random value")
    elif len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        problems.append("SECRET_KEY is too short or too simple (50+ varied characters)")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must list the site's host names")
    if "*" in ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must not be '*'")
    if not env.str("DATABASE_URL", default=""):
        problems.append("DATABASE_URL must be set")
    if not env.str("REDIS_URL", default=""):
        problems.append("REDIS_URL must be set")
    if not env.str("EMAIL_URL", default=""):
        problems.append("EMAIL_URL must be set (for example smtp+tls://user:pass@host:587)")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems) + ".")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "csp",
    "allauth",
    "allauth.account",
    # Multi-factor authentication (TOTP and recovery codes), offered to every user.
    "allauth.mfa",
    # Articles: the rich-text editor of the blog's admin (serves its static files).
    "django_prose_editor",
    # Our apps, lowest layer first (see the architecture in the README).
    "accounts",
    "audit",
    "notifications",
    "employers",
    "jobs",
    "applications",
    "candidates",
    "articles",
    "pages",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "infra.permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who is acting and from where, for the audit trail (audit/context.py).
    "audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-factor where it is required: staff (MFA_REQUIRED_FOR_STAFF) and the teams whose owner
    # turned it on; before any view runs, so a refused POST changes nothing.
    "accounts.mfa.StaffMfaRequiredMiddleware",
    "employers.mfa.TeamMfaRequiredMiddleware",
    # Before any view reads the body (CSRF reads it in process_view, after every __call__).
    "infra.uploads.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "infra.middleware.RefusalMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
                "applications.context_processors.no_ghosting",
            ],
        },
    },
]

# Database: one PostgreSQL for every app. CONN_HEALTH_CHECKS lets the app recover from a
# Postgres restart without being restarted itself.
DATABASES = {"default": env.db_url("DATABASE_URL", default="postgres:///healthcareers")}
# Optional streaming replica: GET requests (search, public pages) read from it through
# infra.db_routing; writes, transactions, tasks and a client's requests for
# DATABASE_REPLICA_PIN_SECONDS after one of its writes stay on the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    # Tests run against the primary's test database under this alias (no second copy).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["infra.db_routing.ReplicaRouter"]
    # Outside every other middleware: it decides where the whole request reads.
    MIDDLEWARE.insert(0, "infra.db_routing.PrimaryPinMiddleware")
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=10)
# Connections: persistent per process (CONN_MAX_AGE) by default. DATABASE_POOL=true uses
# psycopg's pool in each process instead (Django requires CONN_MAX_AGE 0 with it). Behind
# PgBouncer in transaction mode set DATABASE_PGBOUNCER=true: a server-side cursor cannot outlive
# the transaction there, so Django's are turned off (prepared statements already are).
DATABASE_POOL = env.bool("DATABASE_POOL", default=False)
DATABASE_PGBOUNCER = env.bool("DATABASE_PGBOUNCER", default=False)
for database in DATABASES.values():
    database["CONN_HEALTH_CHECKS"] = True
    if DATABASE_POOL:
        database["CONN_MAX_AGE"] = 0
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
        }
    else:
        database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    if DATABASE_PGBOUNCER:
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery's broker and the cache (rate limits). A Redis outage must not fail a page, so the
# cache swallows connection errors (django-redis IGNORE_EXCEPTIONS), and allauth's rate-limit lock
# counts as taken then, so sign-in, sign-up and password reset fail open (infra/cache.py).
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")


def celery_broker_url(redis_url: str) -> str:
    # redis-py spells a Unix socket unix:///path; kombu spells it redis+socket:///path.
    if redis_url.startswith("unix://"):
        return "redis+socket://" + redis_url.removeprefix("unix://")
    return redis_url


CACHES = {
    "default": {
        "BACKEND": "infra.cache.FailOpenRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "hc",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Cache connections consult the process's Redis circuit breaker (infra/breaker.py): once a call
# failed, Redis is not asked again for this many seconds (the cache reads as empty, rate limits
# fail open, tasks are left to the beat sweeps).
DJANGO_REDIS_CONNECTION_FACTORY = "infra.cache.BreakingConnectionFactory"
REDIS_BREAKER_SECONDS = env.int("REDIS_BREAKER_SECONDS", default=10)

CELERY_BROKER_URL = celery_broker_url(REDIS_URL)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
# Fail fast when Redis is down: the database keeps the truth and periodic sweeps re-queue work.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# max_retries 0: a publish whose broker connection fails gives up at once instead of retrying
# for CELERY_BROKER_CONNECTION_TIMEOUT (each queued task of a form cost 2 s with Redis down).
# A worker's own consuming connection has its own retry loop (broker_connection_max_retries).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
    "max_retries": 0,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Beat exactly once: a second beat started anywhere stands by (infra/beat_lock.py).
CELERY_BEAT_SCHEDULER = "infra.beat_lock:SingleBeatScheduler"

# Sessions live in the database so that sign-in survives a Redis outage.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"
SITE_ID = 1

# django-allauth: email login, mandatory verification, no account enumeration, rate limits on.
# accounts' adapter (roles, redirects), extended so that its emails go through the outbox.
ACCOUNT_ADAPTER = "notifications.account_emails.OutboxAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
# The session that changes the password stays signed in (update_session_auth_hash); every other
# session of that user ends, because its stored password hash no longer matches
# (tests/test_sessions.py).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "healthcareers"
# Staff must set up an authenticator app before reaching any page (accounts/mfa.py).
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=IS_PRODUCTION)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[healthcareers] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if IS_PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, spelled out so they are visible and tested.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}

# Due job alerts are run this many at a time: one transaction each, sharing one load of the
# new jobs and one query per distinct text (candidates/alerts.py).
JOB_ALERTS_CHUNK_SIZE = env.int("JOB_ALERTS_CHUNK_SIZE", default=2000)

# Email. EMAIL_URL uses django-environ's syntax (smtp://, smtp+tls://, consolemail://, ...).
# In development mail is written to var/mail/ (one file per message) and printed to the console.
if env.str("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "infra.email_backends.DirectoryAndConsoleBackend"
# A mail server that accepts the connection and then says nothing must not hold a worker
# forever (smtplib's default is no timeout): the send fails after this many seconds and the
# outbox retries it later.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_FILE_DIR = env.path("EMAIL_FILE_DIR", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="healthcareers <hello@healthcareers.test>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The outbox (notifications/): a failed send is retried after 1, 2, 4... minutes (base below),
# and marked failed after NOTIFICATIONS_MAX_ATTEMPTS tries; a worker's claim on a row lasts
# NOTIFICATIONS_LEASE_SECONDS (after that, another worker may send it).
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=8)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.int("NOTIFICATIONS_RETRY_BASE_SECONDS", default=60)
NOTIFICATIONS_LEASE_SECONDS = env.int("NOTIFICATIONS_LEASE_SECONDS", default=600)
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", default=100)
# Where contact-form messages go; when empty, every active staff user with an email gets them.
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=[])

# Search engines told when a job page goes live or goes away (jobs/indexing.py): a dotted path
# to the notifier class. The default does nothing; jobs.indexing.GoogleIndexingNotifier sends
# URL_UPDATED / URL_DELETED to Google's Indexing API and refuses to start without
# GOOGLE_INDEXING_CREDENTIALS (the path of a service account's JSON key).
JOB_INDEXING_NOTIFIER = env.str("JOB_INDEXING_NOTIFIER", default="jobs.indexing.NoopNotifier")
GOOGLE_INDEXING_CREDENTIALS = env.str("GOOGLE_INDEXING_CREDENTIALS", default="")

# The No-Ghosting Policy (see /no-ghosting/).
NO_GHOSTING_RESPONSE_DAYS = env.int("NO_GHOSTING_RESPONSE_DAYS", default=7)
# Applications and resumes of candidate accounts with no sign-in and no application for this
# long are purged (candidates.tasks.purge_inactive_candidate_data).
CANDIDATE_DATA_RETENTION_DAYS = env.int("CANDIDATE_DATA_RETENTION_DAYS", default=730)
# How many candidate profiles one company may open a day in Find Candidates.
FIND_CANDIDATES_DAILY_VIEWS = env.int("FIND_CANDIDATES_DAILY_VIEWS", default=200)
# Find Candidates invitations per company and hour (django-ratelimit rate), besides the plan's
# monthly contacts.
FIND_CANDIDATES_INVITE_RATE_LIMIT = env.str("FIND_CANDIDATES_INVITE_RATE_LIMIT", default="20/h")
NO_GHOSTING_MIN_RATE = env.int("NO_GHOSTING_MIN_RATE", default=80)
# Resumes candidates upload when applying (PDF or DOCX, checked by content).
# The audit trail (audit/): staff and employer actions, kept this long, then purged daily.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)
RESUME_MAX_BYTES = env.int("RESUME_MAX_BYTES", default=5 * 1024 * 1024)
# Applications per candidate and hour (django-ratelimit rate).
APPLY_RATE_LIMIT = env.str("APPLY_RATE_LIMIT", default="20/h")

# Rate limits of our own forms (django-ratelimit), per client IP.
CONTACT_RATE_LIMIT = env.str("CONTACT_RATE_LIMIT", default="5/h")
# Articles: comments per client IP (django-ratelimit rate, e.g. "5/10m").
ARTICLE_COMMENT_RATE_LIMIT = env.str("ARTICLE_COMMENT_RATE_LIMIT", default="5/10m")
# Messages on applications, per signed-in user (candidate or team member) and hour.
APPLICATION_MESSAGE_RATE_LIMIT = env.str("APPLICATION_MESSAGE_RATE_LIMIT", default="30/h")
# Bulk answers to more applicants than this, and CSV exports of more rows than the second, run
# in the background with a progress page; fewer are done at once in the request.
PIPELINE_SYNC_LIMIT = env.int("PIPELINE_SYNC_LIMIT", default=20)
PIPELINE_EXPORT_SYNC_LIMIT = env.int("PIPELINE_EXPORT_SYNC_LIMIT", default=500)
# A company with this many unresolved job reports in 30 days has its new jobs held for staff
# review before they go live (jobs/reports.py), verified or not.
JOB_REPORTS_HOLD_THRESHOLD = env.int("JOB_REPORTS_HOLD_THRESHOLD", default=3)
RATELIMIT_USE_CACHE = "default"
# With Redis down the limits cannot count; let requests through rather than fail every form.
RATELIMIT_FAIL_OPEN = True
# Behind N reverse proxies, the client's address is N hops from the right of X-Forwarded-For;
# 0 trusts only REMOTE_ADDR. Used by our rate limits (config/client_ip.py) and allauth's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "infra.client_ip.client_ip"
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

# Upload sizes (infra/uploads.py): a request body above MAX_REQUEST_BYTES is refused unread; a
# file stops being stored once past its limit, and its form says so. Logos: employers/logos.py.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=12 * 1024 * 1024)
UPLOAD_MAX_FILE_BYTES = env.int("UPLOAD_MAX_FILE_BYTES", default=10 * 1024 * 1024)
# The resume fields (profile and apply form) stop at the resume limit, not the general one.
UPLOAD_MAX_BYTES_BY_FIELD = {
    "logo": 2 * 1024 * 1024,
    "resume": RESUME_MAX_BYTES,
    "resume_file": RESUME_MAX_BYTES,
}
FILE_UPLOAD_HANDLERS = [
    "infra.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Files up to this size stay in memory, larger ones go to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The form fields of one request, files excepted (the longest, a job description, is 100,000
# characters at most): more is refused with a 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Resumes: never under MEDIA_URL; served only by views that check who asks (the download view
# streams the file itself, so the bucket below needs no public access at all).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Or S3-compatible object storage (AWS S3, MinIO, Cloudflare R2, ...) through django-storages,
# so that web and worker machines share no disk: PRIVATE_STORAGE_BUCKET for resumes and data
# exports (private objects, no public URL: our views stream them to whoever may see them), and
# PUBLIC_STORAGE_BUCKET for public uploads (company logos), linked directly. AWS_S3_ENDPOINT_URL
# for a non-AWS service (path-style addressing then). Credentials come from AWS_ACCESS_KEY_ID /
# AWS_SECRET_ACCESS_KEY (or the machine's role); objects are never overwritten.
S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="")
S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="")
S3_CONNECTION = {
    "endpoint_url": S3_ENDPOINT_URL or None,
    "region_name": S3_REGION_NAME or None,
    "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
    "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
    "addressing_style": "path" if S3_ENDPOINT_URL else None,
}
PRIVATE_STORAGE_BUCKET = env.str("PRIVATE_STORAGE_BUCKET", default="")
if PRIVATE_STORAGE_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PRIVATE_STORAGE_BUCKET,
            "location": env.str("PRIVATE_STORAGE_PREFIX", default="private"),
            **S3_CONNECTION,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
PUBLIC_STORAGE_BUCKET = env.str("PUBLIC_STORAGE_BUCKET", default="")
# Where public uploads are linked from, allowed as image sources by the CSP below.
PUBLIC_MEDIA_ORIGINS = []
if PUBLIC_STORAGE_BUCKET:
    if PUBLIC_STORAGE_BUCKET == PRIVATE_STORAGE_BUCKET:
        # A bucket readable by anyone must never hold a resume.
        raise ImproperlyConfigured("PUBLIC_STORAGE_BUCKET must not be PRIVATE_STORAGE_BUCKET")
    # A CDN or the bucket's own host name; objects are public through the bucket's policy (ACLs
    # are off on new AWS buckets), or PUBLIC_STORAGE_ACL=public-read where ACLs are on.
    PUBLIC_STORAGE_DOMAIN = env.str("PUBLIC_STORAGE_DOMAIN", default="")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PUBLIC_STORAGE_BUCKET,
            "location": env.str("PUBLIC_STORAGE_PREFIX", default="media"),
            **S3_CONNECTION,
            "custom_domain": PUBLIC_STORAGE_DOMAIN or None,
            "default_acl": env.str("PUBLIC_STORAGE_ACL", default="") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if PUBLIC_STORAGE_DOMAIN:
        PUBLIC_MEDIA_ORIGINS = [f"https://{PUBLIC_STORAGE_DOMAIN}"]
    elif S3_ENDPOINT_URL:
        endpoint = urlsplit(S3_ENDPOINT_URL)
        PUBLIC_MEDIA_ORIGINS = [f"{endpoint.scheme}://{endpoint.netloc}"]
    else:
        PUBLIC_MEDIA_ORIGINS = [
            f"https://{PUBLIC_STORAGE_BUCKET}.s3.amazonaws.com",
            f"https://{PUBLIC_STORAGE_BUCKET}.s3.{S3_REGION_NAME or 'us-east-1'}.amazonaws.com",
        ]

# Security headers. No inline script anywhere, so the policy needs no 'unsafe-inline' for scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *PUBLIC_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie (forms and htmx posts carry the token from the page),
# so it is HttpOnly too (wapiti's cookieflags).
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
if IS_PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # /healthz is probed over plain HTTP inside the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # pypdf warns about every odd PDF it reads (applications/uploads.py refuses the bad ones).
        "pypdf": {"level": "ERROR"},
    },
}
