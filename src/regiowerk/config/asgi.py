"""ASGI entry point (production = base settings + environment)."""

import os

from django.core.asgi import get_asgi_application

from regiowerk.common.checks import refuse_unsafe_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiowerk.config.settings.base")
application = get_asgi_application()
refuse_unsafe_settings()  # no production start on published keys (common.checks)
