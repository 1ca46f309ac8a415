"""Changes in the matching app: importing a taxonomy, linking occupations and skills."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from regiowerk.common.ids import fits_an_id_column
from regiowerk.employers import actions as employer_actions
from regiowerk.employers.models import Vacancy
from regiowerk.matching.constants import LinkSource, SkillSource
from regiowerk.matching.models import (
    Occupation,
    OccupationSkill,
    PersonOccupation,
    PersonSkill,
    ServiceSkill,
    Skill,
    SkillBroader,
    TaxonomyRelease,
)
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import AccessDenied, may_change_person
from regiowerk.people.models import Person
from regiowerk.services.models import Service
from regiowerk.services.permissions import may_manage_catalogue
from skillmatch import Occupation as TaxonomyOccupation
from skillmatch import Skill as TaxonomySkill
from skillmatch import Taxonomy

Progress = Callable[[str, int], None]  # (phase, rows done in that phase)
BATCH = 2000
Concept = TypeVar("Concept", Occupation, Skill)


@dataclass
class ImportSummary:
    """What an import changed, per kind of row: created, updated, removed, kept."""

    release: TaxonomyRelease | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, kind: str, what: str, n: int = 1) -> None:
        row = self.counts.setdefault(kind, {"created": 0, "updated": 0, "removed": 0})
        row[what] = row.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return any(
            n
            for row in self.counts.values()
            for what, n in row.items()
            if what != "kept"
        )

    def as_text(self) -> str:
        lines = [
            f"{kind}: " + ", ".join(f"{n} {what}" for what, n in row.items())
            for kind, row in self.counts.items()
        ]
        return (
            "\n".join(lines)
            if self.changed
            else "No changes: the taxonomy is up to date."
        )


def _occupation_values(occ: TaxonomyOccupation) -> dict[str, str]:
    return {
        "label": occ.label[:300],
        "alt_labels": "\n".join(occ.alt_labels),
        "hidden_labels": "\n".join(occ.hidden_labels),
        "isco_group": occ.isco_group,
        "description": occ.description,
    }


def _skill_values(skill: TaxonomySkill) -> dict[str, str]:
    return {
        "label": skill.label[:400],
        "skill_type": skill.skill_type,
        "reuse_level": skill.reuse_level,
        "alt_labels": "\n".join(skill.alt_labels),
    }


def _upsert(
    model: type[Concept],
    wanted: dict[str, dict[str, str]],
    summary: ImportSummary,
    kind: str,
    linked: Callable[[], set[int]],
) -> dict[str, int]:
    """Bring ``model``'s rows to ``wanted`` (uri → values); return uri → pk."""
    existing = {row.uri: row for row in model.objects.all()}
    fields = list(next(iter(wanted.values()), {}).keys())
    new = [
        model(uri=uri, **values)
        for uri, values in wanted.items()
        if uri not in existing
    ]
    changed = []
    for uri, values in wanted.items():
        row = existing.get(uri)
        if row is not None and any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            changed.append(row)
    model.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=BATCH)
    gone = {row.pk for uri, row in existing.items() if uri not in wanted}
    keep = gone & linked()  # still linked to people or services: kept, not deleted
    model.objects.filter(pk__in=gone - keep).delete()
    summary.count(kind, "created", len(new))
    summary.count(kind, "updated", len(changed))
    summary.count(kind, "removed", len(gone - keep))
    if keep:
        summary.count(kind, "kept", len(keep))
    return dict(model.objects.values_list("uri", "pk"))


def _sync_pairs(
    model: type[models.Model],
    wanted: set[tuple[Any, ...]],
    key: tuple[str, ...],
    summary: ImportSummary,
    kind: str,
) -> None:
    existing = {
        tuple(row[:-1]): (row[-1])
        for row in model._default_manager.values_list(*key, "pk")
    }
    new = wanted - set(existing)
    gone = [pk for pair, pk in existing.items() if pair not in wanted]
    model._default_manager.bulk_create(
        [model(**dict(zip(key, pair, strict=True))) for pair in new], batch_size=BATCH
    )
    for start in range(0, len(gone), BATCH):
        model._default_manager.filter(pk__in=gone[start : start + BATCH]).delete()
    summary.count(kind, "created", len(new))
    summary.count(kind, "removed", len(gone))


@transaction.atomic
def import_taxonomy(
    *,
    taxonomy: Taxonomy,
    name: str,
    source: str,
    is_demo: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Make the taxonomy tables equal to ``taxonomy`` (idempotent) and record a release.

    Occupations and skills that disappeared but are still linked to people or services
    are kept (reported as ``kept``). A release row is added only when something changed.
    """
    report = progress or (lambda _phase, _n: None)
    summary = ImportSummary()
    occ_pk = _upsert(
        Occupation,
        {uri: _occupation_values(o) for uri, o in taxonomy.occupations.items()},
        summary,
        "occupations",
        lambda: set(PersonOccupation.objects.values_list("occupation_id", flat=True)),
    )
    report("occupations", len(taxonomy.occupations))
    skill_pk = _upsert(
        Skill,
        {uri: _skill_values(s) for uri, s in taxonomy.skills.items()},
        summary,
        "skills",
        lambda: (
            set(PersonSkill.objects.values_list("skill_id", flat=True))
            | set(ServiceSkill.objects.values_list("skill_id", flat=True))
        ),
    )
    report("skills", len(taxonomy.skills))
    relations = {
        (occ_pk[occ], skill_pk[s], essential)
        for occ in taxonomy.occupations
        for essential, skills in (
            (True, taxonomy.essential_skills(occ)),
            (False, taxonomy.optional_skills(occ)),
        )
        for s in skills
        if s in skill_pk
    }
    # an occupation-skill pair is either essential or optional, never both
    relations -= {(o, s, False) for o, s, e in relations if e}
    _sync_pairs(
        OccupationSkill,
        relations,
        ("occupation_id", "skill_id", "is_essential"),
        summary,
        "relations",
    )
    report("relations", len(relations))
    broader = {
        (skill_pk[uri], parent)
        for uri in taxonomy.skills
        for parent in taxonomy.broader_skills(uri)
    }
    _sync_pairs(
        SkillBroader,
        broader,
        ("narrower_id", "broader_uri"),
        summary,
        "skill hierarchy",
    )
    report("skill hierarchy", len(broader))
    if summary.changed or not TaxonomyRelease.objects.exists():
        summary.release = TaxonomyRelease.objects.create(
            name=name,
            source=source,
            is_demo=is_demo,
            occupation_count=len(taxonomy.occupations),
            skill_count=len(taxonomy.skills),
            relation_count=len(relations),
        )
    return summary


# --- Rights ---------------------------------------------------------------------------


def _require_change(actor: Actor, person: Person) -> None:
    """A person's profile is changed by casework at the holding organisation only (the
    gate's rule); anyone else gets the gate's not-found-or-no-access error."""
    if not may_change_person(actor=actor, person=person):
        raise AccessDenied


def _require_catalogue_right(actor: Actor, service: Service) -> None:
    if not may_manage_catalogue(actor=actor, provider=service.provider):
        raise PermissionDenied(_("Only the provider's catalogue managers may do this."))


# --- A person's occupations and skills ----------------------------------------------------


def link_occupation(
    *,
    actor: Actor,
    person: Person,
    occupation: Occupation,
    is_current: bool,
    confirmed: bool,
) -> PersonOccupation:
    """Record that ``person`` holds (or held) ``occupation``; ``person`` comes from access.

    Raises AccessDenied unless ``actor`` may change the person.
    """
    _require_change(actor, person)
    link, _created = PersonOccupation.objects.update_or_create(
        person=person,
        occupation=occupation,
        defaults={
            "is_current": is_current,
            "source": LinkSource.CONFIRMED if confirmed else LinkSource.SUGGESTED,
            "linked_by": actor.user,
        },
    )
    return link


def unlink_occupation(*, actor: Actor, person: Person, occupation_id: int) -> None:
    """Remove an occupation from a person's profile (AccessDenied for other actors)."""
    _require_change(actor, person)
    if fits_an_id_column(occupation_id):  # a larger id names no row (and would crash)
        PersonOccupation.objects.filter(
            person=person, occupation_id=occupation_id
        ).delete()


def set_person_skills(
    *, actor: Actor, person: Person, skills: Iterable[Skill], source: SkillSource | str
) -> list[PersonSkill]:
    """Add declared or assessed skills to a person's profile (assessed wins over declared).

    Raises AccessDenied unless ``actor`` may change the person.
    """
    _require_change(actor, person)
    if source not in SkillSource.values:
        raise ValidationError({"source": _("Unknown skill source.")})
    links = []
    for skill in skills:
        link, created = PersonSkill.objects.get_or_create(
            person=person, skill=skill, defaults={"source": source}
        )
        if not created and source == SkillSource.ASSESSED and link.source != source:
            link.source = source
            link.save(update_fields=["source", "updated_at"])
        links.append(link)
    return links


def remove_person_skill(*, actor: Actor, person: Person, skill_id: int) -> None:
    """Remove a declared or assessed skill from a person's profile (AccessDenied for
    other actors)."""
    _require_change(actor, person)
    if fits_an_id_column(skill_id):  # a larger id names no row (and would crash)
        PersonSkill.objects.filter(person=person, skill_id=skill_id).delete()


def confirm_vacancy_occupation(
    *, actor: Actor, vacancy: Vacancy, occupation: Occupation
) -> Vacancy:
    """Link ``vacancy`` to a taxonomy occupation, confirmed by ``actor``'s user.

    Raises PermissionDenied for roles that may not change vacancies.
    """
    return employer_actions.set_vacancy_occupation(
        actor=actor,
        vacancy=vacancy,
        occupation_uri=occupation.uri,
        label=occupation.label,
        confirmed=True,
    )


def add_vacancy_skills(
    *, actor: Actor, vacancy: Vacancy, skills: Iterable[Skill], is_essential: bool
) -> None:
    """Add taxonomy skills to a vacancy (required or optional), keeping the others.

    Raises PermissionDenied for roles that may not change vacancies.
    """
    listed = {
        s.skill_uri: (s.skill_uri, s.skill_label, s.is_essential)
        for s in vacancy.skills.all()
    }
    for skill in skills:
        listed[skill.uri] = (skill.uri, skill.label, is_essential)
    employer_actions.set_vacancy_skills(
        actor=actor, vacancy=vacancy, skills=listed.values()
    )


def remove_vacancy_skill(*, actor: Actor, vacancy: Vacancy, skill_uri: str) -> None:
    """Take one skill off a vacancy; raises PermissionDenied for other roles."""
    employer_actions.set_vacancy_skills(
        actor=actor,
        vacancy=vacancy,
        skills=[
            (s.skill_uri, s.skill_label, s.is_essential)
            for s in vacancy.skills.all()
            if s.skill_uri != skill_uri
        ],
    )


@transaction.atomic
def set_service_skills(
    *, actor: Actor, service: Service, skills: Iterable[Skill]
) -> None:
    """Declare which skills a catalogue service teaches (replaces the previous set).

    Raises PermissionDenied unless ``actor`` keeps the provider's catalogue.
    """
    _require_catalogue_right(actor, service)
    ServiceSkill.objects.filter(service=service).delete()
    ServiceSkill.objects.bulk_create(
        [ServiceSkill(service=service, skill=s) for s in skills]
    )
