"""CRIS settings: one module. Every environment variable is declared in this file through cris.env.

With nothing set, CRIS runs for development: embedded PostgreSQL, Celery tasks run eagerly, DEBUG on.
Production is switched on with CRIS_PRODUCTIE=true, which makes SECRET_KEY and ALLOWED_HOSTS required
and turns on secure cookies, HSTS, HTTPS redirects and mandatory two-factor login.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cris.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(
    env_str(
        "CRIS_VAR_DIR",
        str(BASE_DIR / "var"),
        shown="./var",
        help="Directory for runtime data (embedded database, collected static files, import inbox in development).",
    )
)


def _var_pad(name: str, *delen: str, help: str, group: str) -> Path:
    """A directory setting whose default lies below VAR_DIR (documented as ./var/...)."""
    standaard = VAR_DIR.joinpath(*delen)
    return Path(env_str(name, str(standaard), shown="/".join([".", "var", *delen]), help=help, group=group))


PRODUCTION = env_bool(
    "CRIS_PRODUCTIE",
    False,
    help="Production mode: requires SECRET_KEY and ALLOWED_HOSTS, "
    "turns on secure cookies, HSTS, HTTPS redirect and mandatory two-factor login.",
)
DEBUG = env_bool(
    "DJANGO_DEBUG",
    not PRODUCTION,
    shown="true, false in production",
    help="Django debug pages. Never on in production.",
)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on with CRIS_PRODUCTIE=true.")

SECRET_KEY = env_str(
    "SECRET_KEY",
    None,
    secret=True,
    group="Beveiliging",
    help="Django's secret key, at least 50 random characters. Required in production.",
)
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required when CRIS_PRODUCTIE=true.")
    SECRET_KEY = "development-only-insecure-key-never-use-in-production-0123456789abcdef"

SITE_URL = env_str(
    "CRIS_URL",
    "http://127.0.0.1:8000",
    help="Address at which staff reach CRIS, e.g. https://cris.example.nl; used for links in e-mail copies.",
).rstrip("/")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
    group="Beveiliging",
    shown="127.0.0.1,localhost,testserver; none in production",
    help="Host names this site answers to, comma-separated.",
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when CRIS_PRODUCTIE=true.")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS",
    [],
    group="Beveiliging",
    help="Origins (https://host) allowed to post forms, when behind a proxy.",
)

INSTALLED_APPS = [
    "cris.audit.admin_site.CrisAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "guardian",
    "django_celery_beat",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "cris",
    # Our apps, lowest layer first: cris → werkstroom → casus/taken/diensten → aanmelding → koppelingen.
    "cris.accounts",
    "cris.audit",
    "cris.notificaties",
    "werkstroom",
    "casus",
    "gebeurtenissen",
    "taken",
    "diensten",
    "documenten",
    "aanmelding",
    "rapportage",
    "schoning",
    "zoeken",
    "koppelingen",
    "koppelingen.afas",
    "koppelingen.berichten",
    "koppelingen.bsn",
    "koppelingen.partners",
    "testgegevens",
]

# The partner API (/api/, KOP-3/KOP-4): JSON only, a partner token per call, the OpenAPI document generated from
# the code (drf-spectacular) and committed as docs/openapi.yaml.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["koppelingen.partners.api.auth.PartnerAuthenticatie"],
    "DEFAULT_PERMISSION_CLASSES": ["koppelingen.partners.api.auth.Kanaal"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["koppelingen.partners.api.auth.StrikteJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CRIS partner-API",
    "DESCRIPTION": "Berichten van partners aan Slachtofferhulp Nederland (Mijnslachtofferhulp, externe "
    "organisaties zoals Perspectief Herstelbemiddeling). Zie docs/koppelingen.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVERS": [{"url": "/", "description": "CRIS"}],
}

MIDDLEWARE = [
    "cris.proxy.ProxyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cris.audit.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cris.accounts.middleware.SessieVerlengenMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cris.accounts.middleware.GeenCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cris.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "cris.invoer.InvoerMiddleware",  # issue 23 item 8: huge ids 404, NUL characters 400
]

ROOT_URLCONF = "cris.urls"
WSGI_APPLICATION = "cris.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `datum`: Django's `date` for list rows' numeric formats, faster (cris/templatetags/snelle_datums.py).
            "builtins": ["cris.templatetags.snelle_datums"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cris.context_processors.cris",
                "cris.notificaties.context_processors.notificaties",
                "aanmelding.context_processors.navigatie",
                "rapportage.context_processors.navigatie",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------
DATABASE_URL = env_str(
    "DATABASE_URL",
    None,
    secret=True,
    group="Database",
    help="postgres://user:password@host:port/name. Unset: an embedded PostgreSQL is "
    "started with its data in var/postgres (development and tests only).",
)
if not DATABASE_URL:
    if PRODUCTION:
        raise ImproperlyConfigured("DATABASE_URL is required when CRIS_PRODUCTIE=true.")
    from cris.embedded_db import embedded_database_url

    DATABASE_URL = embedded_database_url(VAR_DIR / "postgres")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE",
            60,
            group="Database",
            help="Seconds a database connection is kept open between requests.",
        ),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
_PARALLEL = env_int(
    "CRIS_DB_PARALLELLE_WERKERS",
    0,
    group="Database",
    help="PostgreSQL parallel workers per query for web and worker connections. 0: a page's short queries never "
    "pay the start-up of parallel workers (tens of ms); the nightly batch jobs set their own.",
)
_OPTIES = DATABASES["default"].setdefault("OPTIONS", {})
# No JIT either: compiling a plan costs tens of milliseconds, more than any page query takes to run.
_OPTIES["options"] = f"{_OPTIES.get('options', '')} -c max_parallel_workers_per_gather={_PARALLEL} -c jit=off".strip()
# Prepared statements only where the code asks for them (cris.db.voorbereid); Django's default threshold (None)
# prepares nothing else. Behind a connection pooler: docs/operations.md.
# Production reporting (DIE-4) may read from a replica: the reporting selectors use RAPPORTAGE_DATABASE.
RAPPORTAGE_DATABASE_URL = env_str(
    "CRIS_RAPPORTAGE_DATABASE_URL",
    None,
    secret=True,
    group="Database",
    help="postgres://… of a read replica for production reporting and management views. Unset: the reports "
    "read from DATABASE_URL.",
)
RAPPORTAGE_DATABASE = "default"
if RAPPORTAGE_DATABASE_URL:
    RAPPORTAGE_DATABASE = "rapportage"
    DATABASES["rapportage"] = {
        **dj_database_url.parse(RAPPORTAGE_DATABASE_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]),
        "ENGINE": "django.db.backends.postgresql",
        "OPTIONS": {"options": _OPTIES["options"]},
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["cris.db_router.RapportageRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache, Celery -------------------------------------------------------------------------------
REDIS_URL = env_str(
    "REDIS_URL",
    None,
    secret=True,
    group="Celery en Redis",
    help="redis://host:6379/0. Cache and (unless CELERY_BROKER_URL is set) Celery broker. "
    "Unset: a local memory cache, and Celery tasks run eagerly in the calling process.",
)
CELERY_BROKER_URL = env_str(
    "CELERY_BROKER_URL",
    REDIS_URL,
    secret=True,
    group="Celery en Redis",
    shown="REDIS_URL",
    help="Celery broker, e.g. amqp://user:pw@rabbitmq:5672// . Defaults to REDIS_URL.",
)
CELERY_RESULT_BACKEND = env_str(
    "CELERY_RESULT_BACKEND",
    REDIS_URL,
    secret=True,
    group="Celery en Redis",
    shown="REDIS_URL",
    help="Where task results are kept. Defaults to REDIS_URL.",
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if PRODUCTION and CELERY_TASK_ALWAYS_EAGER:
    raise ImproperlyConfigured("REDIS_URL or CELERY_BROKER_URL is required when CRIS_PRODUCTIE=true.")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # at-least-once: every task is idempotent
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 60 * 60
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs must not hang the pages (issue 23 item 4): give up quickly, the session is in
            # PostgreSQL (cris.sessies).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Form fields drawn once per combination ({% cache … using="fragmenten" %}, cris.formulieren): in each process's
# own memory, never in Redis, so a page never waits for or fails on Redis for them (issue 23 item 4).
CACHES["fragmenten"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "cris-fragmenten",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# --- Accounts, sessions, login --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Medewerker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cris.accounts.backends.MedewerkerBackend",  # ModelBackend, reading the roles with the user
    # Single sign-on (issue 22): only answers the identity provider's callback, and only when configured.
    "cris.accounts.oidc.MedewerkerOIDCBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # no anonymous user row: anonymous people see nothing
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "werkstroom:mijn_werk"
LOGIN_REDIRECT_URL_FAILURE = "/account/inloggen/?sso=geweigerd"  # a refused single sign-on

# --- Single sign-on: OpenID Connect (issue 22, cris/accounts/oidc.py, mozilla-django-oidc) -------------
OIDC_RP_CLIENT_ID = env_str(
    "CRIS_OIDC_CLIENT_ID", "", group="Single sign-on", help="Client id of CRIS at the identity provider. Empty: no SSO."
)
OIDC_RP_CLIENT_SECRET = env_str(
    "CRIS_OIDC_CLIENT_SECRET", "", group="Single sign-on", secret=True, help="Client secret of CRIS."
)
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
    "CRIS_OIDC_AUTORISATIE_URL", "", group="Single sign-on", help="The provider's authorization endpoint."
)
OIDC_OP_TOKEN_ENDPOINT = env_str("CRIS_OIDC_TOKEN_URL", "", group="Single sign-on", help="The token endpoint.")
OIDC_OP_USER_ENDPOINT = env_str("CRIS_OIDC_USERINFO_URL", "", group="Single sign-on", help="The userinfo endpoint.")
OIDC_OP_JWKS_ENDPOINT = (
    env_str(
        "CRIS_OIDC_JWKS_URL", "", group="Single sign-on", help="The provider's signing keys (JWKS) for the ID token."
    )
    or None
)
OIDC_RP_SIGN_ALGO = env_str("CRIS_OIDC_ALGORITME", "RS256", group="Single sign-on", help="ID token signature.")
OIDC_RP_SCOPES = env_str(
    "CRIS_OIDC_SCOPES", "openid email profile", group="Single sign-on", help="Scopes asked of the provider."
)
OIDC_PERSONEELSNUMMER_CLAIM = env_str(
    "CRIS_OIDC_PERSONEELSNUMMER_CLAIM",
    "personeelsnummer",
    group="Single sign-on",
    help="Claim holding the AFAS personnel number; without it the Medewerker is found by e-mail.",
)
OIDC_MFA_BIJ_IDP = env_bool(
    "CRIS_OIDC_MFA_BIJ_IDP",
    True,
    group="Single sign-on",
    help="The identity provider enforces multi-factor login, so a single sign-on session is not asked the TOTP code.",
)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_terug"
OIDC_CREATE_USER = False
OIDC_USE_NONCE = True
OIDC_VERIFY_SSL = True
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_ENGINE = "cris.sessies"  # cached_db, working on when Redis is down
SESSION_COOKIE_AGE = 60 * env_int(
    "CRIS_SESSIE_MINUTEN", 30, group="Beveiliging", help="Minutes of inactivity after which a session ends."
)
# An idle timeout: the age counts from the last request (SessieVerlengenMiddleware, at most one write a minute).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

TWO_FACTOR_REQUIRED = env_bool(
    "CRIS_2FA_VERPLICHT",
    PRODUCTION,
    group="Beveiliging",
    shown="CRIS_PRODUCTIE",
    help="Require TOTP two-factor login for every user. Defaults to CRIS_PRODUCTIE.",
)
OTP_TOTP_ISSUER = env_str(
    "CRIS_2FA_UITGEVER", "CRIS", group="Beveiliging", help="Issuer name shown in authenticator apps."
)

ACTIVATIELINK_UREN = env_int(
    "CRIS_ACTIVATIELINK_UREN",
    72,
    group="Beveiliging",
    help="Hours an e-mailed activation link (first password and first authenticator) stays valid.",
)
HERSTELLINK_MINUTEN = env_int(
    "CRIS_HERSTELLINK_MINUTEN",
    60,
    group="Beveiliging",
    help="Minutes an e-mailed password-reset link stays valid.",
)

AXES_FAILURE_LIMIT = env_int(
    "CRIS_LOGIN_MAX_POGINGEN", 5, group="Beveiliging", help="Failed logins after which an account is locked."
)
AXES_COOLOFF_TIME = (
    env_int(
        "CRIS_LOGIN_BLOKKADE_MINUTEN",
        15,
        group="Beveiliging",
        help="Minutes an account stays locked after too many failed logins.",
    )
    / 60
)
# Locked per account. Not per IP address: staff reach CRIS through a few shared office and VPN addresses,
# and an IP lockout would lock out a whole office after five typos (hence axes.W006 is silenced).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_ENABLE_ADMIN = True
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Django's four validators, with Dutch messages (cris/accounts/wachtwoordregels.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "cris.accounts.wachtwoordregels.Gelijkenis"},
    {"NAME": "cris.accounts.wachtwoordregels.Lengte", "OPTIONS": {"min_length": 12}},
    {"NAME": "cris.accounts.wachtwoordregels.Veelgebruikt"},
    {"NAME": "cris.accounts.wachtwoordregels.AlleenCijfers"},
]

# --- Security headers -----------------------------------------------------------------------------------
BEHIND_PROXY = env_bool(
    "CRIS_ACHTER_PROXY",
    PRODUCTION,
    group="Beveiliging",
    shown="CRIS_PRODUCTIE",
    help="Trust X-Forwarded-Proto and X-Forwarded-For from the TLS-terminating proxy (only from CRIS_PROXY_ADRESSEN).",
)
PROXY_ADRESSEN = env_list(
    "CRIS_PROXY_ADRESSEN",
    ["127.0.0.1", "::1"],
    group="Beveiliging",
    help="Addresses or networks (CIDR) of the TLS proxy in front of CRIS, comma-separated. Only requests from "
    "these may carry X-Forwarded-For/-Proto/-Host and the client-certificate header "
    "(CRIS_BERICHTEN_CERTIFICAAT_HEADER); from any other address those headers are removed (cris/proxy.py).",
)
try:
    from cris.proxy import netwerken

    netwerken(tuple(PROXY_ADRESSEN))
except ValueError as fout:
    raise ImproperlyConfigured(f"CRIS_PROXY_ADRESSEN: {fout}") from None
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool(
    "CRIS_HTTPS_REDIRECT",
    PRODUCTION,
    group="Beveiliging",
    shown="CRIS_PRODUCTIE",
    help="Redirect plain HTTP to HTTPS (the health endpoint is exempt).",
)
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_NAME = "__Host-sessionid" if PRODUCTION else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if PRODUCTION else "csrftoken"
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int(
    "CRIS_HSTS_SECONDEN",
    31536000 if PRODUCTION else 0,
    group="Beveiliging",
    shown="31536000 in production, else 0",
    help="Strict-Transport-Security max-age in seconds.",
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

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

# --- Internationalisation -------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- E-mail ---------------------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "localhost", group="E-mail", help="SMTP server.")
EMAIL_PORT = env_int("EMAIL_PORT", 587, group="E-mail", help="SMTP port.")
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "", group="E-mail", help="SMTP user name.")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "", group="E-mail", secret=True, help="SMTP password.")
EMAIL_USE_TLS = env_bool(
    "EMAIL_USE_TLS",
    True,
    group="E-mail",
    help="STARTTLS to the SMTP server (port 587). The server's certificate is verified against the system's "
    "CA store; point SSL_CERT_FILE at a bundle for an internal CA.",
)
EMAIL_USE_SSL = env_bool(
    "EMAIL_USE_SSL", False, group="E-mail", help="Implicit TLS to the SMTP server (port 465) instead of STARTTLS."
)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, group="E-mail", help="Seconds to wait for the SMTP server.")
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "cris@localhost", group="E-mail", help="Sender address of CRIS e-mail."
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_VERZENDING = env_choice(
    "CRIS_EMAIL_VERZENDING",
    "smtp" if PRODUCTION else "console",
    ["smtp", "console"],
    group="E-mail",
    shown="smtp in production, else console",
    help="smtp: deliver through EMAIL_HOST; console: print e-mail to the log (development only).",
)
if PRODUCTION and (EMAIL_VERZENDING != "smtp" or not (EMAIL_USE_TLS or EMAIL_USE_SSL)):
    raise ImproperlyConfigured("In production e-mail leaves through SMTP with TLS (DOC-2): set EMAIL_USE_TLS.")
EMAIL_BACKEND = f"django.core.mail.backends.{EMAIL_VERZENDING}.EmailBackend"
OUTBOX_MAX_POGINGEN = env_int(
    "CRIS_OUTBOX_MAX_POGINGEN",
    5,
    group="E-mail",
    help="Delivery attempts of an outgoing e-mail before it is marked failed (visible in the admin).",
)
OUTBOX_WACHTTIJD_SECONDEN = env_int(
    "CRIS_OUTBOX_WACHTTIJD_SECONDEN",
    60,
    group="E-mail",
    help="Wait before the second delivery attempt; it doubles after every further failure.",
)

NOTIFICATIE_EMAIL_SOORTEN = env_list(
    "CRIS_NOTIFICATIE_EMAIL",
    ["terugbelnotitie", "taak_overgedragen", "toegangsverzoek"],
    group="E-mail",
    help="Kinds of notification that also go by e-mail to the recipient (NOT-1): terugbelnotitie, "
    "taak_toegewezen, taak_overgedragen, toegangsverzoek, toegangsbesluit, import_quarantaine, "
    "document_gedeeld, brief_mislukt, email_mislukt.",
)

# --- Documenten en brieven ------------------------------------------------------------------------------
DOCUMENTEN_DIR = _var_pad(
    "CRIS_DOCUMENTEN_DIR",
    "documenten",
    group="Documenten",
    help="Directory where case documents are stored, outside the web root; only CRIS's access-checked "
    "download view serves them. Back it up together with the database.",
)
DOCUMENT_MAX_MB = env_int(
    "CRIS_DOCUMENT_MAX_MB",
    20,
    group="Documenten",
    help="Largest file (in MB) that can be added to a casus. A larger upload is not written to disk beyond "
    "this size (cris.uploads.UploadGrens).",
)
# The size limit comes first: nothing larger is spooled to a temporary file (issue 21 item 9).
FILE_UPLOAD_HANDLERS = [
    "cris.uploads.UploadGrens",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
ORGANISATIE_NAAM = env_str(
    "CRIS_ORGANISATIE_NAAM", "Slachtofferhulp Nederland", group="Documenten", help="Name on the letterhead."
)
ORGANISATIE_ADRES = env_list(
    "CRIS_ORGANISATIE_ADRES",
    ["Postbus 14208", "3508 SG Utrecht"],
    group="Documenten",
    help="Postal address on the letterhead, one line per comma.",
)
ORGANISATIE_TELEFOON = env_str(
    "CRIS_ORGANISATIE_TELEFOON", "0900-0101", group="Documenten", help="Telephone number on the letterhead."
)
ORGANISATIE_WEBSITE = env_str(
    "CRIS_ORGANISATIE_WEBSITE", "www.slachtofferhulp.nl", group="Documenten", help="Website on the letterhead."
)

# --- Koppelingen ----------------------------------------------------------------------------------------
AFAS_EXPORT_PATH = env_str(
    "CRIS_AFAS_EXPORT",
    None,
    group="Koppelingen",
    help="Path of the AFAS staff export (CSV or JSON) that the nightly job imports. "
    "Unset: the nightly AFAS import does nothing.",
)
AFAS_VOLLEDIG = env_bool(
    "CRIS_AFAS_VOLLEDIG",
    True,
    group="Koppelingen",
    help="The AFAS export is complete: staff missing from it are deactivated.",
)

BERICHTEN_INBOX = _var_pad(
    "CRIS_BERICHTEN_INBOX",
    "berichten",
    "inbox",
    group="Koppelingen",
    help="Inbox directory of the EDP/EDOM import (the partners' SFTP drop), polled every minute.",
)
BERICHTEN_ARCHIEF = _var_pad(
    "CRIS_BERICHTEN_ARCHIEF",
    "berichten",
    "archief",
    group="Koppelingen",
    help="Where imported EDP/EDOM files are moved, per day (archief/YYYY-MM-DD/). Same file system as the inbox.",
)
BERICHTEN_MAX_BYTES = env_int(
    "CRIS_BERICHTEN_MAX_BYTES",
    20 * 1024 * 1024,
    group="Koppelingen",
    help="Largest EDP/EDOM file or HTTP body that is read (bytes). A larger file goes to the quarantine unread.",
)
BERICHTEN_INBOX_WACHTTIJD = env_int(
    "CRIS_BERICHTEN_INBOX_WACHTTIJD",
    2,
    group="Koppelingen",
    help="Seconds a file must be unchanged in the inbox before it is taken (a file still being written is left).",
)
BERICHTEN_INBOX_MAX_POGINGEN = env_int(
    "CRIS_BERICHTEN_INBOX_MAX_POGINGEN",
    3,
    group="Koppelingen",
    help="Times an inbox file is started without finishing (its worker crashed or raised) before it goes to "
    "the quarantine with the reason, not to be tried again until processed again from the quarantine.",
)
CLOUDEVENTS_BRON = env_str(
    "CRIS_CLOUDEVENTS_BRON",
    "urn:nld:oin:00000000000000000000:systeem:cris",
    group="Koppelingen",
    help="The 'source' of every CloudEvent CRIS sends (KOP-3/4): per the NL GOV profile a URN with the "
    "organisation's OIN, urn:nld:oin:<OIN>:systeem:cris.",
)
WEBHOOK_TIMEOUT = env_int(
    "CRIS_WEBHOOK_TIMEOUT",
    10,
    group="Koppelingen",
    help="Seconds one webhook call to a partner may take; longer counts as a failed attempt (retried with "
    "CRIS_OUTBOX_WACHTTIJD_SECONDEN, doubling, up to CRIS_OUTBOX_MAX_POGINGEN attempts).",
)
OUTBOX_BEWAREN_VERZONDEN_DAGEN = env_int(
    "CRIS_OUTBOX_BEWAREN_VERZONDEN_DAGEN",
    30,
    group="Koppelingen",
    help="Days a delivered partner event (webhook outbox) is kept after it was sent; the nightly job "
    "gebeurtenissen-opruimen deletes it after that (issue 26, SCH: nothing is kept forever).",
)
OUTBOX_BEWAREN_MISLUKT_DAGEN = env_int(
    "CRIS_OUTBOX_BEWAREN_MISLUKT_DAGEN",
    90,
    group="Koppelingen",
    help="Days an event on the dead-letter list (status mislukt) is kept after it was written, for the "
    "application managers to replay; the nightly job gebeurtenissen-opruimen deletes it after that.",
)
BERICHTEN_CERTIFICAAT_HEADER = env_str(
    "CRIS_BERICHTEN_CERTIFICAAT_HEADER",
    "",
    group="Koppelingen",
    help="Request header in which the TLS proxy passes the verified client certificate's subject DN "
    "(e.g. X-SSL-Client-S-DN) for the EDP/EDOM endpoint. Empty: client certificates are not used, only tokens.",
)

BVBSN_URL = env_str(
    "CRIS_BVBSN_URL",
    "",
    group="Koppelingen",
    help="Endpoint of the BVBSN BSN service (SOAP, AAN-6); https:// only in production. "
    "Empty: BSNs are checked with the 11-proef only and "
    "referrals stay flagged 'BSN nog niet gecontroleerd'.",
)
BVBSN_TIMEOUT = env_int(
    "CRIS_BVBSN_TIMEOUT",
    5,
    group="Koppelingen",
    help="Seconds to wait for BVBSN (connect and answer) per attempt.",
)
BVBSN_POGINGEN = env_int(
    "CRIS_BVBSN_POGINGEN",
    2,
    group="Koppelingen",
    help="Retries after a failed attempt (connection error, timeout, HTTP 502/503/504), with a short backoff. "
    "After that the check waits for the next retry run (every 5 minutes).",
)
BVBSN_CERTIFICAAT = env_str(
    "CRIS_BVBSN_CERTIFICAAT",
    "",
    group="Koppelingen",
    help="Path of the client certificate (PEM) for BVBSN's mutual TLS. Empty: no client certificate.",
)
BVBSN_SLEUTEL = env_str(
    "CRIS_BVBSN_SLEUTEL",
    "",
    group="Koppelingen",
    help="Path of the private key (PEM) of that certificate, if it is not in the certificate file.",
)
BVBSN_CA = env_str(
    "CRIS_BVBSN_CA",
    "",
    group="Koppelingen",
    help="CA bundle to verify BVBSN's server certificate. Empty: the system's CAs. When set, "
    "REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE do not override it.",
)
if PRODUCTION and BVBSN_URL and not BVBSN_URL.lower().startswith("https://"):
    raise ImproperlyConfigured("CRIS_BVBSN_URL must be an https:// address when CRIS_PRODUCTIE=true (BSNs travel).")

# --- Casussen -------------------------------------------------------------------------------------------
CASUS_AFRONDEN_NA_DAGEN = env_int(
    "CRIS_CASUS_AFRONDEN_DAGEN",
    30,
    group="Casussen",
    help="Days a casus stays Passief before the nightly run makes it Afgerond (CAS-3).",
)
TOEGANG_MAX_DAGEN = env_int(
    "CRIS_TOEGANG_MAX_DAGEN",
    30,
    group="Casussen",
    help="Longest temporary access to a casus a team leader can grant, in days (AUT-2).",
)
TOEGANG_NOOD_UREN = env_int(
    "CRIS_TOEGANG_NOOD_UREN",
    24,
    group="Casussen",
    help="Hours that emergency access of the piket (Acute Opvang, outside office hours) lasts (AUT-2).",
)
TEVREDENHEID_DIR = _var_pad(
    "CRIS_TEVREDENHEID_DIR",
    "tevredenheid",
    group="Casussen",
    help="Directory where the weekly invitation file of the satisfaction survey is written for the "
    "research party (CAS-5, KOP-6). Pseudonymous, but personal data: restrict who can read it.",
)
TEVREDENHEID_SLEUTEL = env_str(
    "CRIS_TEVREDENHEID_SLEUTEL",
    "",
    group="Casussen",
    secret=True,
    help="Secret key for the pseudonymous client number in the survey file (HMAC). Empty: derived from "
    "SECRET_KEY. Keep it stable, or the research party cannot link two waves of the same client.",
)

CELERY_BEAT_SCHEDULE = {
    "afas-importeren": {"task": "koppelingen.afas.tasks.afas_importeren", "schedule": crontab(hour=1, minute=0)},
    "berichten-inbox": {"task": "koppelingen.berichten.tasks.inbox_verwerken", "schedule": 60.0},
    # Aanleveringen left 'bezig' by a run that died (issue 23 item 6).
    "aanleveringen-opruimen": {"task": "koppelingen.berichten.tasks.aanleveringen_opruimen", "schedule": 300.0},
    # BSN checks that BVBSN could not answer yet (AAN-6).
    "bsn-controles-herhalen": {"task": "koppelingen.bsn.tasks.bsn_controles_herhalen", "schedule": 300.0},
    # Received referrals without an automatic decision (AAN-8/9): lost task, broker down, killed worker.
    "aanmeldingen-automatisch-herhalen": {"task": "aanmelding.tasks.automatisch_herhalen", "schedule": 300.0},
    "casusstatus-herberekenen": {
        "task": "taken.tasks.casusstatus_herberekenen",
        "schedule": crontab(hour=2, minute=30),
    },
    # AUT-2: grants past their end become verlopen, and their holders hear of it.
    "toegang-verlopen": {"task": "casus.tasks.toegang_verlopen", "schedule": crontab(minute="*/5")},
    # CAS-5: select closed cases and write the week's invitation file, Monday morning.
    "tevredenheid-week": {
        "task": "casus.tasks.tevredenheid_week",
        "schedule": crontab(hour=6, minute=0, day_of_week=1),
    },
    # Outgoing e-mail whose retry was lost, and e-mail copies of notifications (NOT-1).
    "outbox-verwerken": {"task": "documenten.tasks.outbox_verwerken", "schedule": crontab(minute="*")},
    # Events to the partners' webhooks (KOP-3/4) whose retry is due or whose task was lost.
    "gebeurtenissen-afleveren": {
        "task": "koppelingen.partners.tasks.gebeurtenissen_afleveren",
        "schedule": crontab(minute="*"),
    },
    # Retention of the partner event outbox: delivered events and old dead letters (issue 26).
    "gebeurtenissen-opruimen": {
        "task": "koppelingen.partners.tasks.gebeurtenissen_opruimen",
        "schedule": crontab(hour=4, minute=45),
    },
    # Retention (SCH-2, SCH-3): the nightly selection list, then any approved or interrupted purge.
    "schoning-selecteren": {"task": "schoning.tasks.selecteren", "schedule": crontab(hour=3, minute=0)},
    "schoning-uitvoeren": {"task": "schoning.tasks.uitvoeren", "schedule": crontab(hour=3, minute=30)},
    # DIE-4: production figures of closed months that are missing or stale (a write in a closed month), after
    # the purge; a stale month is counted live until then.
    "productie-voorberekenen": {
        "task": "diensten.tasks.productie_voorberekenen",
        "schedule": crontab(minute=20),
    },
    # Issue 23 item 10: document files whose upload was cut off before its row was committed.
    "weesbestanden-opruimen": {
        "task": "documenten.tasks.weesbestanden_opruimen",
        "schedule": crontab(hour=4, minute=15),
    },
    # The audit log's monthly partitions, three months ahead (issue 22).
    "audit-partities": {"task": "cris.audit.tasks.audit_partities", "schedule": crontab(hour=0, minute=15)},
    # The list entries' GIN index: its pending entries merged here, not in a page view (audit migration 0007).
    "audit-lijstindex": {"task": "cris.audit.tasks.lijstindex_bijwerken", "schedule": 60.0},
}

# --- Logging --------------------------------------------------------------------------------------------
LOG_LEVEL = env_choice(
    "CRIS_LOG_NIVEAU",
    "INFO",
    ["DEBUG", "INFO", "WARNING", "ERROR"],
    group="Algemeen",
    help="Log level of CRIS's own loggers.",
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cris.audit.context.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "cris": {"level": LOG_LEVEL},
        "koppelingen": {"level": LOG_LEVEL},
        "werkstroom": {"level": LOG_LEVEL},
        "documenten": {"level": LOG_LEVEL},
    },
}
