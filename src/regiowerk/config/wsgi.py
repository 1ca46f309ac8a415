"""WSGI entry point (production = base settings + environment)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiowerk.config.settings.base")
application = get_wsgi_application()
