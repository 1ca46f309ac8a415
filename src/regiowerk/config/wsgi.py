"""WSGI entry point (production = base settings + environment)."""

import os

from django.core.wsgi import get_wsgi_application

from regiowerk.common.checks import refuse_unsafe_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiowerk.config.settings.base")
application = get_wsgi_application()
refuse_unsafe_settings()  # no production start on published keys (common.checks)
