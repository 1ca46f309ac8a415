"""The placements API: candidacies (list, start, read, move on, end) and placements
(list, record, read, change, end), with the same rights as the pages: a person is
named only to who may read them (``people.access``), a candidacy is worked by the
pipeline roles of its organisations, a placement by the organisation that follows it.
"""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import NOT_FOUND, BaseApi, validated
from regiowerk.employers.models import EmployerContact
from regiowerk.organisations.models import User
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import api_actor, change_api, create_api, read_api
from regiowerk.people.access import (
    AccessDenied,
    access_person,
    accessible_records,
    log_access,
    may_read_person,
)
from regiowerk.placements import actions, durability, employer_view, queries
from regiowerk.placements.api.serializers import (
    CandidacyCreateInputSerializer,
    CandidacyDetailOutputSerializer,
    CandidacyEndInputSerializer,
    CandidacyFilterSerializer,
    CandidacyMoveInputSerializer,
    CandidacyOutputSerializer,
    CheckInInputSerializer,
    CheckInOutputSerializer,
    CheckInUpdateInputSerializer,
    DurabilityFilterSerializer,
    DurabilityOutputSerializer,
    EmployerHelpInputSerializer,
    EmployerHelpOutputSerializer,
    EmployerOverviewOutputSerializer,
    FollowUpFilterSerializer,
    FollowUpOutputSerializer,
    FollowUpProgrammeInputSerializer,
    FollowUpProgrammeOutputSerializer,
    FollowUpProgrammeUpdateInputSerializer,
    FollowUpScheduleInputSerializer,
    FollowUpScheduleOutputSerializer,
    FollowUpScheduleResetInputSerializer,
    PlacementCreateInputSerializer,
    PlacementEndInputSerializer,
    PlacementFilterSerializer,
    PlacementOutputSerializer,
    PlacementProgrammeInputSerializer,
    PlacementProgrammeResetInputSerializer,
    PlacementUpdateInputSerializer,
)
from regiowerk.placements.constants import CandidacySource
from regiowerk.placements.models import CheckIn, FollowUpProgramme, Placement
from regiowerk.placements.permissions import (
    may_follow_placement,
    may_see_follow_up_programmes,
    reads_regional_durability,
    require_durability_reader,
)

PURPOSE = queries.PURPOSE


# --- Candidacies ------------------------------------------------------------------------------


def _candidacy(actor: Actor, pk: Any, write: bool) -> queries.CandidacyRow:
    if write:
        return queries.candidacy_to_work(actor=actor, candidacy_id=pk)
    return queries.access_candidacy(actor=actor, candidacy_id=pk)


class CandidacyListApi(BaseApi):
    @extend_schema(
        parameters=[CandidacyFilterSerializer],
        responses=CandidacyOutputSerializer(many=True),
        summary="Candidacies the caller sees (a person named only when readable)",
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        filters = validated(CandidacyFilterSerializer, request.query_params)
        rows = queries.visible_candidacies(actor).order_by("-stage_on", "pk")
        if filters.get("vacancy"):
            rows = rows.filter(vacancy_id=filters["vacancy"])
        if filters.get("is_open") is not None:
            open_ids = rows.model.objects.open().values("pk")
            rows = (
                rows.filter(pk__in=open_ids)
                if filters["is_open"]
                else rows.exclude(pk__in=open_ids)
            )
        return self.paginated(
            rows,
            lambda page, many: CandidacyOutputSerializer(
                queries.rows_shown(actor, page, what="candidacies"), many=True
            ),
        )


def _start(actor: Actor, data: dict[str, Any]) -> queries.CandidacyRow:
    person_id = data.pop("person", None)
    token = data.pop("candidate_token", None)
    if person_id is not None and token is not None:
        raise ValidationError(
            {"candidate_token": _("Give the person or a candidate_token, not both.")}
        )
    if token is not None:
        return _start_unnamed(actor, token, data)
    if person_id is None:
        raise ValidationError(
            {
                "person": _(
                    "Give the person, or the candidate_token of one of the "
                    "vacancy's unnamed candidates."
                )
            }
        )
    person = access_person(
        actor=actor, person_id=person_id, purpose=PURPOSE, what="candidacy"
    )
    candidacy = actions.start_candidacy(actor=actor, person=person, **data)
    return queries.CandidacyRow(candidacy, shows_person=True)


def _start_unnamed(
    actor: Actor, token: str, data: dict[str, Any]
) -> queries.CandidacyRow:
    """Put the unnamed candidate behind ``token`` forward, as the suitable candidates
    page does (``placements.views.candidacy_put_forward``): 404 for who may not see
    the vacancy's unnamed candidates, the action's error at ``candidate_token`` for a
    stale or forged token; the answer never names the person."""
    if data.pop("source", CandidacySource.MATCHING) != CandidacySource.MATCHING:
        raise ValidationError(
            {
                "source": _(
                    "A candidate put forward by candidate_token comes from the "
                    "matching: leave source out or send “matching”."
                )
            }
        )
    try:
        candidacy = actions.start_unnamed_candidacy(
            actor=actor, candidate=token, **data
        )
    except ValidationError as exc:
        errors = getattr(exc, "error_dict", {})
        if "candidate" in errors:  # the web form's field is the API's candidate_token
            errors["candidate_token"] = errors.pop("candidate")
        raise
    return queries.CandidacyRow(candidacy, shows_person=False)


class CandidacyCreateApi(BaseApi):
    post = create_api(
        CandidacyCreateInputSerializer,
        _start,
        CandidacyDetailOutputSerializer,
        errors={404: NOT_FOUND},
        summary="Put a person you may read forward for a vacancy (stage recruited), "
        "or, as its account manager, one of its unnamed candidates by token",
    )


class CandidacyDetailApi(BaseApi):
    get = read_api(_candidacy, CandidacyDetailOutputSerializer)


def _move(actor: Actor, row: queries.CandidacyRow, data: dict[str, Any]) -> Any:
    version = data.pop("version")
    candidacy = actions.move_candidacy(
        actor=actor, candidacy=row.candidacy, expected_version=version, **data
    )
    return queries.CandidacyRow(candidacy, row.shows_person)


def _end(actor: Actor, row: queries.CandidacyRow, data: dict[str, Any]) -> Any:
    version = data.pop("version")
    candidacy = actions.end_candidacy(
        actor=actor, candidacy=row.candidacy, expected_version=version, **data
    )
    return queries.CandidacyRow(candidacy, row.shows_person)


class CandidacyMoveApi(BaseApi):
    post = change_api(
        _candidacy,
        _move,
        CandidacyDetailOutputSerializer,
        input=CandidacyMoveInputSerializer,
        versioned=True,
        summary="Move a candidacy on (forward only, skipping allowed; send the version)",
    )


class CandidacyEndApi(BaseApi):
    post = change_api(
        _candidacy,
        _end,
        CandidacyDetailOutputSerializer,
        input=CandidacyEndInputSerializer,
        versioned=True,
        summary="End a candidacy: withdrawn, rejected (with the reason) or declined",
    )


# --- Placements -------------------------------------------------------------------------------


def _placements() -> QuerySet[Placement]:
    return Placement.objects.select_related("person", "ending")


def _placement(actor: Actor, pk: Any, write: bool) -> Placement:
    placement = queries.access_placement(actor=actor, placement_id=pk)
    if write and not may_follow_placement(actor=actor, placement=placement):
        raise AccessDenied
    return placement


def _shown_placement(actor: Actor, pk: Any, write: bool) -> Placement:
    """The placement just recorded, read through the gate (logged); recorded by an
    account manager from a candidacy they worked unnamed, without the person (the
    person's organisation follows it; the API flow test found this answered 404)."""
    placement = _placements().get(pk=pk)
    if may_read_person(actor=actor, person=placement.person):
        return _placement(actor, pk, False)
    placement.shows_person = False  # type: ignore[attr-defined]
    return placement


class PlacementListApi(BaseApi):
    @extend_schema(
        parameters=[PlacementFilterSerializer],
        responses=PlacementOutputSerializer(many=True),
        summary="Placements of persons the caller may read",
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        filters = validated(PlacementFilterSerializer, request.query_params)
        rows = accessible_records(_placements(), actor=actor).order_by(
            "-starts_on", "pk"
        )
        if filters.get("person"):
            rows = rows.filter(person_id=filters["person"])
        if filters.get("employer"):
            rows = rows.filter(employer_id=filters["employer"])
        if filters.get("is_active") is not None:
            rows = rows.filter(ending__isnull=filters["is_active"])

        def shown(page: list[Placement], many: bool) -> PlacementOutputSerializer:
            log_access(
                actor=actor,
                persons={p.person_id: p.person for p in page}.values(),
                purpose=PURPOSE,
                what="placements",
            )
            return PlacementOutputSerializer(page, many=True)

        return self.paginated(rows, shown)


def _record(actor: Actor, data: dict[str, Any]) -> Placement:
    candidacy_id = data.pop("candidacy", None)
    person_id = data.pop("person", None)
    employer = data.pop("employer", None)
    responsible = data.pop("responsible", None)
    if candidacy_id is not None:
        row = queries.candidacy_to_work(actor=actor, candidacy_id=candidacy_id)
        return actions.create_placement(
            actor=actor, candidacy=row.candidacy, fields=data, responsible=responsible
        )
    if person_id is None or employer is None:
        raise ValidationError(
            {"candidacy": _("Give a candidacy, or the person and the employer.")}
        )
    person = access_person(
        actor=actor, person_id=person_id, purpose=PURPOSE, what="placement", write=True
    )
    return actions.create_placement(
        actor=actor,
        person=person,
        employer=employer,
        fields=data,
        responsible=responsible,
    )


class PlacementCreateApi(BaseApi):
    post = create_api(
        PlacementCreateInputSerializer,
        _record,
        PlacementOutputSerializer,
        show=_shown_placement,
        errors={404: NOT_FOUND},
        summary="Record a placement: from a candidacy at placed, or a person and employer",
    )


class PlacementDetailApi(BaseApi):
    get = read_api(_placement, PlacementOutputSerializer)


def _update(actor: Actor, placement: Placement, data: dict[str, Any]) -> Placement:
    version = data.pop("version")
    return actions.update_placement(
        actor=actor, placement=placement, changes=data, expected_version=version
    )


def _finish(actor: Actor, placement: Placement, data: dict[str, Any]) -> Placement:
    version = data.pop("version")
    actions.end_placement(
        actor=actor, placement=placement, expected_version=version, **data
    )
    return placement


class PlacementUpdateApi(BaseApi):
    post = change_api(
        _placement,
        _update,
        PlacementOutputSerializer,
        input=PlacementUpdateInputSerializer,
        versioned=True,
        show=_shown_placement,
        summary="Change a placement (its following organisation; send the version)",
    )


class PlacementEndApi(BaseApi):
    post = change_api(
        _placement,
        _finish,
        PlacementOutputSerializer,
        input=PlacementEndInputSerializer,
        versioned=True,
        show=_shown_placement,
        summary="End a placement with a coded reason, factors and the lesson learnt",
    )


# --- Follow-up and durability -----------------------------------------------------------------


class FollowUpListApi(BaseApi):
    @extend_schema(
        parameters=[FollowUpFilterSerializer],
        responses=FollowUpOutputSerializer(many=True),
        summary="Follow-up (Nazorg): the caller's active placements (team=true: the "
        "team's), at-risk first, with what is due and what drives each score",
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        filters = validated(FollowUpFilterSerializer, request.query_params)
        rows = queries.follow_ups(
            actor=actor, today=timezone.localdate(), mine=not filters["team"]
        )
        return Response(FollowUpOutputSerializer(rows, many=True).data)


def _record_check_in(
    actor: Actor, placement: Placement, data: dict[str, Any]
) -> CheckIn:
    agreed = data.pop("actions", [])
    return actions.record_check_in(
        actor=actor, placement=placement, fields=data, agreed=agreed
    )


def _check_in(actor: Actor, ids: Any, write: bool) -> CheckIn:
    placement_id, check_in_id = ids
    return queries.check_in_to_change(
        actor=actor, placement_id=placement_id, check_in_id=check_in_id
    )


def _change_check_in(actor: Actor, check_in: CheckIn, data: dict[str, Any]) -> Any:
    version = data.pop("version")
    agreed = data.pop("actions", [])
    return actions.update_check_in(
        actor=actor,
        check_in=check_in,
        changes=data,
        agreed=agreed,
        expected_version=version,
    )


class PlacementCheckInListApi(BaseApi):
    get = read_api(
        _placement,
        CheckInOutputSerializer,
        rows=lambda actor, placement: list(queries.check_ins_of(placement)),
        summary="A placement's check-ins and ad-hoc contacts, newest first",
    )


class PlacementCheckInCreateApi(BaseApi):
    post = change_api(
        _placement,
        _record_check_in,
        CheckInOutputSerializer,
        input=CheckInInputSerializer,
        created=True,
        summary="Record a check-in or ad-hoc contact (its following organisation)",
    )


class PlacementCheckInUpdateApi(BaseApi):
    post = change_api(
        _check_in,
        _change_check_in,
        CheckInOutputSerializer,
        input=CheckInUpdateInputSerializer,
        versioned=True,
        summary="Change a check-in (send the version; agreed actions are added)",
    )


def _plan(actor: Actor, pk: Any, write: bool) -> queries.FollowUpPlan:
    return queries.follow_up_plan(_placement(actor, pk, write))


def _set_schedule(
    actor: Actor, placement: Placement, data: dict[str, Any]
) -> queries.FollowUpPlan:
    actions.set_follow_up_schedule(actor=actor, placement=placement, **data)
    return queries.follow_up_plan(placement)


def _reset_schedule(
    actor: Actor, placement: Placement, data: dict[str, Any]
) -> queries.FollowUpPlan:
    actions.reset_follow_up_schedule(actor=actor, placement=placement)
    return queries.follow_up_plan(placement)


class PlacementScheduleApi(BaseApi):
    get = read_api(
        _plan,
        FollowUpScheduleOutputSerializer,
        summary="A placement's follow-up schedule (its own or the default) and the "
        "due dates it gives",
    )


class PlacementScheduleSetApi(BaseApi):
    post = change_api(
        _placement,
        _set_schedule,
        FollowUpScheduleOutputSerializer,
        input=FollowUpScheduleInputSerializer,
        summary="Give a placement its own follow-up schedule (e.g. more often when "
        "at risk); each bad interval named at its field",
    )


class PlacementScheduleResetApi(BaseApi):
    post = change_api(
        _placement,
        _reset_schedule,
        FollowUpScheduleOutputSerializer,
        input=FollowUpScheduleResetInputSerializer,
        summary="Back to the default follow-up schedule",
    )


def _programme_of_placement(
    actor: Actor, placement: Placement, data: dict[str, Any]
) -> queries.FollowUpPlan:
    try:
        programme = queries.get_follow_up_programme(
            actor=actor, programme_id=data["programme"]
        )
    except FollowUpProgramme.DoesNotExist:
        raise ValidationError(
            {"programme": _("Choose one of your organisation's follow-up programmes.")}
        ) from None
    actions.put_in_follow_up_programme(
        actor=actor, placement=placement, programme=programme
    )
    return queries.follow_up_plan(placement)


def _out_of_programme(
    actor: Actor, placement: Placement, data: dict[str, Any]
) -> queries.FollowUpPlan:
    actions.put_in_follow_up_programme(actor=actor, placement=placement, programme=None)
    return queries.follow_up_plan(placement)


class PlacementProgrammeSetApi(BaseApi):
    post = change_api(
        _placement,
        _programme_of_placement,
        FollowUpScheduleOutputSerializer,
        input=PlacementProgrammeInputSerializer,
        summary="Put a placement in one of the organisation's follow-up programmes "
        "(its schedule unless the placement has its own)",
    )


class PlacementProgrammeResetApi(BaseApi):
    post = change_api(
        _placement,
        _out_of_programme,
        FollowUpScheduleOutputSerializer,
        input=PlacementProgrammeResetInputSerializer,
        summary="Take a placement out of its follow-up programme",
    )


# --- Follow-up programmes ---------------------------------------------------------------------


def _programme(actor: Actor, pk: Any, write: bool) -> FollowUpProgramme:
    if write:
        return queries.follow_up_programme_to_keep(actor=actor, programme_id=pk)
    return queries.get_follow_up_programme(actor=actor, programme_id=pk)


def _shown_programme(actor: Actor, pk: Any, write: bool) -> FollowUpProgramme:
    return queries.get_follow_up_programme(actor=actor, programme_id=pk)


class FollowUpProgrammeListApi(BaseApi):
    @extend_schema(
        responses=FollowUpProgrammeOutputSerializer(many=True),
        summary="The follow-up programmes of the caller's organisation (named "
        "schedules its placements follow), by name",
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        if not may_see_follow_up_programmes(actor):
            raise ApiPermissionDenied(
                _("Only the roles that follow placements see the follow-up programmes.")
            )
        return self.paginated(
            queries.follow_up_programmes(actor), FollowUpProgrammeOutputSerializer
        )


def _create_programme(actor: Actor, data: dict[str, Any]) -> FollowUpProgramme:
    return actions.create_follow_up_programme(actor=actor, **data)


def _update_programme(
    actor: Actor, programme: FollowUpProgramme, data: dict[str, Any]
) -> FollowUpProgramme:
    version = data.pop("version")
    return actions.update_follow_up_programme(
        actor=actor, programme=programme, changes=data, expected_version=version
    )


class FollowUpProgrammeCreateApi(BaseApi):
    post = create_api(
        FollowUpProgrammeInputSerializer,
        _create_programme,
        FollowUpProgrammeOutputSerializer,
        show=_shown_programme,
        summary="Create a follow-up programme of the organisation (project leaders "
        "and labour experts); each bad interval named at its field",
    )


class FollowUpProgrammeDetailApi(BaseApi):
    get = read_api(
        _programme,
        FollowUpProgrammeOutputSerializer,
        summary="A follow-up programme of the caller's organisation",
    )


class FollowUpProgrammeUpdateApi(BaseApi):
    post = change_api(
        _programme,
        _update_programme,
        FollowUpProgrammeOutputSerializer,
        input=FollowUpProgrammeUpdateInputSerializer,
        versioned=True,
        show=_shown_programme,
        summary="Change a follow-up programme (send the version; only the fields "
        "sent change); its placements follow the new schedule",
    )


class DurabilityApi(BaseApi):
    @extend_schema(
        parameters=[DurabilityFilterSerializer],
        responses=DurabilityOutputSerializer,
        summary="Durability (Duurzaamheid) of the organisation's placements: counts "
        'only, a hidden small cell is "x"',
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        require_durability_reader(actor)
        filters = validated(DurabilityFilterSerializer, request.query_params)
        report = durability.durability_for(
            actor,
            today=timezone.localdate(),
            dimension=filters["group"],
            region=reads_regional_durability(actor, asked=filters["scope"] == "region"),
        )
        data = {
            "today": report.today,
            "dimension": report.dimension,
            "scope": "region" if report.region else "organisation",
            "curves": report.curves,
            "flows": report.flows,
            "reasons": [{"what": w, "count": n} for w, n in report.reasons],
            "followed": [{"what": w, "count": n} for w, n in report.followed],
            "counted_on": report.counted_on,
        }
        return Response(DurabilityOutputSerializer(data).data)


# --- The employer's view (employer contacts only) ---------------------------------------------


def _employer_contact(request: Request) -> EmployerContact:
    # the caller as an employer contact: every partner user (and anyone else) gets 403,
    # as employer contacts do on every partner endpoint
    contact = employer_view.contact_of(cast(User, request.user))
    if contact is None:
        raise ApiPermissionDenied(_("This is for employer contacts only."))
    return contact


class EmployerViewApi(BaseApi):
    @extend_schema(
        responses=EmployerOverviewOutputSerializer,
        summary="Mijn medewerkers (employer contacts only): the workers placed with "
        "the caller's employer, their follow-up status where the worker consented to "
        "share it, and the labour experts to contact",
    )
    def get(self, request: Request) -> Response:
        contact = _employer_contact(request)
        return Response(
            EmployerOverviewOutputSerializer(employer_view.overview(contact)).data
        )


class EmployerHelpApi(BaseApi):
    @extend_schema(
        request=EmployerHelpInputSerializer,
        responses={201: EmployerHelpOutputSerializer, 404: NOT_FOUND},
        summary="Ask the labour expert for help about a worker placed with the "
        "caller's employer (employer contacts only): an ad-hoc contact on the placement",
    )
    def post(self, request: Request, placement_id: Any) -> Response:
        contact = _employer_contact(request)
        data = validated(EmployerHelpInputSerializer, request.data)
        check_in = employer_view.ask_for_help(
            contact=contact, placement_id=placement_id, question=data["question"]
        )
        return Response(
            EmployerHelpOutputSerializer(check_in).data, status=status.HTTP_201_CREATED
        )
