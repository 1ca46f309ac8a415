"""Taking one of a limited number of places (an enrolment in a service, a registration
for an event), shared by the enrolment and event actions."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from regiowerk.people.models import Person
from regiowerk.services import rules

T = TypeVar("T")


def take_place(
    places: QuerySet,
    *,
    person: Person,
    capacity: int | None,
    already: ValidationError,
    full: ValidationError,
    create: Callable[[], T],
) -> T:
    """``create()`` the person's place among ``places`` (the ones taken), unless the
    person holds one (``already``) or none is left of ``capacity`` (``full``; None is
    no limit). Call it with the service or event row locked; a simultaneous duplicate
    that wins the race on the unique constraint is ``already`` too."""
    if places.filter(person=person).exists():
        raise already
    if not rules.has_room(capacity, places.count()):
        raise full
    try:
        with transaction.atomic():
            return create()
    except IntegrityError as exc:
        raise already from exc
