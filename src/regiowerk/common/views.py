"""Page helpers more than one app uses (views stay thin: they call these)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

from regiowerk.common.forms import ImportForm
from regiowerk.common.imports import ImportReport, ImportSpec

RunImport = Callable[..., ImportReport]  # (upload, *, dry_run, filename) -> report


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
