"""Template tags of the web kit: markup that every page writes the same way."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, SafeString, mark_safe

register = template.Library()


def _label(label: object) -> str:
    """``label`` as ``{% translate %}`` writes it: a ``_("…")`` literal reaches a tag
    with its percent signs doubled (the msgid is python-format) and stays safe (it is
    template text, not escaped); any other value is escaped."""
    text = str(label)
    if isinstance(text, SafeData):
        return mark_safe(text.replace("%%", "%"))  # noqa: S308 (safe already)
    return text


@register.simple_tag
def column_heads(*labels: object) -> SafeString:
    """A table's head: one ``<th scope="col">`` per label, so that a screen reader
    reads each cell with its column, as in ``{% column_heads _("Name") _("City") %}``."""
    cells = format_html_join(
        "", '<th scope="col">{}</th>', ((_label(label),) for label in labels)
    )
    return format_html("<thead><tr>{}</tr></thead>", cells)
