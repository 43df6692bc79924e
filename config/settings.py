"""PeerPath settings: one file, every deployment difference comes from the environment.

Each variable is documented in .env.example. DEBUG defaults to False; `make run` sets
what development needs.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# CORE
DEBUG = env.bool("DEBUG", default=False)
# The default is for development and tests only; `check --deploy` flags it (security.W009).
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-peerpath-development-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1
SITE_NAME = "PeerPath"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "accounts",
    "audit",
    "privacy",
    "notifications",
    "matching",
    "messaging",
    "surveys",
    "mentoring",
    "reports",
    "mydata",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "audit.fieldlog.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.CoordinatorIdleSignOutMiddleware",
    "accounts.middleware.NoStoreForSignedInMiddleware",
    "accounts.middleware.RejectNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
                "notifications.context_processors.unread_count",
                "messaging.context_processors.unread_messages",
            ],
        },
    },
]

# DATABASES
# SQLite is the embedded default (no server to install); DATABASE_URL switches to PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'peerpath.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web server, worker and beat write at once in `make run`: WAL and immediate
    # transactions avoid "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHES
# Redis when configured (shared by all processes: allauth's rate limits need that);
# otherwise the database, which every process of the embedded setup shares too.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="peerpath"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "peerpath_cache",
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=100_000)},
        }
    }

# AUTHENTICATION
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
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
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# ALLAUTH
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupProfileForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PeerPath] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str(
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http" if DEBUG else "https"
)
# Failed log-ins: accounts.adapter keys "login_failed" by client address AND email, so five
# failures for one email lock out that client only, never the owner on their own device; an
# address is also capped across all clients ("login_failed_account", generous on purpose).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/15m/key"),
    "login_failed_account": env.str("RATE_LIMIT_LOGIN_FAILED_ACCOUNT", default="100/h/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Behind N reverse proxies, the client's address is the Nth from the right in X-Forwarded-For;
# 0 (direct) uses REMOTE_ADDR. Rate limits per client depend on this being right.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# After this many failed log-ins for one account within the window, its owner is told by
# email (once per window).
FAILED_LOGIN_ALERT_THRESHOLD = env.int("FAILED_LOGIN_ALERT_THRESHOLD", default=5)
FAILED_LOGIN_ALERT_WINDOW_MINUTES = env.int("FAILED_LOGIN_ALERT_WINDOW_MINUTES", default=15)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "PeerPath"
# Coordinators see a whole program's people: they must turn on two-factor authentication
# before any coordinator page opens. Only the local demo turns this off.
COORDINATOR_MFA_REQUIRED = env.bool("COORDINATOR_MFA_REQUIRED", default=True)

# INTERNATIONALIZATION
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates spelled the way each language writes them (config/formats/<lang>/formats.py): the
# templates name a format ("DATE_FORMAT", "MONTH_DAY_FORMAT"), never a pattern.
FORMAT_MODULE_PATH = ["config.formats"]
# The footer's switcher keeps a choice for a browser without a profile (a signed-in person's
# profile wins): a year, sent over HTTPS only outside development.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# STATIC FILES
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# SMS
# Optional text messages for reminders. Development prints each one and keeps a copy under
# var/sms/; production names notifications.sms.TwilioSmsBackend and its credentials.
SMS_BACKEND = env.str("SMS_BACKEND", default="notifications.sms.ConsoleSmsBackend")
SMS_DEFAULT_REGION = env.str("SMS_DEFAULT_REGION", default="US")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", default=str(VAR_DIR / "sms"))
SMS_TIMEOUT = env.float("SMS_TIMEOUT", default=10.0)
SMS_TWILIO_ACCOUNT_SID = env.str("SMS_TWILIO_ACCOUNT_SID", default="")
SMS_TWILIO_AUTH_TOKEN = env.str("SMS_TWILIO_AUTH_TOKEN", default="")
SMS_TWILIO_FROM = env.str("SMS_TWILIO_FROM", default="")
SMS_TWILIO_MESSAGING_SERVICE_SID = env.str("SMS_TWILIO_MESSAGING_SERVICE_SID", default="")
SMS_TWILIO_BASE_URL = env.str("SMS_TWILIO_BASE_URL", default="https://api.twilio.com")

# EMAIL
# Development writes every email to the console and to files under var/mail/.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="config.mail.ConsoleAndFileBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="PeerPath <no-reply@peerpath.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# CELERY
# Redis when REDIS_URL is set; otherwise kombu's filesystem transport in var/broker
# (no server to install).
BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    # kombu's filesystem transport does not make its folders, and a worker without its control
    # folder never becomes ready: a fresh clone's `make test` would wait forever.
    for _folder in ("queue", "processed", "control"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The schedules live in the database (admin: Periodic tasks), created by the migration
# mentoring/migrations/0004_periodic_sweeps.py; none are declared here.

# SECURITY
# Members stay signed in this long (14 days); coordinators are signed out sooner after
# inactivity, by their program's setting (accounts.middleware.CoordinatorIdleSignOutMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
# The audit trail takes the client's address from X-Forwarded-For only behind our own proxy.
AUDIT_TRUST_X_FORWARDED_FOR = env.bool("BEHIND_TLS_PROXY", default=False)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = []
# FIELD ENCRYPTION
# Private text (journal, check-in notes, messages, narratives...) is stored encrypted
# (accounts/crypto.py). Comma-separated Fernet keys: the first encrypts, every one decrypts.
# Rotation: put the new key first, run `manage.py rotate_encryption_keys`, then drop the old
# one. Unset with DEBUG on: a key derived from SECRET_KEY (development and tests). Unset with
# DEBUG off: `check --deploy` fails (accounts.E010) and saving private text raises.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
FIELD_ENCRYPTION_KEY_FROM_SECRET_KEY = DEBUG and not FIELD_ENCRYPTION_KEYS
# No inline scripts or styles, nothing from another origin (no CDN, no trackers).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# LOGGING
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# PEERPATH
# The address of this site in links sent by email (unsubscribe, notifications).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# How long an email's one-click unsubscribe link works.
UNSUBSCRIBE_VALID_DAYS = env.int("UNSUBSCRIBE_VALID_DAYS", default=90)
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)
# "Download my data" zips: private files, served only by mydata's signed-in view.
MYDATA_EXPORT_DIR = Path(env.str("MYDATA_EXPORT_DIR", default=str(VAR_DIR / "exports")))
if not MYDATA_EXPORT_DIR.is_absolute():
    MYDATA_EXPORT_DIR = BASE_DIR / MYDATA_EXPORT_DIR
# Matching rounds with more mentees than this run on a Celery worker (progress bar).
MATCHING_ROUND_ASYNC_THRESHOLD = env.int("MATCHING_ROUND_ASYNC_THRESHOLD", default=500)
# Email and text-message deliveries: the first retry waits this long, then twice as long
# each time; a claim older than STALE_AFTER belongs to a dead worker and is requeued; a
# pending delivery LOST_AFTER its due time lost its message and is enqueued again.
NOTIFICATION_RETRY_BACKOFF_SECONDS = env.int("NOTIFICATION_RETRY_BACKOFF_SECONDS", default=60)
NOTIFICATION_STALE_AFTER_SECONDS = env.int("NOTIFICATION_STALE_AFTER_SECONDS", default=300)
NOTIFICATION_LOST_AFTER_SECONDS = env.int("NOTIFICATION_LOST_AFTER_SECONDS", default=900)
# Messages: words or phrases that show the sender the program's crisis resources right away
# (nobody else is alerted). Comma-separated in the environment; matched as whole words,
# any case. English and Spanish by default.
MESSAGE_CRISIS_WORDS = env.list(
    "MESSAGE_CRISIS_WORDS",
    default=[
        "suicide",
        "suicidal",
        "kill myself",
        "end my life",
        "want to die",
        "hurt myself",
        "self-harm",
        "self harm",
        "overdose",
        "no reason to live",
        "suicidio",
        "suicidarme",
        "matarme",
        "quiero morir",
        "hacerme daño",
        "sobredosis",
    ],
)
# How often an open conversation asks for new messages (htmx; slower while the tab is hidden).
MESSAGE_POLL_SECONDS = env.int("MESSAGE_POLL_SECONDS", default=10)
