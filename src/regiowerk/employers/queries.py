"""Reads of employers and vacancies (not personal data: visible to every partner)."""

from datetime import date

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from regiowerk.employers.constants import VacancyStatus
from regiowerk.employers.models import Employer, Vacancy


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


def get_vacancy(*, vacancy_id: int) -> Vacancy:
    """One vacancy with employer and skills; raises Http404 when absent."""
    return get_object_or_404(
        Vacancy.objects.select_related("employer").prefetch_related("skills"),
        pk=vacancy_id,
    )
