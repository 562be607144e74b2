import os

import perfnb_db as db

SECRET_KEY = "perfnotebooks-benchmark-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "django_app.urls"
# The app holds the World and Fortune models of the realistic workloads; no other app, no middleware.
INSTALLED_APPS = ["django_app"]
MIDDLEWARE = []
USE_TZ = True
WSGI_APPLICATION = "django_app.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
# runserver logs every request through 'django.server': access logs are off in every stack.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {"django.server": {"level": "ERROR"}},
}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": True},
    }
]

# The database of the realistic workloads, when the launcher started one: Django's ORM keeps one connection per
# thread open for the thread's life (CONN_MAX_AGE None): a worker with T threads holds T connections.
if db.KIND == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": db.SQLITE_PATH,
            "CONN_MAX_AGE": None,
            "OPTIONS": {"timeout": db.SQLITE_BUSY_SECONDS},
        }
    }
elif db.KIND == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db.PG_NAME,
            "USER": db.PG_USER,
            "HOST": db.PG_HOST,
            "CONN_MAX_AGE": None,
        }
    }
else:
    DATABASES = {}
