SECRET_KEY = "perfnotebooks-benchmark-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "django_app.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
WSGI_APPLICATION = "django_app.wsgi.application"
# runserver logs every request through 'django.server': access logs are off in every stack.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {"django.server": {"level": "ERROR"}},
}
