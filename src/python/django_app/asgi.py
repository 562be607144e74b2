import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_app.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

from django_app.ws_asgi import with_websockets  # noqa: E402

# Django answers HTTP; /ws/echo and /ws/broadcast are plain ASGI beside it (django_app/ws_asgi.py).
application = with_websockets(get_asgi_application())
