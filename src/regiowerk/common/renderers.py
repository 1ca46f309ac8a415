"""API renderers: JSON, and DRF's browsable HTML pages under the Content-Security-Policy."""

from collections.abc import Mapping
from typing import Any

from csp.constants import UNSAFE_INLINE
from rest_framework.renderers import BrowsableAPIRenderer


class BrowsableApiRenderer(BrowsableAPIRenderer):
    """DRF's browsable API; its templates use ``style`` attributes and an inline
    ``<style>`` (code highlighting), which the policy allows on these pages only. Inline
    scripts stay forbidden (DRF's scripts are files)."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> str:
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return super().render(data, accepted_media_type, renderer_context)
