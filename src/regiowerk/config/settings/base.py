"""All settings. Values come from the environment; see .env.example for each variable.

Production is this module plus real environment variables (there is no production.py).
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parents[4]  # repository root
SRC_DIR = BASE_DIR / "src" / "regiowerk"
env = environ.Env()  # reads os.environ only; never a file

# --- Core -----------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY")  # required: no default in base
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "regiowerk.common",  # before third-party apps: its templates override theirs
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Redoc served from our own static files, not a CDN
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "regiowerk.organisations",
    "regiowerk.employers",
    "regiowerk.people",
    "regiowerk.services",
    "regiowerk.matching",
    "regiowerk.placements",
    "regiowerk.monitoring",
    "regiowerk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "regiowerk.common.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regiowerk.common.middleware.PrivateResponseMiddleware",  # no-store, Permissions-Policy
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "regiowerk.organisations.middleware.TwoFactorMiddleware",  # the second log-in step
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # it needs the authenticated user
    "regiowerk.common.middleware.QuietNotFoundMiddleware",  # DEBUG's 404 echoes the path
]

ROOT_URLCONF = "regiowerk.config.urls"
WSGI_APPLICATION = "regiowerk.config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "regiowerk.organisations.context_processors.current_organisation",
            ],
        },
    },
]

# --- Database: SQLite unless DATABASE_URL says otherwise (postgres://user:pw@host/db) --
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests on SQLite get the answers PostgreSQL gives (one success, one
    # conflict) instead of "database is locked": a write-ahead log (readers do not block
    # the writer), waiting up to 20 s for the write lock, and taking that lock when a
    # transaction begins (a deferred transaction that read first cannot wait for it:
    # SQLite fails it at once to avoid a deadlock).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# With DEBUG off the app refuses to start on SQLite unless this says it is intended
# (a single-user install); see regiowerk.common.checks and docs/configuration.md.
REGIOWERK_SINGLE_USER_SQLITE = env.bool("REGIOWERK_SINGLE_USER_SQLITE", default=False)

# --- Authentication -----------------------------------------------------------------------
AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while an IP/user is locked out
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "regiowerk.organisations.passwords.CommonDutchPasswordValidator"},
    {"NAME": "regiowerk.organisations.passwords.NameInPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = env.int("REGIOWERK_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out login may try again after 15 minutes
# Failures count per user name (from any address) and per client address (across user
# names: one address trying many accounts), each up to AXES_FAILURE_LIMIT.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Behind a reverse proxy every request comes from the proxy's address: name the header
# the proxy sets to the client's (e.g. HTTP_X_FORWARDED_FOR); see organisations.login.
REGIOWERK_CLIENT_IP_HEADER = env.str("REGIOWERK_CLIENT_IP_HEADER", default="")
AXES_CLIENT_IP_CALLABLE = "regiowerk.organisations.login.client_ip"
# Two-factor log-in (TOTP apps, django-otp): available to everyone, required for
# administrators unless this is off (the development settings turn it off for the demo).
REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS = env.bool(
    "REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS", default=True
)
OTP_TOTP_ISSUER = "regiowerk"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "organisations/locked_out.html"  # in the app's layout, Dutch
AXES_ENABLE_ACCESS_FAILURE_LOG = (
    False  # access attempts are not personal-data reads; keep the log small
)

# --- Sessions and security headers ---------------------------------------------------------
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int(
    "DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60
)  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS: redirect plain http and send HSTS wherever the cookies are HTTPS-only (production;
# the dev and test settings turn DJANGO_SECURE_COOKIES off). Behind a proxy that ends TLS,
# DJANGO_SECURE_PROXY_SSL_HEADER names the header that says the request came over https.
SECURE_SSL_REDIRECT = env.bool(
    "DJANGO_SECURE_SSL_REDIRECT", default=SESSION_COOKIE_SECURE
)
SECURE_HSTS_SECONDS = env.int(
    "DJANGO_SECURE_HSTS_SECONDS",
    default=365 * 24 * 60 * 60 if SESSION_COOKIE_SECURE else 0,
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
if _proxy_ssl_header := env.str("DJANGO_SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https")
# Content-Security-Policy (django-csp): everything from this host, no inline scripts or
# styles, no plugins, no framing. The API docs page relaxes it (config/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Internationalisation: Dutch first, English available --------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files: served by the app itself (whitenoise), never from a CDN ---------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- REST API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an unauthenticated call answers 401 with ``WWW-Authenticate: Token``.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "regiowerk.organisations.api_keys.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON only: a form-encoded partial update would turn every boolean left out into
    # false. No operation takes a file (imports are web pages).
    "DEFAULT_PARSER_CLASSES": ["regiowerk.common.api_input.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "regiowerk.common.renderers.BrowsableApiRenderer",  # under the CSP
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "regiowerk.common.api_input.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "regiowerk.common.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("REGIOWERK_API_RATE", default="2000/hour")
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "regiowerk API",
    "DESCRIPTION": (
        "REST API of regiowerk: persons, dossiers, consents, services, enrolments, "
        "events, employers, vacancies, the skills taxonomy, matching and programme "
        "monitoring (programmes, projects, indicators, targets and their reports).\n\n"
        "## Authentication\n\n"
        "Make a personal API key on the page *API-sleutel* (`/api-sleutel/`, in the "
        "menu at the top right once logged in) and send it with every call:\n\n"
        "    Authorization: Token <key>\n\n"
        "A call without a valid key answers `401` with `WWW-Authenticate: Token`. The "
        "key acts as you, with your roles; replacing or revoking it on that page stops "
        "the old key at once. The key is shown once, when it is made: regiowerk keeps "
        "only a hash of it and cannot show it again, so store it where your program "
        "keeps its secrets (lost: make a new one). An administrator can also make one "
        "with `manage.py api_token <username>`. Keys made before (40 hexadecimal "
        "digits) keep working.\n\n"
        "## The organisation you act for\n\n"
        "When you belong to more than one organisation, name the one you act for in the "
        "`X-Organisation` header (its id); without it, the first of your organisations by name is used. "
        "An id that is not one of your organisations answers `403`.\n\n"
        "    curl -H 'Authorization: Token rw_9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b5a0c7e3d91f2b6a84c07e5d1' \\\n"
        "         -H 'X-Organisation: 3' \\\n"
        "         https://regiowerk.example.nl/api/v1/services/\n\n"
        "Bodies are JSON only (`Content-Type: application/json`; anything else answers "
        "`415`). Lists are paginated (`?limit=`, at most 200, and `?offset=`). Errors "
        "have one shape, in Dutch: "
        '`{"errors": [{"field": ..., "code": ..., "message": ...}]}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "REDOC_DIST": "SIDECAR",
    # Several models have fields called "type" and "status": name their enums by domain.
    "ENUM_NAME_OVERRIDES": {
        "LabourStatusEnum": "regiowerk.people.constants.LabourStatus",
        "PersonContractTypeEnum": "regiowerk.people.constants.ContractType",
        "DossierStatusEnum": "regiowerk.people.constants.DossierStatus",
        "ContactTypeEnum": "regiowerk.people.constants.ContactType",
        "ServiceTypeEnum": "regiowerk.services.constants.ServiceType",
        "EnrolmentStatusEnum": "regiowerk.services.constants.EnrolmentStatus",
        "EventTypeEnum": "regiowerk.services.constants.EventType",
        "OrganisationTypeEnum": "regiowerk.organisations.constants.OrganisationType",
        "VacancyContractTypeEnum": "regiowerk.employers.constants.ContractType",
        "VacancyStatusEnum": "regiowerk.employers.constants.VacancyStatus",
        "ReportingCadenceEnum": "regiowerk.monitoring.constants.ReportingCadence",
        "SubsidyRoundingEnum": "regiowerk.monitoring.constants.SubsidyRounding",
        "PartyRoleEnum": "regiowerk.monitoring.constants.PartyRole",
        "ActivityCategoryEnum": "regiowerk.monitoring.constants.ActivityCategory",
        "IndicatorKindEnum": "regiowerk.monitoring.constants.IndicatorKind",
        "DeliverableStatusEnum": "regiowerk.monitoring.constants.DeliverableStatus",
        "TargetChangeKindEnum": "regiowerk.monitoring.constants.TargetChangeKind",
        "TargetChangeStatusEnum": "regiowerk.monitoring.constants.TargetChangeStatus",
        "ApproverEnum": "regiowerk.monitoring.constants.Approver",
        "ProgressStateEnum": "regiowerk.monitoring.constants.ProgressState",
        "CandidacySourceEnum": "regiowerk.placements.constants.CandidacySource",
        "ObservationSourceEnum": "regiowerk.people.constants.ObservationSource",
        "PlacementKindEnum": "regiowerk.placements.constants.PlacementKind",
        "PlacementContractEnum": "regiowerk.placements.constants.PlacementContract",
        "CheckInKindEnum": "regiowerk.placements.constants.CheckInKind",
        "CheckInStatusEnum": "regiowerk.placements.constants.CheckInStatus",
    },
}

# --- Privacy ---------------------------------------------------------------------------------
# Key for the keyed HMAC pseudonym of a BSN (de-duplication and linkage without plain text).
REGIOWERK_BSN_PSEUDONYM_KEY = env.str("REGIOWERK_BSN_PSEUDONYM_KEY")
# Fernet key(s), comma-separated, newest first: encrypts a BSN only where the person consented.
REGIOWERK_BSN_ENCRYPTION_KEYS = env.list("REGIOWERK_BSN_ENCRYPTION_KEYS")
# Default retention of a closed dossier before the retention command anonymises it.
REGIOWERK_RETENTION_DAYS = env.int("REGIOWERK_RETENTION_DAYS", default=2 * 365)
# The largest import file (CSV or Excel) the upload pages take, in MB.
REGIOWERK_IMPORT_MAX_MB = env.int("REGIOWERK_IMPORT_MAX_MB", default=20)
# Uploaded documents (a deliverable's reports): stored below MEDIA_ROOT, which the web
# server must NOT serve (there is no MEDIA_URL); the app serves each after a rights check.
MEDIA_ROOT = env.path("REGIOWERK_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
REGIOWERK_DOCUMENT_MAX_MB = env.int("REGIOWERK_DOCUMENT_MAX_MB", default=25)
# The statistical early warning of placements: what evaluate_placement_risk decided
# (the model's coefficients and figures, used only when it beat the rules on held-out
# data); without the file the early warning is the rules' (placements/risk_model.py).
PLACEMENT_RISK_MODEL = env.path(
    "REGIOWERK_PLACEMENT_RISK_MODEL",
    default=BASE_DIR / "var" / "placement_risk_model.json",
)

# --- E-mail: the reminders (remind_overdue_reports) ------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@mail.example.nl:587; by default printed to stdout.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="regiowerk@localhost")

# --- Logging: to stderr; personal data is never logged (see docs/privacy.md) ---------------
# Error reports (the DEBUG 500 page, logged and mailed reports) hide personal fields and
# BSN-like numbers whatever DEBUG says.
DEFAULT_EXCEPTION_REPORTER_FILTER = "regiowerk.common.errorreports.PersonalDataFilter"
DEFAULT_EXCEPTION_REPORTER = (
    "regiowerk.common.errorreports.PersonalDataExceptionReporter"
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    # a request's path in a log line is shown as its URL pattern (common.errorreports)
    "filters": {
        "scrubbed_path": {"()": "regiowerk.common.errorreports.ScrubbedRequestPath"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["scrubbed_path"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env.str("DJANGO_LOG_LEVEL", default="INFO"),
    },
    # axes logs every log-in at INFO; failed attempts still show at WARNING
    "loggers": {"axes": {"level": "WARNING"}},
}
