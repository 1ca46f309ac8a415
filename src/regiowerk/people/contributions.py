"""What other apps keep about a person: one explicit registry instead of reflection.

``people`` sits below the apps that refer to a person (services, matching, later
placements and vouchers) and must not import them. Each such app declares, in its
``AppConfig.ready()``, a :class:`Contribution`: the models that name a person, how to
export what they hold (GDPR art. 15/20), how to erase it (art. 17), and the links it adds
to the dossier page. Export, erasure and the dossier page iterate the registry; the
system check :func:`check_contributions` fails when a model with a foreign key to
``Person`` is covered by no contribution, so a new app cannot forget one.

    from regiowerk.people import contributions

    class ServicesConfig(AppConfig):
        def ready(self) -> None:
            contributions.register(
                contributions.Contribution(
                    app_label="services",
                    title=_("Services and events"),
                    models=("services.Enrolment", "services.EventRegistration"),
                    export=export_person_records,
                    erase=erase_person_records,
                    dossier_links=dossier_links,
                )
            )
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core import checks
from django.db import models
from django.utils.functional import Promise

if TYPE_CHECKING:
    from regiowerk.organisations.queries import Actor
    from regiowerk.people.models import Person


@dataclass(frozen=True)
class DossierLink:
    """A link another app adds to the dossier page (e.g. "Aanmelden voor een dienst")."""

    label: str | Promise
    url: str


Exporter = Callable[["Person"], list[dict[str, Any]]]
Eraser = Callable[["Person"], None]
LinkMaker = Callable[["Actor", "Person"], Iterable[DossierLink]]


def _no_links(actor: "Actor", person: "Person") -> list[DossierLink]:
    return []


@dataclass(frozen=True)
class Contribution:
    """What one app keeps about a person and how the person's rights reach it.

    ``models`` are ``"app_label.ModelName"`` strings of every model of the app with a
    foreign key to ``Person`` (directly). ``export(person)`` returns JSON-serialisable
    rows for the data export (labels and names, not internal ids); ``erase(person)``
    removes or blanks what identifies the person, in the caller's transaction, and must
    be idempotent. ``dossier_links(actor, person)`` gives the links shown on the dossier
    page for ``actor`` (casework rights already checked by the page).
    """

    app_label: str
    title: str | Promise
    models: tuple[str, ...]
    export: Exporter
    erase: Eraser
    dossier_links: LinkMaker = field(default=_no_links)


_registry: dict[str, Contribution] = {}


def register(contribution: Contribution) -> None:
    """Record ``contribution`` (from an ``AppConfig.ready()``). Registering the same
    app again replaces its entry (``ready()`` may run more than once in tests)."""
    _registry[contribution.app_label] = contribution


def registered() -> list[Contribution]:
    """The registered contributions, in app-label order (a stable export order)."""
    return [_registry[label] for label in sorted(_registry)]


def covered_models() -> set[str]:
    return {label.lower() for c in _registry.values() for label in c.models}


def models_naming_a_person() -> list[type[models.Model]]:
    """Every installed model (outside ``people``) with a foreign key to ``Person``."""
    person = apps.get_model("people", "Person")
    found = []
    for model in apps.get_models():
        if model._meta.app_label == "people":
            continue
        if any(
            isinstance(f, models.ForeignKey | models.OneToOneField)
            and f.related_model is person
            for f in model._meta.get_fields()
        ):
            found.append(model)
    return found


@checks.register(checks.Tags.models)
def check_contributions(**kwargs: Any) -> list[checks.CheckMessage]:
    """regiowerk.E001: a model names a person but no app registered a contribution for
    it, so export and erasure would silently miss it."""
    covered = covered_models()
    return [
        checks.Error(
            f"{model._meta.label} has a foreign key to Person but no registered "
            "contribution covers it: export and erasure would miss it.",
            hint=(
                "Register a people.contributions.Contribution listing it in "
                f"the {model._meta.app_label} app's AppConfig.ready()."
            ),
            obj=model,
            id="regiowerk.E001",
        )
        for model in models_naming_a_person()
        if model._meta.label_lower not in covered
    ]
