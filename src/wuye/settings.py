"""Settings, read from the environment.

Development (the default) runs on SQLite at var/wuye.sqlite3 with a throw-away secret.
Production (`WUYE_ENV=production`) refuses to start without SECRET_KEY (a real one, not a
placeholder), ALLOWED_HOSTS and a DATABASE_URL, and serves only over HTTPS behind a proxy
that says so in `X-Forwarded-Proto`.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from bootstrap_wrapper import get_bootstrap_dir
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("WUYE_VAR_DIR", PROJECT_DIR / "var"))

PRODUCTION = os.environ.get("WUYE_ENV", "development") == "production"
DEBUG = not PRODUCTION and os.environ.get("WUYE_DEBUG", "1") == "1"


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when WUYE_ENV=production.")
    return value


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.")
    return int(value)


def _env_flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes"}


# Words that mark a key copied from an example rather than generated.
PLACEHOLDER_WORDS = re.compile(
    r"insecure|change|placeholder|development|secret.?key|example|dummy|default", re.I
)


def _real_secret(key: str) -> str:
    """A production key: long, varied, and not a phrase from an example file."""
    if len(key) < 50 or len(set(key)) < 20 or PLACEHOLDER_WORDS.search(key):
        raise ImproperlyConfigured(
            "SECRET_KEY looks like a placeholder: generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    return key


if PRODUCTION:
    SECRET_KEY = _real_secret(_required("SECRET_KEY"))
    ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
    DATABASES = {"default": dj_database_url.parse(_required("DATABASE_URL"), conn_max_age=60)}
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HTTPS only: plain HTTP is redirected, and browsers are told to remember it (HSTS).
    SECURE_SSL_REDIRECT = _env_flag("WUYE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = _env_int("WUYE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("WUYE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_flag("WUYE_HSTS_PRELOAD", True)
    CSRF_TRUSTED_ORIGINS = [
        o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
    ]
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "wuye-development-only-secret-key-not-for-production")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"]
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": dj_database_url.config(
            default=f"sqlite:///{VAR_DIR / 'wuye.sqlite3'}", conn_max_age=0
        )
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, scheduler) share one file: wait for locks, and
    # take the write lock at the start of a transaction so that select_for_update-style
    # sections cannot deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

# Key for personal data encrypted at rest (ID-card numbers). Derived from SECRET_KEY
# unless set on its own, so that rotating the web secret can be separated from it.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", SECRET_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    # Third-party apps named in the user's language (wuye.core.installed).
    "wuye.core.installed.TasksConfig",
    "ninja",
    "wuye.core.installed.AxesConfig",
    "csp",
    "django_otp",
    "wuye.core.installed.TotpDevicesConfig",
    "wuye.core.installed.StaticDevicesConfig",
    "wuye.core",
    "wuye.estates",
    "wuye.servicedesk",
    "wuye.billing",
    "wuye.staff",
    "wuye.engagement",
    "wuye.security",
    "wuye.facilities",
    "wuye.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wuye.core.twofactor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wuye.core.middleware.RefuseNulMiddleware",
    # Last, so that it sees the lockout a login attempt flagged and answers it.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wuye.urls"
WSGI_APPLICATION = "wuye.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wuye.core.context_processors.navigation",
                "wuye.core.context_processors.inbox",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "wuye.core.signin.NotLikeUsernameValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The first backend refuses a login while its username and address are locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Guessing passwords: after WUYE_LOGIN_FAILURE_LIMIT wrong ones for a username from one
# address, that pair is locked out for WUYE_LOGIN_COOLOFF_MINUTES (each attempt during the
# lockout starts the wait again); a successful login forgets the failures.
AXES_FAILURE_LIMIT = _env_int("WUYE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=_env_int("WUYE_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wuye.core.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "wuye.core.signin.client_ip"
# Proxies in front of the server that append the client's address to X-Forwarded-For.
WUYE_PROXY_COUNT = _env_int("WUYE_PROXY_COUNT", 1 if PRODUCTION else 0)
AXES_VERBOSE = False

# API tokens live this long after they were issued.
API_TOKEN_LIFETIME = timedelta(days=_env_int("WUYE_API_TOKEN_DAYS", 30))
# Two-factor sign-in: the name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "Wuye"

# Pages load scripts only from this site (htmx and Bootstrap are served from here); styles
# may be inline because charts and progress bars set sizes in style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["wuye.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [("bootstrap", get_bootstrap_dir())]

# Uploaded files (work-order photos), kept apart from the static files.
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("WUYE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)

# The address people open the site at, for the links in e-mails.
SITE_URL = os.environ.get("WUYE_SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")

# The channels messages leave by besides the in-app inbox (always on). In development, text
# messages and WeChat go through the console adapter, which writes them to the log.
NOTIFY_CHANNELS = ["wuye.core.channels.EmailChannel"]
if not PRODUCTION:
    NOTIFY_CHANNELS += ["wuye.core.channels.SmsChannel", "wuye.core.channels.WeChatChannel"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"wuye": {"level": "INFO"}},
}

# Page size of every staff list and API list.
PAGE_SIZE = 50
