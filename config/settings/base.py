"""Settings shared by every environment; every value that differs comes from the environment."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_broker, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("MATURASI_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", required=not DEBUG) or "local-insecure-key-for-debug-only"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "axes",
    "operations",
    "cities",
    "maturity",
    "reports",
]

MIDDLEWARE = [
    "config.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.language.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "config.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "maturasi.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")) or VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []

# Evidence, programme files and reports are private: never served by URL, only through
# permission-checked downloads.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")) or VAR_DIR / "media")
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Where to verify first (docs/VERIFICATION.md): each risk factor adds up to ``weight`` points; it
# counts once its measure reaches ``threshold`` and gives its whole weight at ``full`` (linearly
# in between). Indexes are on the 0-5 scale, shares between 0 and 1, counts whole indicators.
# A factor left out of the dict, or weighing 0, is not counted.
VERIFICATION_PRIORITY_WEIGHTS = {
    # self index minus the region's previous approved verified index; names the indicators whose
    # self level now stands ``level_gap`` or more above their verified level then
    "above_previous": {"weight": 30, "threshold": 0.3, "full": 1.0, "level_gap": 2},
    # self index minus the median self index of the cycle's regions of the same kind; names the
    # indicators whose self level stands ``level_gap`` or more above that kind's median level
    "above_peers": {"weight": 20, "threshold": 0.3, "full": 1.0, "level_gap": 2},
    # share of the answers with a data quality that are estimated or modelled, not measured
    "estimated": {"weight": 15, "threshold": 0.25, "full": 0.75},
    # share of the answered indicators without any evidence
    "evidence_missing": {"weight": 15, "threshold": 0.1, "full": 0.5},
    # indicators backed by a file (same SHA-256) that backs ``min_indicators`` or more of them
    "evidence_shared": {"weight": 10, "threshold": 3, "full": 8, "min_indicators": 3},
    # indicators whose verified level fell ``level_gap`` or more below their self level in the
    # region's last approved cycle
    "previous_gap": {"weight": 20, "threshold": 1, "full": 5, "level_gap": 2},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Maturasi <noreply@maturasi.local>")
SITE_URL = (env_str("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cities.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "cities.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"sign_in": "20/min"},
    "NUM_PROXIES": env_int("TRUSTED_PROXY_COUNT", 0, minimum=0),
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Maturasi API",
    "DESCRIPTION": "Smart-city maturity self-assessment (Maturasi)",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The error answers of API.md (400/401/403/404/409) documented on every operation.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.schema.add_error_responses",
    ],
}

# Failed sign-ins: ten wrong passwords for one user, or from one address, lock further attempts
# for the cool-off period, even with the right password.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
# A list of separate parameters means either one locks (axes 8 counts each separately and takes
# the highest): ten failures for one username from anywhere, or from one address for any names.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Behind a reverse proxy REMOTE_ADDR is the proxy; with TRUSTED_PROXY_COUNT=N the client address is
# the Nth address from the right of X-Forwarded-For (what the proxies appended, not what the client
# sent), for axes and for DRF's rate limits alike.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "cities.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "cities.lockout.lockout_response"

CELERY_BROKER_URL = env_broker("CELERY_BROKER_URL", VAR_DIR / "broker")
BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for _folder in ("queue", "processed", "control"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
        "control_folder": str(BROKER_DIR / "control"),
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Celery's Django fixup closes every database connection around every task unless this is set;
# workers keep theirs (a new PostgreSQL connection per task cost more than the scoring itself)
# and config/celery_app.py still drops broken or aged ones (CONN_MAX_AGE, health checks).
CELERY_DB_REUSE_MAX = 1000
# Publishing must not hang a request while the broker is down: the sweep re-sends what failed.
# (A publish gives up after task_publish_retry_policy's few short retries, each connection
# attempt bounded by this timeout.)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Workers and beat, on the other hand, keep trying to reconnect for as long as the broker is away
# (None: for ever), so that they carry on by themselves once it is back; a limit here made a
# worker shut down two seconds into an outage (tests/proof/test_broker_outage.py).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Jobs heal from their worker's heartbeat: a job whose worker has not beaten for
# JOB_WORKER_STALE_SECONDS (or has no heartbeat at all) is requeued by a sweep that runs every
# JOB_HEAL_SECONDS, until it has been started JOB_MAX_ATTEMPTS times; then it is failed with a
# reason. A killed worker's job so runs again within about a minute of the kill.
WORKER_HEARTBEAT_SECONDS = 10
JOB_WORKER_STALE_SECONDS = env_int(
    "JOB_WORKER_STALE_SECONDS", 45, minimum=3 * WORKER_HEARTBEAT_SECONDS
)
JOB_HEAL_SECONDS = env_int("JOB_HEAL_SECONDS", 15, minimum=1)
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 3, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-scores": {"task": "maturity.tasks.sweep_stale_scores", "schedule": 60.0},
    "sweep-stuck-reports": {
        "task": "reports.tasks.sweep_reports",
        "schedule": float(JOB_HEAL_SECONDS),
    },
    "heal-scoring": {"task": "maturity.tasks.heal_scoring", "schedule": float(JOB_HEAL_SECONDS)},
    "deadline-reminders": {
        "task": "maturity.tasks.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "clean-old-report-files": {
        "task": "reports.tasks.clean_old_report_files",
        "schedule": crontab(hour=2, minute=30),
    },
    "remove-orphan-files": {
        "task": "maturity.tasks.remove_orphan_files",
        "schedule": crontab(hour=3, minute=15),
    },
}
REPORT_FILE_RETENTION_DAYS = env_int("REPORT_FILE_RETENTION_DAYS", 90, minimum=1)
REPORT_SOFT_TIME_LIMIT = env_int("REPORT_SOFT_TIME_LIMIT", 300, minimum=10)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.middleware.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "celery": {"level": "INFO"},
    },
}
