"""REST API of matching: taxonomy search, a person's occupations and skills, matched
vacancies, transitions, a vacancy's occupation, skills and candidates.

One view per operation; views only translate. Persons are reached through
``people.access``: one the caller may not read answers 404, the same as one that does
not exist. Changing a person's profile is for casework at the holding organisation.
"""

from typing import Any

from django.utils import timezone

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import NOT_FOUND, BaseApi, validated
from regiowerk.employers import actions as employer_actions
from regiowerk.employers.constants import ContractType
from regiowerk.employers.queries import get_vacancy
from regiowerk.matching import actions, queries
from regiowerk.matching.constants import SkillSource
from regiowerk.matching.models import Occupation, Skill
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import api_actor
from regiowerk.people.constants import AccessPurpose
from regiowerk.people.models import Person
from skillmatch import Explanation, Filters

PURPOSE = AccessPurpose.CASEWORK
MAX_K = 50


@extend_schema_field(
    {"type": "string", "description": "One of: " + ", ".join(SkillSource.values)}
)
class SkillSourceField(serializers.ChoiceField):
    """Documented inline: a separate enum component would collide with other
    apps' ``source`` fields in the schema."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=SkillSource.choices, **kwargs)


def _person(actor: Actor, person_id: str, *, what: str, write: bool = False) -> Person:
    return queries.access_profile(
        actor=actor, person_id=person_id, what=what, write=write
    )


# --- Output shapes ---------------------------------------------------------------------


class OccupationSuggestionSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"
    score = serializers.FloatField()


class SkillOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    skill_type = serializers.CharField()


class PersonOccupationOutputSerializer(serializers.Serializer):
    occupation_id = serializers.IntegerField()
    uri = serializers.CharField(source="occupation.uri")
    label = serializers.CharField(source="occupation.label")  # type: ignore[assignment]
    is_current = serializers.BooleanField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field named "source"


class PersonSkillOutputSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    uri = serializers.CharField(source="skill.uri")
    label = serializers.CharField(source="skill.label")  # type: ignore[assignment]
    source = serializers.CharField()  # type: ignore[assignment]  # a field named "source"


class SkillRefSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class MatchedSkillSerializer(SkillRefSerializer):
    is_required = serializers.BooleanField()
    credit = serializers.FloatField()
    via = serializers.CharField()
    via_label = serializers.CharField()


class BreakdownSerializer(serializers.Serializer):
    required_exact = serializers.FloatField()
    required_related = serializers.FloatField()
    optional_exact = serializers.FloatField()
    optional_related = serializers.FloatField()


class ExplanationSerializer(serializers.Serializer):
    matched = MatchedSkillSerializer(many=True)
    missing_required = SkillRefSerializer(many=True)
    missing_optional = SkillRefSerializer(many=True)
    breakdown = BreakdownSerializer()
    reason_en = serializers.CharField()
    reason_nl = serializers.CharField()


def _explanation(explanation: Explanation) -> Any:
    return ExplanationSerializer(explanation).data


# --- Taxonomy --------------------------------------------------------------------------


class OccupationSuggestApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(max_length=200)
        k = serializers.IntegerField(min_value=1, max_value=MAX_K, default=10)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OccupationSuggestionSerializer(many=True),
        summary="Occupations for a free-text job title, best first, with scores",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        query = validated(self.FilterSerializer, request.query_params)
        found = queries.suggest_occupations(text=query["q"], k=query["k"])
        return Response(OccupationSuggestionSerializer(found, many=True).data)


class SkillSearchApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(max_length=100)
        limit = serializers.IntegerField(min_value=1, max_value=MAX_K, default=20)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=SkillOutputSerializer(many=True),
        summary="Skills whose name contains every word of q",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        query = validated(self.FilterSerializer, request.query_params)
        found = queries.search_skills(text=query["q"], limit=query["limit"])
        return Response(SkillOutputSerializer(found, many=True).data)


# --- A person's occupations and skills -------------------------------------------------


class PersonOccupationListApi(BaseApi):
    @extend_schema(
        responses={200: PersonOccupationOutputSerializer(many=True), 404: NOT_FOUND}
    )
    def get(self, request: Request, person_id: str) -> Response:
        actor = api_actor(request)
        person = _person(actor, person_id, what="api: occupations")
        rows = queries.read_occupations(
            actor=actor, person=person, what="api: occupations"
        )
        return Response(PersonOccupationOutputSerializer(rows, many=True).data)


class PersonOccupationAddApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        occupation_uri = serializers.CharField(max_length=200)
        is_current = serializers.BooleanField(default=True)

    @extend_schema(
        request=InputSerializer,
        responses={201: PersonOccupationOutputSerializer, 404: NOT_FOUND},
        summary="Link a confirmed occupation to the person (holder's casework only)",
    )
    def post(self, request: Request, person_id: str) -> Response:
        actor = api_actor(request)
        person = _person(actor, person_id, what="api: link occupation", write=True)
        data = validated(self.InputSerializer, request.data)
        occupation = Occupation.objects.filter(uri=data["occupation_uri"]).first()
        if occupation is None:
            raise ValidationError({"occupation_uri": "Unknown occupation URI."})
        link = actions.link_occupation(
            actor=actor,
            person=person,
            occupation=occupation,
            is_current=data["is_current"],
            confirmed=True,
        )
        return Response(
            PersonOccupationOutputSerializer(link).data, status=status.HTTP_201_CREATED
        )


class PersonOccupationRemoveApi(BaseApi):
    @extend_schema(request=None, responses={204: None, 404: NOT_FOUND})
    def post(self, request: Request, person_id: str, occupation_id: int) -> Response:
        actor = api_actor(request)
        person = _person(actor, person_id, what="api: remove occupation", write=True)
        actions.unlink_occupation(
            actor=actor, person=person, occupation_id=occupation_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class PersonSkillListApi(BaseApi):
    @extend_schema(
        responses={200: PersonSkillOutputSerializer(many=True), 404: NOT_FOUND}
    )
    def get(self, request: Request, person_id: str) -> Response:
        actor = api_actor(request)
        person = _person(actor, person_id, what="api: skills")
        rows = queries.read_skills(actor=actor, person=person, what="api: skills")
        return Response(PersonSkillOutputSerializer(rows, many=True).data)


class PersonSkillAddApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        skill_uris = serializers.ListField(
            child=serializers.CharField(max_length=200), min_length=1, max_length=50
        )
        source = SkillSourceField(default=SkillSource.DECLARED)  # type: ignore[assignment]

    @extend_schema(
        request=InputSerializer,
        responses={201: PersonSkillOutputSerializer(many=True), 404: NOT_FOUND},
        summary="Add declared or assessed skills (holder's casework only)",
    )
    def post(self, request: Request, person_id: str) -> Response:
        actor = api_actor(request)
        person = _person(actor, person_id, what="api: add skills", write=True)
        data = validated(self.InputSerializer, request.data)
        found = queries.skills_by_uri(uris=data["skill_uris"])
        unknown = [uri for uri in data["skill_uris"] if uri not in found]
        if unknown:
            raise ValidationError(
                {"skill_uris": f"Unknown skill URI(s): {', '.join(unknown)}"}
            )
        links = actions.set_person_skills(
            actor=actor, person=person, skills=found.values(), source=data["source"]
        )
        return Response(
            PersonSkillOutputSerializer(links, many=True).data,
            status=status.HTTP_201_CREATED,
        )


class PersonSkillRemoveApi(BaseApi):
    @extend_schema(request=None, responses={204: None, 404: NOT_FOUND})
    def post(self, request: Request, person_id: str, skill_id: int) -> Response:
        actor = api_actor(request)
        person = _person(actor, person_id, what="api: remove skill", write=True)
        actions.remove_person_skill(actor=actor, person=person, skill_id=skill_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Matched vacancies, transitions, candidates ----------------------------------------


class PersonMatchedVacanciesApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        k = serializers.IntegerField(min_value=1, max_value=MAX_K, default=20)
        hours_min = serializers.IntegerField(min_value=0, max_value=60, required=False)
        hours_max = serializers.IntegerField(min_value=1, max_value=60, required=False)
        contract_type = serializers.MultipleChoiceField(
            choices=ContractType.choices, required=False
        )

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            low, high = attrs.get("hours_min"), attrs.get("hours_max")
            if low is not None and high is not None and low > high:
                raise ValidationError(
                    {"hours_max": "The maximum must not be below the minimum."}
                )
            return attrs

    class OutputSerializer(serializers.Serializer):
        vacancy_id = serializers.IntegerField(source="vacancy.pk")
        title = serializers.CharField(source="vacancy.title")
        employer = serializers.CharField(source="vacancy.employer.name")
        occupation_uri = serializers.CharField(source="vacancy.occupation_uri")
        score = serializers.FloatField(source="match.score")
        explanation = serializers.SerializerMethodField()

        def get_explanation(self, row: Any) -> Any:
            return _explanation(row.match.explanation)

    @extend_schema(
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), 404: NOT_FOUND},
        summary="Open vacancies ranked for the person, each with its explanation",
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = _person(api_actor(request), person_id, what="api: matched vacancies")
        query = validated(self.FilterSerializer, request.query_params)
        hours = None
        if "hours_min" in query or "hours_max" in query:
            hours = (
                float(query.get("hours_min", 0)),
                float(query.get("hours_max", 60)),
            )
        types = frozenset(query.get("contract_type") or ()) or None
        filters = Filters(hours=hours, contract_types=types)
        matches = queries.matched_vacancies(
            person=person, on=timezone.localdate(), k=query["k"], filters=filters
        )
        return Response(self.OutputSerializer(matches, many=True).data)


class PersonTransitionsApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        k = serializers.IntegerField(min_value=1, max_value=MAX_K, default=10)

    class OutputSerializer(serializers.Serializer):
        uri = serializers.CharField(source="transition.uri")
        label = serializers.CharField(source="transition.label")  # type: ignore[assignment]
        score = serializers.FloatField(source="transition.score")
        shared = serializers.ListField(source="transition.shared")
        shared_labels = serializers.ListField()
        gap = serializers.ListField(source="transition.gap")
        gap_labels = serializers.ListField()
        services = serializers.SerializerMethodField()

        def get_services(self, option: Any) -> list[dict[str, Any]]:
            return [{"id": s.pk, "name": s.name} for s in option.services]

    @extend_schema(
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), 404: NOT_FOUND},
        summary="Occupations within reach, with shared and gap skills and the "
        "catalogue services that teach the gap",
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = _person(api_actor(request), person_id, what="api: transitions")
        k = validated(self.FilterSerializer, request.query_params)["k"]
        options = queries.transitions_for(person=person, k=k)
        return Response(self.OutputSerializer(options, many=True).data)


class VacancyCandidatesApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        k = serializers.IntegerField(min_value=1, max_value=MAX_K, default=20)

    class OutputSerializer(serializers.Serializer):
        person_id = serializers.UUIDField(source="person.pk")
        name = serializers.CharField(source="person.full_name")
        organisation = serializers.CharField(source="person.organisation.name")
        score = serializers.FloatField(source="match.score")
        explanation = serializers.SerializerMethodField()

        def get_explanation(self, row: Any) -> Any:
            return _explanation(row.match.explanation)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="Persons the caller may see, ranked for the vacancy (each one logged)",
    )
    def get(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = get_vacancy(vacancy_id=vacancy_id)
        k = validated(self.FilterSerializer, request.query_params)["k"]
        ranked = queries.ranked_candidates(actor=actor, vacancy=vacancy, k=k)
        return Response(self.OutputSerializer(ranked, many=True).data)


class VacancyOccupationApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        occupation_uri = serializers.CharField(max_length=200)

    class OutputSerializer(serializers.Serializer):
        vacancy_id = serializers.IntegerField(source="pk")
        occupation_uri = serializers.CharField()
        occupation_label = serializers.CharField()
        occupation_status = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses=OutputSerializer,
        summary="Confirm the vacancy's occupation (see taxonomy/occupations/?q=title)",
    )
    def post(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = get_vacancy(vacancy_id=vacancy_id)
        uri = validated(self.InputSerializer, request.data)["occupation_uri"]
        occupation = Occupation.objects.filter(uri=uri).first()
        if occupation is None:
            raise ValidationError({"occupation_uri": "Unknown occupation URI."})
        vacancy = employer_actions.set_vacancy_occupation(
            actor=actor,
            vacancy=vacancy,
            occupation_uri=occupation.uri,
            label=occupation.label,
            confirmed=True,
        )
        return Response(self.OutputSerializer(vacancy).data)


class VacancySkillsApi(BaseApi):
    class SkillInputSerializer(serializers.Serializer):
        uri = serializers.CharField(max_length=200)
        is_essential = serializers.BooleanField(default=True)

    class InputSerializer(serializers.Serializer):
        skills = serializers.ListField(child=serializers.DictField(), max_length=100)

    @extend_schema(
        request=InputSerializer,
        responses=SkillRefSerializer(many=True),
        summary="Replace the skills listed on a vacancy ({uri, is_essential} each)",
    )
    def post(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = get_vacancy(vacancy_id=vacancy_id)
        items = [
            validated(self.SkillInputSerializer, item)
            for item in validated(self.InputSerializer, request.data)["skills"]
        ]
        found: dict[str, Skill] = queries.skills_by_uri(uris=[i["uri"] for i in items])
        unknown = [i["uri"] for i in items if i["uri"] not in found]
        if unknown:
            raise ValidationError(
                {"skills": f"Unknown skill URI(s): {', '.join(unknown)}"}
            )
        rows = employer_actions.set_vacancy_skills(
            actor=actor,
            vacancy=vacancy,
            skills=[
                (i["uri"], found[i["uri"]].label, i["is_essential"]) for i in items
            ],
        )
        return Response(
            [
                {
                    "uri": r.skill_uri,
                    "label": r.skill_label,
                    "is_essential": r.is_essential,
                }
                for r in rows
            ]
        )
