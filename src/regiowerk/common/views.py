"""Page helpers more than one app uses (views stay thin: they call these)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regiowerk.common.forms import ImportForm
from regiowerk.common.imports import (
    ImportReport,
    ImportSpec,
    template_csv,
    template_xlsx,
)

RunImport = Callable[..., ImportReport]  # (upload, *, dry_run, filename) -> report
TEMPLATES: dict[str, tuple[str, Callable[[ImportSpec], bytes]]] = {
    "csv": ("text/csv; charset=utf-8", template_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        template_xlsx,
    ),
}


def import_page(
    request: HttpRequest,
    *,
    title: str | Promise,
    back_url: str,
    spec: ImportSpec,
    run: RunImport,
) -> HttpResponse:
    """The upload page of an all-or-nothing import: form, row report, column list.

    ``run`` is the app's import function with the actor already bound; the caller has
    checked the right to import.
    """
    template = request.GET.get("sjabloon")
    if template in TEMPLATES:
        content_type, make = TEMPLATES[template]
        response = HttpResponse(make(spec), content_type=content_type)
        name = f"{slugify(str(title))}-{_('template')}.{template}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = run(upload, dry_run=form.cleaned_data["dry_run"], filename=upload.name)
        if report.ok and not report.dry_run:
            messages.success(request, report.summary())
    context: dict[str, Any] = {
        "title": title,
        "back_url": back_url,
        "form": form,
        "report": report,
        "columns": spec.describe(),
    }
    return render(request, "regiowerk/import.html", context)
