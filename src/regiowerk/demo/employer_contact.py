"""The demo employer contact (``werkgever``): a user of an employer, not of a partner
organisation, who logs in to "Mijn medewerkers". Tied to the demo region's employer
with the most placements that have not ended (the first employer by name while the demo
has no placements); idempotent: a second run ties the same user to the employer that
is then the busiest. Every other worker placed there (by start) has consented to
share their follow-up with the employer, so the page shows both cases."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from regiowerk.demo.builder import DEMO_PASSWORD, DemoLogin
from regiowerk.employers.models import Employer, EmployerContact
from regiowerk.organisations.constants import CASEWORK_ROLES
from regiowerk.organisations.models import Membership, Region, User
from regiowerk.organisations.queries import get_actor
from regiowerk.people import actions as people_actions
from regiowerk.people.constants import ConsentPurpose
from regiowerk.placements.models import Placement

USERNAME = "werkgever"


def _busiest_employer(region: Region) -> Employer | None:
    return (
        Employer.objects.filter(region=region, is_active=True)
        .annotate(active=Count("placements", filter=Q(placements__ending__isnull=True)))
        .order_by("-active", "name", "pk")
        .first()
    )


def _share_every_other_follow_up(employer: Employer) -> None:
    """Every other worker at work with ``employer`` (by start) consents to share their
    follow-up with it, recorded by a casework user of the person's organisation.
    Idempotent: an active consent is returned as it is."""
    placed = (
        Placement.objects.filter(employer=employer, ending__isnull=True)
        .select_related("person")
        .order_by("starts_on", "pk")
    )
    for placement in list(placed)[::2]:
        person = placement.person
        membership = (
            Membership.objects.filter(
                organisation_id=person.organisation_id,
                role__in=list(CASEWORK_ROLES),
                user__is_active=True,
            )
            .order_by("user__username")
            .first()
        )
        if membership is None:
            continue
        people_actions.give_consent(
            actor=get_actor(
                user=membership.user, organisation_id=person.organisation_id
            ),
            person=person,
            purpose=ConsentPurpose.EMPLOYER_FOLLOW_UP,
            given_on=placement.starts_on,
        )


def load_demo_employer_contact(*, region: Region) -> DemoLogin | None:
    """The demo employer contact's login; None when the region has no employer."""
    employer = _busiest_employer(region)
    if employer is None:
        return None
    with transaction.atomic():
        user = User.objects.filter(username=USERNAME).first()
        if user is None:
            user = User.objects.create_user(
                username=USERNAME,
                password=DEMO_PASSWORD,
                first_name="Willem",
                last_name="de Graaf",
                email=f"{USERNAME}@demo.regiowerk.invalid",
            )
        EmployerContact.objects.update_or_create(
            user=user, defaults={"employer": employer}
        )
        _share_every_other_follow_up(employer)
    return DemoLogin(
        role=_("Employer contact"),
        username=USERNAME,
        password=DEMO_PASSWORD,
        organisation=employer.name,
        note="employer contact",
    )
