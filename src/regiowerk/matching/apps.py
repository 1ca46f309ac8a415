from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from regiowerk.people.models import Person


def export_person_records(person: "Person") -> dict[str, list[dict[str, Any]]]:
    """The occupations and skills on the person's matching profile."""
    from regiowerk.matching.models import PersonOccupation, PersonSkill
    from regiowerk.people.contributions import rows

    return {
        "matching.personoccupation": rows(
            PersonOccupation.objects.filter(person=person).order_by("pk")
        ),
        "matching.personskill": rows(
            PersonSkill.objects.filter(person=person).order_by("pk")
        ),
    }


def erase_person_records(person: "Person") -> None:
    """Remove the person's occupations and skills: a profile of an erased person."""
    from regiowerk.matching.models import PersonOccupation, PersonSkill

    PersonOccupation.objects.filter(person=person).delete()
    PersonSkill.objects.filter(person=person).delete()


class MatchingConfig(AppConfig):
    name = "regiowerk.matching"
    verbose_name = _("Skills and matching")

    def ready(self) -> None:
        from regiowerk.people import contributions

        contributions.register(
            contributions.Contribution(
                app_label="matching",
                title=_("Skills and matching"),
                models=("matching.PersonOccupation", "matching.PersonSkill"),
                export=export_person_records,
                erase=erase_person_records,
            )
        )
