"""WSGI entry point: `gunicorn config.wsgi` (bin/serve). Static files are served by WhiteNoise's
middleware (config/settings.py), so no separate static server is needed."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
