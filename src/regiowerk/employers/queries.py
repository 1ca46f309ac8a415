"""Reads of employers and vacancies (not personal data: visible to every partner)."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from regiowerk.employers import rules
from regiowerk.employers.constants import VacancyStatus
from regiowerk.employers.models import (
    Employer,
    EmployerContact,
    Vacancy,
    VacancySkill,
)
from regiowerk.employers.permissions import (
    require_employer_holder,
    require_vacancy_holder,
)
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor


def employers(*, search: str = "", sector: str = "") -> QuerySet[Employer]:
    """Active employers, optionally filtered by name/KvK number and sector."""
    rows = Employer.objects.filter(is_active=True)
    if search:
        rows = rows.filter(Q(name__icontains=search) | Q(kvk_number__startswith=search))
    if sector:
        rows = rows.filter(sector=sector)
    return rows


def open_vacancies(*, on: date, search: str = "") -> QuerySet[Vacancy]:
    """Vacancies open on ``on``, with their employer and skills prefetched."""
    rows = (
        Vacancy.objects.filter(status=VacancyStatus.OPEN, opens_on__lte=on)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=on))
        .select_related("employer")
        .prefetch_related("skills")
    )
    if search:
        rows = rows.filter(
            Q(title__icontains=search)
            | Q(occupation_label__icontains=search)
            | Q(employer__name__icontains=search)
        )
    return rows


def get_employer(*, employer_id: int) -> Employer:
    """One employer with its region and account organisation; raises
    Employer.DoesNotExist when absent."""
    return Employer.objects.select_related("region", "account_organisation").get(
        pk=employer_id
    )


def employer_to_change(*, actor: Actor, employer_id: int) -> Employer:
    """One employer ``actor`` may change: Employer.DoesNotExist when absent,
    PermissionDenied when another organisation holds its account."""
    employer = get_employer(employer_id=employer_id)
    require_employer_holder(actor=actor, employer=employer)
    return employer


def employer_with_kvk(*, kvk_number: str) -> Employer | None:
    """The employer registered with this (normalised) KvK number, if any."""
    return Employer.objects.filter(kvk_number=kvk_number).first()


def vacancies_of(employer: Employer) -> QuerySet[Vacancy]:
    """All of an employer's vacancies, open ones first, newest first."""
    return employer.vacancies.order_by("status", "-opens_on", "title")


def get_vacancy(*, vacancy_id: int) -> Vacancy:
    """One vacancy with employer and skills; raises Vacancy.DoesNotExist when absent."""
    return (
        Vacancy.objects.select_related("employer")
        .prefetch_related("skills")
        .get(pk=vacancy_id)
    )


def vacancy_to_change(*, actor: Actor, vacancy_id: int) -> Vacancy:
    """One vacancy ``actor`` may change: Vacancy.DoesNotExist when absent,
    PermissionDenied when neither its registering nor its employer's account
    organisation."""
    vacancy = get_vacancy(vacancy_id=vacancy_id)
    require_vacancy_holder(actor=actor, vacancy=vacancy)
    return vacancy


def is_open(vacancy: Vacancy, *, on: date) -> bool:
    """Whether ``vacancy`` is open on ``on``: the rule of :func:`open_vacancies`."""
    return vacancy.status == VacancyStatus.OPEN and rules.is_open_on(
        opens_on=vacancy.opens_on, closes_on=vacancy.closes_on, day=on
    )


def skills_listed(vacancy: Vacancy) -> list[VacancySkill]:
    """The skills a vacancy asks for, required ones first, by label (prefetched ones
    are sorted in Python: no query)."""
    return sorted(
        vacancy.skills.all(), key=lambda s: (not s.is_essential, s.skill_label)
    )


def get_vacancy_skill(*, vacancy: Vacancy, vacancy_skill_id: int) -> VacancySkill:
    """One skill listed on ``vacancy``; VacancySkill.DoesNotExist when it is not."""
    return VacancySkill.objects.get(vacancy=vacancy, pk=vacancy_skill_id)


def account_employers(*, organisation: Organisation, on: date) -> QuerySet[Employer]:
    """Active employers whose account ``organisation`` holds, by name, each annotated
    with ``open_vacancy_count`` (vacancies open on ``on``)."""
    open_on = Q(vacancies__status=VacancyStatus.OPEN, vacancies__opens_on__lte=on) & (
        Q(vacancies__closes_on__isnull=True) | Q(vacancies__closes_on__gte=on)
    )
    return (
        Employer.objects.filter(is_active=True, account_organisation=organisation)
        .annotate(open_vacancy_count=Count("vacancies", filter=open_on))
        .order_by("name", "pk")
    )


def account_vacancies(*, organisation: Organisation, on: date) -> QuerySet[Vacancy]:
    """Vacancies open on ``on`` that ``organisation`` registered or whose employer's
    account it holds, newest first."""
    return (
        open_vacancies(on=on)
        .filter(
            Q(organisation=organisation)
            | Q(employer__account_organisation=organisation)
        )
        .order_by("-opens_on", "title", "pk")
    )


def contacts_of(employer: Employer) -> list[EmployerContact]:
    """The employer's contact persons with a log-in (active or not), by name; one
    query, with the user and who invited them."""
    return list(
        EmployerContact.objects.filter(employer=employer)
        .select_related("user", "invited_by")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def contact_to_manage(
    *, actor: Actor, employer_id: int, contact_id: int
) -> EmployerContact:
    """One contact person of the employer ``employer_id``, for who may change the
    employer: EmployerContact.DoesNotExist when absent (or of another employer),
    PermissionDenied when another organisation holds the employer's account."""
    contact = EmployerContact.objects.select_related(
        "user", "employer", "employer__region", "employer__account_organisation"
    ).get(pk=contact_id, employer_id=employer_id)
    require_employer_holder(actor=actor, employer=contact.employer)
    return contact
