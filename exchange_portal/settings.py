"""Settings of the Exchange Portal. Every value comes from the environment.

The defaults give the embedded set-up of ``make run``: SQLite in the project
folder, tasks run in-process, e-mail printed to the console. Production sets
DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY, ALLOWED_HOSTS and EMAIL_URL.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from exchange_portal.env import email_settings, env_bool, env_int, env_list, env_str, filesystem_broker_options

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS and not DEBUG:
    # gunicorn would start and answer every request with 400; say why at start instead.
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public address for links in feeds, e-mails and PDFs. Unset, links follow the request (core.site);
# production requires it (deploy check exchange_portal.E001), since workers have no request.
SITE_URL = env_str("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with the _en/_fr fields.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's form templates, for FORM_RENDERER below
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "phonenumber_field",
    # Country names in English and French for the city form (its translations; no model field uses it).
    "django_countries",
    "csp",
    "core",
    "accounts",
    "cities",
    "participants",
    "exchanges",
    "reports",
    # After the apps whose models it keeps the history of (audit.models registers them).
    "audit",
    "search",
    # Pages that gather several apps (city profiles' exchanges, personal data): above them all.
    "overview",
    # The read-only API, exports and structured data (issue 18): above every app it reads.
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is chosen (its 400 page is translated), before any view reaches the database.
    "core.middleware.QueryStringHygieneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.i18n.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "exchange_portal.urls"
WSGI_APPLICATION = "exchange_portal.wsgi.application"

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
                "core.context_processors.portal",
                "exchanges.context_processors.roles",
                "accounts.context_processors.mfa",
            ],
        },
    },
]

# One field template for every form: {{ field.as_field_group }} renders templates/includes/field.html.
FORM_RENDERER = "core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail login, invitation-only (no open sign-up; see
# accounts.adapters).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_ADAPTER = "accounts.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
# BEHIND_PROXY says a reverse proxy is in front and is the only way in (docker-compose.yml sets it).
# Off by default: a client that reaches gunicorn directly could otherwise send a fresh X-Forwarded-For
# on every try and never meet the per-IP login limit. Behind the proxy every request comes from the
# proxy's address, so the per-IP limits read the client from X-Forwarded-For (TRUSTED_PROXY_COUNT hops).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Exchange Portal] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Exchange Portal")
# Staff hold every exchange's personal data: no staff page without TOTP (accounts.middleware). On by
# default in production; off with DEBUG (make run), where a banner on every staff page says production
# requires it (accounts.context_processors). Tests switch it off except where MFA is under test.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", not DEBUG)
# Phone numbers (django-phonenumber-field) are entered in international form (+221…): the people of an exchange
# come from several countries, so no country is assumed. Stored as E.164, shown grouped for reading.
PHONENUMBER_DEFAULT_REGION = None
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)

CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL:
    # core.cache: a Redis outage falls back to process memory (logged) instead of failing every login.
    # Short timeouts: a request must not hang on an unreachable cache host.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FailSafeRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # Each calendar event is cached on its own (exchanges.feeds): room for a large programme's, not the default
    # 300 entries (about 1 KB each: 20 MB at most per process).
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}}
    }

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Texts people write are stored per language (title_en, title_fr: see <app>/translation.py). Existing content
# is English; a text that lacks the reader's language falls back to the other one, and pages mark it so
# (core.translated).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr"), "en": ("fr",), "fr": ("en",)}
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["exchange_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env_str("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

vars().update(email_settings(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Exchange Portal <portal@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without a broker every task runs in-process (eagerly) through the
# same code path and the same job rows; core.apps says so in the log at start.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 50)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands a message that a worker took but never acknowledged (the worker was killed, its machine
# lost) to another worker after this many seconds. It must exceed the longest time a healthy worker
# holds a message unacknowledged: a render's hard limit (REPORT_RENDER_TIME_LIMIT + 30 s) and the
# countdown of an agenda digest (AGENDA_DIGEST_DELAY_SECONDS), or a second worker gets a task the first
# is still running. Production keeps an hour; the reliability drills set a few seconds.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Look for such messages every few seconds (Kombu's default is every 100 s): one cheap Redis query.
    "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 2)),
    "unacked_restore_throttle": 1,
    # A request that queues a task must not hang on an unreachable broker: fail fast, the job row stays
    # queued and reports.sweep_stale_jobs sends it again once the broker answers.
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
# The embedded broker of `make run`: Kombu's filesystem transport keeps each message as a file under
# .run/broker/ (git-ignored) for the worker that `make run` starts beside runserver. No Redis, and the same
# task code path as production (countdowns, beat, retries); one machine only, so development only.
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(
        Path(env_str("CELERY_FILESYSTEM_BROKER_DIR", str(BASE_DIR / ".run" / "broker")))
    )
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Idempotent: each reminder is claimed in the database before it is sent.
    "next-step-reminders": {
        "task": "exchanges.send_next_step_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Follow-up check-ins 3, 6 and 12 months after an exchange (the programme's months); each claimed in the database.
    "next-step-check-ins": {
        "task": "exchanges.send_check_ins",
        "schedule": crontab(hour=7, minute=15),
    },
    # Sign-off requests still waiting: the approvers who have not answered are reminded every few days (claimed).
    "release-sign-off-reminders": {
        "task": "reports.send_release_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    # Feedback surveys of exchanges that ended: each e-mail and its one reminder are claimed in the database, and
    # go between 09:00 and 18:00 of each person's home time zone, so the task runs every hour.
    "feedback-surveys": {
        "task": "exchanges.send_surveys",
        "schedule": crontab(minute=10),
    },
    # Render jobs whose message never reached the broker, was lost, or whose worker died: send them again.
    "sweep-stale-render-jobs": {
        "task": "reports.sweep_stale_jobs",
        "schedule": env_int("REPORT_SWEEP_INTERVAL", 60),
    },
}

# Agenda change digests go out this long after the last edit of a burst (one e-mail per burst).
AGENDA_DIGEST_DELAY_SECONDS = env_int("AGENDA_DIGEST_DELAY_SECONDS", 600)
# A PDF render stops after this many seconds (the worker's hard limit is 30 s later).
REPORT_RENDER_TIME_LIMIT = env_int("REPORT_RENDER_TIME_LIMIT", 60)
# reports.sweep_stale_jobs sends a queued job again when its message never reached the broker (after
# REPORT_DISPATCH_GRACE seconds) or was handed over more than REPORT_REQUEUE_AFTER seconds ago.
REPORT_DISPATCH_GRACE = env_int("REPORT_DISPATCH_GRACE", 10)
REPORT_REQUEUE_AFTER = env_int("REPORT_REQUEUE_AFTER", 900)

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Production hardening; all on unless DEBUG.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No page reads the CSRF cookie from JavaScript: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# The preload directive only asks; nothing is preloaded until someone submits
# the apex domain. check --deploy (security.W021) wants it on in production.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# django-csp 4: nothing inline, nothing from elsewhere. htmx's indicator style
# is switched off in base.html (htmx-config); allauth's TOTP QR code is a data: image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # Failed and refused logins (accounts.adapters); ship it to the SIEM in production.
        "exchange_portal.security": {"level": "INFO"},
        # reports.rendering follows these INFO records to show render progress; they are not for the console.
        "weasyprint.progress": {"level": "INFO", "handlers": [], "propagate": False},
    },
}

# Requests per minute and per API token (api.services.token_rate_check); 0 turns the limit off.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120)

# The network whose programmes this installation runs; printed on reports.
NETWORK_NAME = env_str("NETWORK_NAME", "Strong Cities Network")

# The feedback survey of an exchange takes answers until this many days after the exchange's last day.
SURVEY_OPEN_DAYS = env_int("SURVEY_OPEN_DAYS", 28)
