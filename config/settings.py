"""Settings for the portal, read from the environment (see README for every knob).

Unset variables fall back to the embedded default: SQLite under var/, a file cache,
and a Celery broker on the local filesystem, so that a fresh clone runs with no server.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEV_SECRET_KEY = "dev-only-not-secret-change-me"
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
if SECRET_KEY == DEV_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("Set SECRET_KEY: the development key is refused when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_ckeditor_5",
    "accounts",
    "branches",
    "notifications",
    "pairings",
    "activities",
    "materials",
    "reminders",
    "oversight",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

# Database: PostgreSQL in production, a SQLite file by default.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the Celery worker share the file: wait for locks instead of
    # failing, and take the write lock when a transaction starts so it cannot deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared by every process, since allauth's rate limits count in it.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

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
LOGIN_REDIRECT_URL = "home"

# django-allauth: no open sign-up (see accounts.adapter), login by username or email.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = env.bool("ACCOUNT_RATE_LIMITS", default=True) and {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)

# Internationalisation: Simplified Chinese first, English available.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static and uploaded files.
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Uploads are private: they are served through views that check permission, never
# from MEDIA_URL. Set S3_BUCKET to keep them in an S3-compatible store shared by
# several web hosts.
S3_BUCKET = env("S3_BUCKET", default="")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "access_key": env("S3_ACCESS_KEY", default=None),
            "secret_key": env("S3_SECRET_KEY", default=None),
            "region_name": env("S3_REGION", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: console by default; EMAIL_URL such as smtp+tls://user:pass@host:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="党建互联共建 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when REDIS_URL is set, else a broker on the filesystem that needs no server.
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
else:
    CELERY_QUEUE_DIR = VAR_DIR / "celery"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_processed": str(CELERY_QUEUE_DIR / "processed"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
    }
    # Every process that sends a task needs the folders, not only the worker.
    for _folder in ("queue", "processed", "control"):
        (CELERY_QUEUE_DIR / _folder).mkdir(parents=True, exist_ok=True)

# Reminders: these frequent beat tasks send what has fallen due since (reminders/services.py).
# The schedule lives here, in code, so that exactly one reviewed schedule ships with each
# release; what admins tune (the requirement rules) is data in the admin instead.
REMINDER_SCAN_SECONDS = env.int("REMINDER_SCAN_SECONDS", default=60)
REMINDER_ACTIVITY_OFFSETS_HOURS = env.list("REMINDER_ACTIVITY_OFFSETS_HOURS", cast=int, default=[24, 1])
REMINDER_COMPLIANCE_OFFSETS_DAYS = env.list("REMINDER_COMPLIANCE_OFFSETS_DAYS", cast=int, default=[10, 3])
REMINDER_THEME_DAY_OFFSETS_DAYS = env.list("REMINDER_THEME_DAY_OFFSETS_DAYS", cast=int, default=[1])
REMINDER_PAIRING_OFFSETS_DAYS = env.list("REMINDER_PAIRING_OFFSETS_DAYS", cast=int, default=[30, 7])
REMINDER_SEND_HOUR = env.int("REMINDER_SEND_HOUR", default=9)  # local time of day-based reminders
REMINDER_BATCH_SIZE = env.int("REMINDER_BATCH_SIZE", default=2000)
REMINDER_KEEP_DAYS = env.int("REMINDER_KEEP_DAYS", default=400)
_every_scan = {"schedule": REMINDER_SCAN_SECONDS, "options": {"expires": REMINDER_SCAN_SECONDS}}
CELERY_BEAT_SCHEDULE = {
    "upcoming-activity-reminders": {"task": "reminders.tasks.send_activity_reminders", **_every_scan},
    "compliance-reminders": {"task": "reminders.tasks.send_compliance_reminders", **_every_scan},
    "theme-day-reminders": {"task": "reminders.tasks.send_theme_day_reminders", **_every_scan},
    "pairing-expiry-reminders": {"task": "reminders.tasks.send_pairing_expiry_reminders", **_every_scan},
    "email-pending-notifications": {
        "task": "notifications.tasks.email_pending_notifications", "schedule": 300, "options": {"expires": 300},
    },
    "purge-old-reminders": {"task": "reminders.tasks.purge_old_reminders", "schedule": 24 * 3600},
}

# Rich text (agreement goals, activity minutes, material texts): CKEditor 5 served from the
# package's own static files through portal.widgets.RichTextEditor; a small toolbar, and
# image uploads through portal.views.editor_image_upload (permission, size limit,
# re-encoding, random names) instead of the package's default view.
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "zh-cn",
        "toolbar": {"items": ["heading", "|", "bold", "italic", "link", "bulletedList", "numberedList",
                              "blockQuote", "|", "insertTable", "imageUpload", "|", "undo", "redo"]},
        "image": {"toolbar": ["imageTextAlternative"]},
        "table": {"contentToolbar": ["tableColumn", "tableRow"]},
        "link": {"defaultProtocol": "https://"},
    },
}
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor_image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png"]
# Activities: QR check-in opens this many minutes before the start and closes at the end.
ACTIVITY_CHECKIN_OPENS_MINUTES = env.int("ACTIVITY_CHECKIN_OPENS_MINUTES", default=60)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers; HTTPS-only cookies when served over TLS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
