"""What an access-log row says was read, in the user's language.

The access log stores a short, stable English code in ``AccessLog.what`` (``"dossier
page"``, ``"matching: skills"``): old rows keep meaning the same when a label changes.
Pages and exports show the label. Each app names the codes it logs with
:func:`name_accesses` (from its ``AppConfig.ready``); a code without a label is shown
as it is stored.
"""

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

_LABELS: dict[str, Promise] = {}


def name_accesses(labels: Mapping[str, Promise]) -> None:
    """Register the labels of the access-log codes an app logs."""
    _LABELS.update(labels)


def access_labels() -> Mapping[str, Promise]:
    return dict(_LABELS)


def what_label(what: str) -> str:
    """The label of access-log code ``what`` in the active language."""
    label = _LABELS.get(what)
    return str(label) if label is not None else what


def _label(text: str) -> Promise:
    return pgettext_lazy("access log", text)


name_accesses(
    {
        "person": _label("person"),
        "person-by-bsn": _label("person found by BSN"),
        "person list": _label("person list"),
        "person-list": _label("person list"),
        "edit person": _label("edit person"),
        "dossier": _label("dossier"),
        "dossier page": _label("dossier page"),
        "dossier-list": _label("dossier list"),
        "open dossier": _label("open dossier"),
        "close dossier": _label("close dossier"),
        "intake": _label("intake"),
        "goals": _label("goals"),
        "plan": _label("plan"),
        "plan-action": _label("plan action"),
        "contact moments": _label("contact moments"),
        "contact-moments": _label("contact moments"),
        "consent": _label("consent"),
        "consents": _label("consents"),
        "labour status": _label("labour-market status"),
        "labour-status": _label("labour-market status"),
        "export": _label("data export"),
        "erase": _label("erasure"),
    }
)
