"""The one settings module, configured by environment variables (see docs/configuration.md)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Modes: "demo" is set by `tremplin demo`; tests set TREMPLIN_TEST. Production is the default.
DEMO = env_bool("TREMPLIN_DEMO")
TESTING = env_bool("TREMPLIN_TEST")
DEBUG = env_bool("DEBUG")

DATA_DIR = Path(os.environ.get("TREMPLIN_DATA_DIR", "var")).resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEMO:
    # The demo keeps its own key in its data folder, so that sessions survive a restart.
    _key_file = DATA_DIR / "secret_key"
    if not _key_file.exists():
        import secrets

        DATA_DIR.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if TESTING or DEBUG:
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "value (for example the output of `python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'`), or use `tremplin demo` to try Tremplin locally."
        )

# The public address of the platform, used in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "tremplin.core",
    "tremplin.reference",
    "tremplin.accounts",
    "tremplin.network",
    "tremplin.programmes",
    "tremplin.acceleration",
    "tremplin.applications",
    "tremplin.messaging",
    "tremplin.selection",
    "tremplin.catalogue",
    "tremplin.home",
    "tremplin.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    # First: a body larger than TREMPLIN_REQUEST_MAX_BYTES is refused before anything reads it.
    "tremplin.core.request_size.RequestSizeMiddleware",
    "tremplin.core.http_headers.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tremplin.core.http_headers.CacheControlMiddleware",
    "tremplin.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tremplin.accounts.middleware.RequireTwoFactorMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "tremplin.urls"
WSGI_APPLICATION = "tremplin.wsgi.application"

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
                "tremplin.core.context_processors.platform",
            ],
        },
    }
]

# Database: SQLite file in the data folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'tremplin.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if not os.environ.get("DATABASE_URL"):
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE transactions take the write
        # lock up front so that concurrent writers wait (busy timeout) instead of failing.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    if TESTING:
        DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    # The database cache is shared by every app server and needs no extra service; set
    # REDIS_URL to use Redis instead.
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tremplin_cache",
    }
}
if TESTING:
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

# Uploaded files on S3-compatible storage (see STORAGES below); independent of the cache.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True  # files are private: links are signed and expire

AUTH_USER_MODEL = "accounts.Person"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:home"

# django-allauth: e-mail is the identifier; verification is mandatory outside demo mode.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tremplin] "
ACCOUNT_ADAPTER = "tremplin.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "tremplin.accounts.adapter.user_display"
ACCOUNT_FORMS = {"signup": "tremplin.accounts.forms.SignupForm"}
ACCOUNT_RATE_LIMITS = {
    # Failed logins: 5 per minute per address and 10 per 5 minutes per account.
    "login_failed": "5/m/ip,10/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # Adding an address e-mails a confirmation to the address typed: bounded per hour, per
    # account and per connection, as the platform's own e-mails to typed addresses are.
    "manage_email": "10/m/user,20/h/user,60/h/ip",
}
# Behind N reverse proxies, the client's address is the N-th from the end of X-Forwarded-For;
# rate limits count attempts per client address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tremplin"
# Roles whose holders must have two-factor authentication before doing anything else.
TREMPLIN_REQUIRE_MFA = env_bool("TREMPLIN_REQUIRE_MFA", default=not DEMO)

LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["tremplin.formats"]
LANGUAGE_COOKIE_NAME = "tremplin_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = not (DEBUG or DEMO or TESTING)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")

STATIC_URL = "/static/"
# In demo, debug and test modes static files are served straight from the apps (see
# WHITENOISE_USE_FINDERS) and nothing is collected.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or (
    None if DEMO or DEBUG or TESTING else str(DATA_DIR / "static")
)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    # Uploaded files: a local folder by default (shared between app servers, e.g. over NFS), or
    # an S3-compatible object store when AWS_STORAGE_BUCKET_NAME is set (pip install
    # "tremplin[s3]"; django-storages reads AWS_* variables, see docs/configuration.md).
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage"
        if os.environ.get("AWS_STORAGE_BUCKET_NAME")
        else "django.core.files.storage.FileSystemStorage"
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEMO or DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In demo and debug modes static files are served straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = DEMO or DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads and request bodies (docs/configuration.md#files, docs/security.md). Every file is
# checked by tremplin.core.uploads; these are the sizes around it.
_MB = 1024 * 1024
# The largest file a call may accept (each call sets its own limit, at most this); the other
# pages take documents and pictures of at most 10 MB, a list of sites at most 5 MB.
TREMPLIN_UPLOAD_MAX_MB = int(os.environ.get("TREMPLIN_UPLOAD_MAX_MB") or 20)
# The largest request body: refused with a 413 page before any of it is read
# (tremplin.core.request_size). By default, room for three files of the largest size sent at
# once (a step of an application may ask for several), the other fields and the envelope.
TREMPLIN_REQUEST_MAX_BYTES = (
    int(os.environ.get("TREMPLIN_REQUEST_MAX_MB") or 3 * TREMPLIN_UPLOAD_MAX_MB + 4) * _MB
)
if TREMPLIN_REQUEST_MAX_BYTES < TREMPLIN_UPLOAD_MAX_MB * _MB + 4 * _MB:
    raise ImproperlyConfigured(
        "TREMPLIN_REQUEST_MAX_MB must leave room for one file of TREMPLIN_UPLOAD_MAX_MB and "
        "the form around it: set it to at least TREMPLIN_UPLOAD_MAX_MB + 4."
    )
# Form fields other than files, read in memory (Django's default); larger bodies of plain
# forms are refused (400).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * _MB)
# Files larger than this are written to a temporary file while the request is read, not kept
# in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * _MB)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# E-mail: printed to the console in demo and debug modes, SMTP otherwise.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEMO or DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tremplin <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work: a database queue served by `tremplin manage db_worker`; immediate in demo.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEMO or TESTING or env_bool("TASKS_IMMEDIATE")
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "email"],
    }
}

# Security headers. HTTPS settings are on outside demo, debug and tests.
SECURE = not (DEMO or DEBUG or TESTING)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0))
# Both flags reach beyond this site: includeSubDomains forces HTTPS on every subdomain of the
# host (another service of the national society on plain HTTP stops working), and preload,
# once the domain is on the browsers' list, for years. Each is the operator's decision:
# off unless set (docs/configuration.md). `check --deploy` would warn about each one off;
# that is the deliberate default, so those two warnings are silenced.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=SECURE)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=SECURE)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=SECURE)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "tremplin.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of the platform uses, denied to every page and frame (sent by
# tremplin.core.http_headers.PermissionsPolicyMiddleware). Camera and microphone: uploads
# are files chosen on the device; no map asks for the position; no payment in the browser.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per task run is noise in the terminal; failures are still logged.
        "django_tasks": {"level": "WARNING"},
    },
}

COUNTRIES_FIRST = ["FR", "ES", "BE", "CH", "IT", "DE", "MA", "TN", "SN", "LB"]

# The licence of the catalogue's published content (an SPDX identifier), the default of each
# new record; shown on the pages and in the open data (see docs/catalogue-open-data.md).
TREMPLIN_CATALOGUE_LICENCE = os.environ.get("TREMPLIN_CATALOGUE_LICENCE", "").strip() or "CC-BY-4.0"
# Requests a client (address) may make to the catalogue's JSON API: "<number>/<s|m|h|d>".
TREMPLIN_API_RATE = os.environ.get("TREMPLIN_API_RATE", "").strip() or "120/m"

# Actions that make the platform e-mail somebody the sender chooses, limited per account, per
# client address (counted as for sign-in, behind TRUSTED_PROXY_COUNT proxies) and per
# recipient: "<number>/<period>/<account|address|recipient>", comma-separated (see
# tremplin.core.ratelimit and docs/configuration.md).
TREMPLIN_RATE_LIMITS = {
    # A lead applicant invites a co-applicant by typing their e-mail address.
    "co_applicant_invitation": os.environ.get("TREMPLIN_RATE_CO_APPLICANT_INVITATION", "").strip()
    or "10/h/account,30/h/address,5/d/recipient",
    # A member asks the team behind an innovation to replicate it (the recipient is the team).
    "replication_request": os.environ.get("TREMPLIN_RATE_REPLICATION_REQUEST", "").strip()
    or "5/h/account,20/h/address,20/d/recipient",
    # Anyone, signed in or not, writes to an innovation's contact through its page.
    "innovation_contact": os.environ.get("TREMPLIN_RATE_INNOVATION_CONTACT", "").strip()
    or "5/h/account,10/h/address,20/d/recipient",
}
# The most co-applicants (invited or joined) an application may have.
TREMPLIN_MAX_CO_APPLICANTS = int(os.environ.get("TREMPLIN_MAX_CO_APPLICANTS", "").strip() or 10)

# The platform's name: in every page's title and header, and in the messages it sends.
TREMPLIN_PLATFORM_NAME = os.environ.get("TREMPLIN_PLATFORM_NAME", "Tremplin")
