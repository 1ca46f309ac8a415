"""Forms and form fields more than one app uses."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regiowerk.common.imports import SUPPORTED_EXTENSIONS, max_upload_bytes


def any_of(
    label: Any,
    choices: Iterable[tuple[str, Any]],
    *,
    all_label: Any,
) -> forms.ChoiceField:
    """An optional filter: one of ``choices``, or every one (the empty first option,
    ``all_label``)."""
    return forms.ChoiceField(
        label=label, required=False, choices=[("", all_label), *choices]
    )


def search_words(
    label: Any, *, help_text: Any, max_length: int = 100
) -> forms.CharField:
    """The words a search page looks for (required), with an example as help text."""
    return forms.CharField(label=label, max_length=max_length, help_text=help_text)


class ImportForm(forms.Form):
    """Upload of a CSV or Excel file for an all-or-nothing import."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("A .csv (UTF-8, separated by ; or ,) or .xlsx file."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, do not import"), required=False
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(SUPPORTED_EXTENSIONS):
            raise forms.ValidationError(
                _("Choose a .csv or .xlsx file."), code="extension"
            )
        limit = max_upload_bytes()
        if upload.size > limit:  # the size is known before the file is read
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB; split it into smaller files."),
                code="too_large",
                params={"max": limit // (1024 * 1024)},
            )
        return upload


# Native pickers; the value is ISO, which every locale's DateField accepts.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUT = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT
)


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Checkboxes whose label and error link point at the first box (Django gives a
    checkbox group no id for its label)."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)


class VersionedForm(forms.Form):
    """Carries the version of the record the user saw, so a concurrent change is
    refused (``common.locking``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
