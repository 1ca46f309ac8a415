"""The demo employer contact (``werkgever``): a user of an employer, not of a partner
organisation, who logs in to "Mijn medewerkers". Tied to the demo region's employer
with the most placements that have not ended (the first employer by name while the demo
has no placements); idempotent: a second run ties the same user to the employer that
is then the busiest."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from regiowerk.demo.builder import DEMO_PASSWORD, DemoLogin
from regiowerk.employers.models import Employer, EmployerContact
from regiowerk.organisations.models import Region, User

USERNAME = "werkgever"


def _busiest_employer(region: Region) -> Employer | None:
    return (
        Employer.objects.filter(region=region, is_active=True)
        .annotate(active=Count("placements", filter=Q(placements__ending__isnull=True)))
        .order_by("-active", "name", "pk")
        .first()
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
    return DemoLogin(
        role=_("Employer contact"),
        username=USERNAME,
        password=DEMO_PASSWORD,
        organisation=employer.name,
        note="employer contact",
    )
