"""REST API of the people app: one view per operation; views only translate.

Every read goes through people.access (which checks the right and logs the read); every
write through people.actions. A person, dossier, plan action or consent the actor may
not reach answers 404 with the same message whether it exists or not. A BSN is accepted
as write-only input and never returned.
"""

from functools import partial
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import NOT_FOUND, BaseApi, Pagination, validated
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor, caseworkers_of
from regiowerk.organisations.web import api_actor, change_api, read_api
from regiowerk.people import actions, queries
from regiowerk.people.access import (
    access_consent,
    access_contact_moment,
    access_dossier,
    access_person,
    access_person_by_bsn,
    access_plan_action,
    log_access,
)
from regiowerk.people.api.serializers import (
    INPUT_KWARGS,
    BsnField,
    ConsentOutputSerializer,
    ContactMomentOutputSerializer,
    DossierDetailOutputSerializer,
    DossierOutputSerializer,
    LabourStatusOutputSerializer,
    PersonFieldsSerializer,
    PersonListOutputSerializer,
    PersonOutputSerializer,
    PlanActionOutputSerializer,
    ReadableExportSerializer,
)
from regiowerk.people.constants import (
    INTAKE_QUESTIONS,
    AccessPurpose,
    ConsentPurpose,
    ContactStatus,
    ContactType,
    ContractType,
    LabourStatus,
    ObservationSource,
)
from regiowerk.people.models import (
    Consent,
    ContactMoment,
    Dossier,
    Person,
    PlanAction,
)

PURPOSE = AccessPurpose.CASEWORK


# --- Reading through the gate ------------------------------------------------------------------
# Each reads its record through people.access (checked and logged), as ``write`` asks: the
# ``fetch`` of ``organisations.web.read_api`` and ``change_api``.


def _person(actor: Actor, pk: Any, write: bool, what: str = "person") -> Person:
    return access_person(
        actor=actor, person_id=pk, purpose=PURPOSE, what=what, write=write
    )


def _dossier(actor: Actor, pk: Any, write: bool, what: str = "dossier") -> Dossier:
    return access_dossier(
        actor=actor, dossier_id=pk, purpose=PURPOSE, what=what, write=write
    )


def _plan_action(actor: Actor, pk: Any, write: bool) -> PlanAction:
    return access_plan_action(
        actor=actor, plan_action_id=pk, purpose=PURPOSE, write=write
    )


def _contact(actor: Actor, pk: Any, write: bool) -> ContactMoment:
    return access_contact_moment(
        actor=actor, contact_id=pk, purpose=PURPOSE, write=write
    )


def _consent(actor: Actor, pk: Any, write: bool) -> Consent:
    return access_consent(actor=actor, consent_id=pk, purpose=PURPOSE, write=write)


# --- Persons ---------------------------------------------------------------------------------


class PersonListApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        search = serializers.CharField(required=False, allow_blank=True, max_length=100)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=PersonListOutputSerializer(many=True),
        summary="Persons the caller may read (own organisation, or shared by consent)",
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        filters = validated(self.FilterSerializer, request.query_params)
        persons = queries.persons_found(actor=actor, search=filters.get("search", ""))
        paginator = Pagination()
        page = paginator.paginate_queryset(persons, request, view=self) or []
        log_access(actor=actor, persons=page, purpose=PURPOSE, what="person-list")
        return paginator.get_paginated_response(
            PersonListOutputSerializer(page, many=True).data
        )


class PersonCreateApi(BaseApi):
    class InputSerializer(PersonFieldsSerializer):
        bsn_reporting_consent = serializers.BooleanField(required=False, default=False)
        register_anyway = serializers.BooleanField(
            required=False,
            default=False,
            help_text="A person with the same name and date of birth in your "
            "organisation is refused as a likely duplicate (400 on this field) "
            "unless this is true.",
        )

        class Meta(PersonFieldsSerializer.Meta):
            fields = [
                *PersonFieldsSerializer.Meta.fields,
                "bsn_reporting_consent",
                "register_anyway",
            ]
            extra_kwargs = INPUT_KWARGS  # required where the model requires a value

    class OutputSerializer(PersonOutputSerializer):
        notices = serializers.ListField(child=serializers.CharField(), read_only=True)

        class Meta(PersonOutputSerializer.Meta):
            fields = [*PersonOutputSerializer.Meta.fields, "notices"]

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer},
        summary="Register a person (BSN optional, write-only)",
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        data = validated(self.InputSerializer, request.data)
        result = actions.register_person(actor=actor, **data)
        person = result.person
        person.notices = result.notices  # type: ignore[attr-defined]
        return Response(
            self.OutputSerializer(person).data, status=status.HTTP_201_CREATED
        )


class PersonFindByBsnApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        bsn = BsnField(required=True)

    @extend_schema(
        request=InputSerializer,
        responses={200: PersonOutputSerializer, 404: NOT_FOUND},
        summary="Find a person by BSN (in the body, never in the URL)",
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        bsn = validated(self.InputSerializer, request.data)["bsn"]
        person = access_person_by_bsn(actor=actor, bsn=bsn, purpose=PURPOSE)
        return Response(PersonOutputSerializer(person).data)


class PersonDetailApi(BaseApi):
    get = read_api(_person, PersonOutputSerializer)


def _update_person(actor: Actor, person: Person, data: dict[str, Any]) -> Person:
    version, bsn = data.pop("version"), data.pop("bsn", "")
    return actions.update_person(
        actor=actor, person=person, version=version, changes=data, bsn=bsn
    )


class PersonUpdateApi(BaseApi):
    class InputSerializer(PersonFieldsSerializer):
        version = serializers.IntegerField(min_value=1)

        class Meta(PersonFieldsSerializer.Meta):
            fields = [*PersonFieldsSerializer.Meta.fields, "version"]

    post = change_api(
        _person,
        _update_person,
        PersonOutputSerializer,
        input=InputSerializer,
        versioned=True,
        summary="Change a person (send the version you read; 409 when it is stale)",
    )


def _data_subject(request: Request, person_id: str) -> tuple[Actor, Person]:
    """The actor and the person of a data-subject request (the holder's right)."""
    actor = api_actor(request)
    person = access_person(
        actor=actor,
        person_id=person_id,
        purpose=AccessPurpose.DATA_SUBJECT_REQUEST,
        write=True,
    )
    return actor, person


class PersonExportApi(BaseApi):
    @extend_schema(
        responses={
            200: OpenApiResponse(description="Everything held about the person")
        },
        summary="Data-subject export (JSON, machine-readable: ids and codes as "
        "stored; export/readable/ gives it in words); the BSN is never included",
    )
    def get(self, request: Request, person_id: str) -> Response:
        actor, person = _data_subject(request, person_id)
        return Response(actions.export_person(actor=actor, person=person))


class PersonReadableExportApi(BaseApi):
    @extend_schema(
        responses={200: ReadableExportSerializer, 404: NOT_FOUND},
        summary="Data-subject export as the person reads it: Dutch field names, "
        "labels, names and written-out dates instead of ids and codes; the BSN is "
        "never included",
    )
    def get(self, request: Request, person_id: str) -> Response:
        actor, person = _data_subject(request, person_id)
        export = actions.readable_person_export(actor=actor, person=person)
        return Response(export.as_dict())


class PersonEraseApi(BaseApi):
    @extend_schema(
        request=None,
        responses={200: PersonOutputSerializer, 404: NOT_FOUND},
        summary="Erase (anonymise) a person; aggregate counts are kept",
    )
    def post(self, request: Request, person_id: str) -> Response:
        actor, person = _data_subject(request, person_id)
        person = actions.erase_person(actor=actor, person=person)
        return Response(PersonOutputSerializer(person).data)


class PersonAggregatesApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        by = serializers.ChoiceField(choices=queries.AGGREGATE_DIMENSIONS)

    class OutputSerializer(serializers.Serializer):
        by = serializers.CharField()
        scope = serializers.CharField()
        total = serializers.JSONField()
        cells = serializers.DictField(child=serializers.JSONField())
        counted_on = serializers.DateField(
            help_text="The figures are as of this day: counted once a month, so that "
            "one registration cannot be read off a change in the counts."
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer,
        summary="Counts per dimension for analysts; small cells and cells they could be derived from shown as 'x'",
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        by = validated(self.FilterSerializer, request.query_params)["by"]
        return Response(
            self.OutputSerializer(queries.person_aggregates(actor=actor, by=by)).data
        )


class IntakeQuestionListApi(BaseApi):
    class OutputSerializer(serializers.Serializer):
        key = serializers.CharField()
        kind = serializers.CharField()
        label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"
        section = serializers.CharField()
        choices = serializers.ListField(child=serializers.CharField())
        minimum = serializers.IntegerField(allow_null=True)
        maximum = serializers.IntegerField(allow_null=True)

    @extend_schema(
        responses=OutputSerializer(many=True),
        summary="The structured intake questions (keys of a dossier's intake)",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        return Response(self.OutputSerializer(INTAKE_QUESTIONS, many=True).data)


# --- Dossiers --------------------------------------------------------------------------------


class DossierListApi(BaseApi):
    get = read_api(
        partial(_person, what="dossier-list"),
        DossierOutputSerializer,
        rows=lambda _, person: queries.dossiers_of(person=person),
    )


class DossierCreateApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        opened_on = serializers.DateField(required=False, allow_null=True)

    post = change_api(
        _person,
        lambda actor, person, data: actions.open_dossier(
            actor=actor, person=person, opened_on=data.get("opened_on")
        ),
        DossierOutputSerializer,
        input=InputSerializer,
        created=True,
    )


class DossierDetailApi(BaseApi):
    get = read_api(_dossier, DossierDetailOutputSerializer)


class DossierIntakeApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        answers = serializers.DictField(
            help_text="Answers keyed by intake question (GET intake-questions/); "
            "null clears an answer."
        )
        recorded_on = serializers.DateField(required=False, allow_null=True)

    post = change_api(
        _dossier,
        lambda actor, dossier, data: actions.record_intake(
            actor=actor,
            dossier=dossier,
            version=data["version"],
            answers=data["answers"],
            recorded_on=data.get("recorded_on"),
        ),
        DossierOutputSerializer,
        input=InputSerializer,
        versioned=True,
    )


class DossierGoalsApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        goals = serializers.CharField(allow_blank=True)

    post = change_api(
        _dossier,
        lambda actor, dossier, data: actions.update_goals(
            actor=actor, dossier=dossier, version=data["version"], goals=data["goals"]
        ),
        DossierOutputSerializer,
        input=InputSerializer,
        versioned=True,
    )


class DossierResponsibleApi(BaseApi):
    """Hand the client over: a caseworker of the dossier's organisation, by username,
    becomes the responsible consultant."""

    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        responsible = serializers.CharField(max_length=150, help_text="A username.")

    post = change_api(
        partial(_dossier, what="dossier-responsible"),
        lambda actor, dossier, data: actions.hand_over_dossier(
            actor=actor,
            dossier=dossier,
            version=data["version"],
            responsible=caseworkers_of(dossier.organisation)
            .filter(username=data["responsible"])
            .first(),
        ),
        DossierOutputSerializer,
        input=InputSerializer,
        versioned=True,
    )


class DossierCloseApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        closed_on = serializers.DateField(required=False, allow_null=True)
        reason = serializers.CharField(required=False, allow_blank=True, max_length=200)

    post = change_api(
        _dossier,
        lambda actor, dossier, data: actions.close_dossier(
            actor=actor,
            dossier=dossier,
            version=data["version"],
            closed_on=data.get("closed_on"),
            reason=data.get("reason", ""),
        ),
        DossierOutputSerializer,
        input=InputSerializer,
        versioned=True,
    )


# --- Plan actions and contact moments ---------------------------------------------------------


class PlanActionListApi(BaseApi):
    get = read_api(
        partial(_dossier, what="plan"),
        PlanActionOutputSerializer,
        rows=lambda _, dossier: queries.plan_actions_of(dossier=dossier),
    )


class PlanActionCreateApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        description = serializers.CharField()
        due_on = serializers.DateField(required=False, allow_null=True)
        responsible = serializers.CharField(
            required=False, allow_blank=True, max_length=100
        )

    post = change_api(
        _dossier,
        lambda actor, dossier, data: actions.add_plan_action(
            actor=actor, dossier=dossier, **data
        ),
        PlanActionOutputSerializer,
        input=InputSerializer,
        created=True,
    )


class PlanActionCompleteApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        done_on = serializers.DateField(required=False, allow_null=True)

    post = change_api(
        _plan_action,
        lambda actor, plan_action, data: actions.complete_plan_action(
            actor=actor, plan_action=plan_action, done_on=data.get("done_on")
        ),
        PlanActionOutputSerializer,
        input=InputSerializer,
    )


class ContactMomentListApi(BaseApi):
    get = read_api(
        partial(_dossier, what="contact-moments"),
        ContactMomentOutputSerializer,
        rows=lambda _, dossier: queries.contact_moments_of(dossier=dossier),
    )


class ContactMomentCreateApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        type = serializers.ChoiceField(choices=ContactType.choices)
        occurred_at = serializers.DateTimeField()
        notes = serializers.CharField(required=False, allow_blank=True)

    post = change_api(
        _dossier,
        lambda actor, dossier, data: actions.record_contact(
            actor=actor, dossier=dossier, **data
        ),
        ContactMomentOutputSerializer,
        input=InputSerializer,
        created=True,
    )


class ContactMomentPlannedListApi(BaseApi):
    @extend_schema(
        responses=ContactMomentOutputSerializer(many=True),
        summary="Contact moments planned in the caller's caseload (the open dossiers "
        "they are the responsible consultant of), earliest first",
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        planned = queries.planned_contacts(actor=actor).select_related(
            "dossier__person", "recorded_by"
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(planned, request, view=self) or []
        log_access(
            actor=actor,
            persons=[contact.dossier.person for contact in page],
            purpose=PURPOSE,
            what="contact-moments",
        )
        return paginator.get_paginated_response(
            ContactMomentOutputSerializer(page, many=True).data
        )


class DossierPlannedContactListApi(BaseApi):
    get = read_api(
        partial(_dossier, what="contact-moments"),
        ContactMomentOutputSerializer,
        # earliest first, as the caseload's planned list (and the same on every database)
        rows=lambda _, dossier: (
            queries.contact_moments_of(dossier=dossier)
            .filter(status=ContactStatus.PLANNED)
            .order_by("occurred_at", "pk")
        ),
        summary="The dossier's planned contact moments",
    )


class ContactMomentPlanApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        type = serializers.ChoiceField(choices=ContactType.choices)
        planned_at = serializers.DateTimeField()
        notes = serializers.CharField(required=False, allow_blank=True)

    post = change_api(
        _dossier,
        lambda actor, dossier, data: actions.plan_contact(
            actor=actor, dossier=dossier, **data
        ),
        ContactMomentOutputSerializer,
        input=InputSerializer,
        created=True,
        summary="Plan a contact moment ahead (notes: what it is for)",
    )


class ContactMomentHeldApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        occurred_at = serializers.DateTimeField(required=False, allow_null=True)
        notes = serializers.CharField(required=False, allow_blank=True)

    post = change_api(
        _contact,
        lambda actor, contact, data: actions.record_contact_held(
            actor=actor, contact=contact, **data
        ),
        ContactMomentOutputSerializer,
        input=InputSerializer,
        versioned=True,
        summary="Record a planned contact moment as held (send the version you read)",
    )


class ContactMomentCancelApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        reason = serializers.CharField(max_length=200)

    post = change_api(
        _contact,
        lambda actor, contact, data: actions.cancel_contact(
            actor=actor, contact=contact, **data
        ),
        ContactMomentOutputSerializer,
        input=InputSerializer,
        versioned=True,
        summary="Cancel a planned contact moment with the reason (send the version "
        "you read); it stays in the dossier's history",
    )


# --- Consents and labour status -----------------------------------------------------------------


class ConsentListApi(BaseApi):
    get = read_api(
        partial(_person, what="consents"),
        ConsentOutputSerializer,
        rows=lambda _, person: queries.consents_of(person=person),
    )


class ConsentGiveApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
        partner = serializers.PrimaryKeyRelatedField(
            queryset=Organisation.objects.all(), required=False, allow_null=True
        )
        given_on = serializers.DateField(required=False, allow_null=True)
        bsn = BsnField(
            help_text="Only for bsn_reporting when no BSN is kept yet (write-only)."
        )

    post = change_api(
        _person,
        lambda actor, person, data: actions.give_consent(
            actor=actor, person=person, **data
        ),
        ConsentOutputSerializer,
        input=InputSerializer,
        created=True,
    )


class ConsentWithdrawApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        withdrawn_on = serializers.DateField(required=False, allow_null=True)

    post = change_api(
        _consent,
        lambda actor, consent, data: actions.withdraw_consent(
            actor=actor, consent=consent, withdrawn_on=data.get("withdrawn_on")
        ),
        ConsentOutputSerializer,
        input=InputSerializer,
    )


class LabourStatusListApi(BaseApi):
    get = read_api(
        partial(_person, what="labour-status"),
        LabourStatusOutputSerializer,
        rows=lambda _, person: queries.labour_status_history(person=person),
    )


class LabourStatusRecordApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        observed_on = serializers.DateField()
        status = serializers.ChoiceField(choices=LabourStatus.choices)
        contract_type = serializers.ChoiceField(
            choices=ContractType.choices, required=False, default=ContractType.NONE
        )
        source = serializers.ChoiceField(  # type: ignore[assignment]
            choices=ObservationSource.choices,
            required=False,
            default=ObservationSource.CONSULTANT,
        )

    post = change_api(
        _person,
        lambda actor, person, data: actions.record_labour_status(
            actor=actor, person=person, **data
        ),
        LabourStatusOutputSerializer,
        input=InputSerializer,
        created=True,
    )
