"""What the matching app keeps about a person, for the person's rights (people's
contributions registry; registered in ``MatchingConfig.ready()``).

- PersonOccupation: an occupation the person holds or held;
- PersonSkill: a skill the person declared or that was assessed.

The export gives every field of those records; erasure deletes them (a profile of an
erased person is no use to anyone, and no count is kept per profile); the dossier page
shows the person's occupations and skills and, to whoever may change the person, the
links to the profile, the matching vacancies and the career transitions.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regiowerk.matching.models import PersonOccupation, PersonSkill
from regiowerk.matching.queries import occupations_of, skills_of
from regiowerk.organisations.queries import Actor
from regiowerk.people.contributions import (
    Contribution,
    DossierLink,
    DossierSection,
    Rows,
    rows,
)
from regiowerk.people.models import Person


def export_person_records(person: Person) -> Rows:
    """The occupations and skills on the person's matching profile."""
    return {
        "matching.personoccupation": rows(
            PersonOccupation.objects.filter(person=person).order_by("pk")
        ),
        "matching.personskill": rows(
            PersonSkill.objects.filter(person=person).order_by("pk")
        ),
    }


def erase_person_records(person: Person) -> None:
    """Remove the person's occupations and skills: a profile of an erased person."""
    PersonOccupation.objects.filter(person=person).delete()
    PersonSkill.objects.filter(person=person).delete()


def dossier_section(actor: Actor, person: Person) -> DossierSection:
    """The person's occupations (current first) and declared or assessed skills, for
    every reader of the dossier page (the page read, and logged, the person through
    people.access)."""
    held = [
        (
            link.occupation.label,
            str(
                _("Current occupation") if link.is_current else _("Previous occupation")
            ),
        )
        for link in occupations_of(person)
    ]
    skills = [
        (link.skill.label, link.get_source_display()) for link in skills_of(person)
    ]
    return DossierSection(
        anchor="occupations-skills",
        title=_("Occupations and skills"),
        columns=(_("Occupation or skill"), _("Kind")),
        rows=held + skills,
        empty=_(
            "No occupations linked yet: link one to see matching vacancies and career "
            "transitions."
        ),
    )


def dossier_links(actor: Actor, person: Person) -> list[DossierLink]:
    """The person's matching pages: profile, matching vacancies, career transitions."""
    return [
        DossierLink(label=label, url=reverse(name, args=[person.pk]))
        for name, label in (
            ("person-skills", _("Occupations and skills")),
            ("person-vacancies", _("Matching vacancies")),
            ("person-transitions", _("Career transitions")),
        )
    ]


CONTRIBUTION = Contribution(
    app_label="matching",
    title=_("Skills and matching"),
    models=("matching.PersonOccupation", "matching.PersonSkill"),
    export=export_person_records,
    erase=erase_person_records,
    dossier_section=dossier_section,
    dossier_links=dossier_links,
)
