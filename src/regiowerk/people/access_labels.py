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


name_accesses(
    {
        "person": pgettext_lazy("access log", "person"),
        "person-by-bsn": pgettext_lazy("access log", "person found by BSN"),
        "person list": pgettext_lazy("access log", "person list"),
        "person-list": pgettext_lazy("access log", "person list"),
        "edit person": pgettext_lazy("access log", "edit person"),
        "dossier": pgettext_lazy("access log", "dossier"),
        "dossier page": pgettext_lazy("access log", "dossier page"),
        "dossier-list": pgettext_lazy("access log", "dossier list"),
        "open dossier": pgettext_lazy("access log", "open dossier"),
        "close dossier": pgettext_lazy("access log", "close dossier"),
        "hand over dossier": pgettext_lazy("access log", "hand over client"),
        "dossier-responsible": pgettext_lazy("access log", "hand over client"),
        "intake": pgettext_lazy("access log", "intake"),
        "goals": pgettext_lazy("access log", "goals"),
        "plan": pgettext_lazy("access log", "plan"),
        "plan-action": pgettext_lazy("access log", "plan action"),
        "contact moments": pgettext_lazy("access log", "contact moments"),
        "contact-moments": pgettext_lazy("access log", "contact moments"),
        "consent": pgettext_lazy("access log", "consent"),
        "consents": pgettext_lazy("access log", "consents"),
        "labour status": pgettext_lazy("access log", "labour-market status"),
        "labour-status": pgettext_lazy("access log", "labour-market status"),
        "export": pgettext_lazy("access log", "data export"),
        "erase": pgettext_lazy("access log", "erasure"),
        "start page: my clients": pgettext_lazy("access log", "start page: my clients"),
        "start page: plan actions due": pgettext_lazy(
            "access log", "start page: plan actions due"
        ),
        "start page: planned contact moments": pgettext_lazy(
            "access log", "start page: planned contact moments"
        ),
        "start page: recently changed dossiers": pgettext_lazy(
            "access log", "start page: recently changed dossiers"
        ),
    }
)
