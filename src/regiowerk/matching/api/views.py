"""REST API of matching: taxonomy search, a person's occupations and skills, matched
vacancies, transitions, a vacancy's occupation, skills and candidates.

One view per operation; views only translate. Persons are reached through
``people.access``: one the caller may not read answers 404, the same as one that does
not exist. Changing a person's profile is for casework at the holding organisation.
Serializers live in ``matching.api.serializers``.
"""

from functools import partial

from django.utils import timezone

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import NOT_FOUND, BaseApi, validated
from regiowerk.employers import actions as employer_actions
from regiowerk.employers.models import Vacancy
from regiowerk.employers.permissions import may_see_unnamed_candidates
from regiowerk.employers.queries import get_vacancy, vacancy_to_change
from regiowerk.matching import actions, queries
from regiowerk.matching.api.serializers import (
    CandidateOutputSerializer,
    MatchedVacancyFilterSerializer,
    MatchedVacancyOutputSerializer,
    OccupationSuggestFilterSerializer,
    OccupationSuggestionSerializer,
    PersonOccupationInputSerializer,
    PersonOccupationOutputSerializer,
    PersonSkillInputSerializer,
    PersonSkillOutputSerializer,
    SkillOutputSerializer,
    SkillRefSerializer,
    SkillSearchFilterSerializer,
    TransitionOutputSerializer,
    UnnamedCandidateFilterSerializer,
    UnnamedCandidateOutputSerializer,
    VacancyOccupationInputSerializer,
    VacancyOccupationOutputSerializer,
    VacancySkillInputSerializer,
    VacancySkillsInputSerializer,
    top_k,
)
from regiowerk.matching.models import Occupation
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import api_actor, change_api, read_api
from regiowerk.people.models import Person

TransitionFilterSerializer = top_k(default=10)
CandidateFilterSerializer = top_k(default=20)


def _person(actor: Actor, person_id: str, write: bool = False, *, what: str) -> Person:
    return queries.access_profile(
        actor=actor, person_id=person_id, what=what, write=write
    )


def _occupation(uri: str) -> Occupation:
    """The occupation with ``uri``, else a 400 naming ``occupation_uri``."""
    occupation = queries.find_occupation(uri=uri)
    if occupation is None:
        raise ValidationError({"occupation_uri": "Unknown occupation URI."})
    return occupation


# --- Taxonomy --------------------------------------------------------------------------


class OccupationSuggestApi(BaseApi):
    @extend_schema(
        parameters=[OccupationSuggestFilterSerializer],
        responses=OccupationSuggestionSerializer(many=True),
        summary="Occupations for a free-text job title, best first, with scores",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        query = validated(OccupationSuggestFilterSerializer, request.query_params)
        found = queries.suggest_occupations(text=query["q"], k=query["k"])
        return Response(OccupationSuggestionSerializer(found, many=True).data)


class SkillSearchApi(BaseApi):
    @extend_schema(
        parameters=[SkillSearchFilterSerializer],
        responses=SkillOutputSerializer(many=True),
        summary="Skills whose name contains every word of q",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        query = validated(SkillSearchFilterSerializer, request.query_params)
        found = queries.search_skills(text=query["q"], limit=query["limit"])
        return Response(SkillOutputSerializer(found, many=True).data)


# --- A person's occupations and skills -------------------------------------------------


class PersonOccupationListApi(BaseApi):
    get = read_api(
        partial(_person, what="api: occupations"),
        PersonOccupationOutputSerializer,
        rows=lambda actor, person: queries.read_occupations(
            actor=actor, person=person, what="api: occupations"
        ),
    )


class PersonOccupationAddApi(BaseApi):
    post = change_api(
        partial(_person, what="api: link occupation"),
        lambda actor, person, data: actions.link_occupation(
            actor=actor,
            person=person,
            occupation=_occupation(data["occupation_uri"]),
            is_current=data["is_current"],
            confirmed=True,
        ),
        PersonOccupationOutputSerializer,
        input=PersonOccupationInputSerializer,
        created=True,
        summary="Link a confirmed occupation to the person (holder's casework only)",
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
    get = read_api(
        partial(_person, what="api: skills"),
        PersonSkillOutputSerializer,
        rows=lambda actor, person: queries.read_skills(
            actor=actor, person=person, what="api: skills"
        ),
    )


class PersonSkillAddApi(BaseApi):
    @extend_schema(
        request=PersonSkillInputSerializer,
        responses={201: PersonSkillOutputSerializer(many=True), 404: NOT_FOUND},
        summary="Add declared or assessed skills (holder's casework only)",
    )
    def post(self, request: Request, person_id: str) -> Response:
        actor = api_actor(request)
        person = _person(actor, person_id, what="api: add skills", write=True)
        data = validated(PersonSkillInputSerializer, request.data)
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
    @extend_schema(
        parameters=[MatchedVacancyFilterSerializer],
        responses={200: MatchedVacancyOutputSerializer(many=True), 404: NOT_FOUND},
        summary="Open vacancies ranked for the person, each with its explanation",
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = _person(api_actor(request), person_id, what="api: matched vacancies")
        query = validated(MatchedVacancyFilterSerializer, request.query_params)
        filters = queries.vacancy_filters(
            hours_min=query.get("hours_min"),
            hours_max=query.get("hours_max"),
            contract_types=query.get("contract_type") or (),
        )
        matches = queries.matched_vacancies(
            person=person, on=timezone.localdate(), k=query["k"], filters=filters
        )
        return Response(MatchedVacancyOutputSerializer(matches, many=True).data)


class PersonTransitionsApi(BaseApi):
    @extend_schema(
        parameters=[TransitionFilterSerializer],
        responses={200: TransitionOutputSerializer(many=True), 404: NOT_FOUND},
        summary="Occupations within reach, with shared and gap skills and the "
        "catalogue services that teach the gap",
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = _person(api_actor(request), person_id, what="api: transitions")
        k = validated(TransitionFilterSerializer, request.query_params)["k"]
        options = queries.transitions_for(person=person, k=k)
        return Response(TransitionOutputSerializer(options, many=True).data)


class VacancyCandidatesApi(BaseApi):
    @extend_schema(
        parameters=[CandidateFilterSerializer],
        responses=CandidateOutputSerializer(many=True),
        summary="Persons the caller may see, ranked for the vacancy (each one logged)",
    )
    def get(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = get_vacancy(vacancy_id=vacancy_id)
        k = validated(CandidateFilterSerializer, request.query_params)["k"]
        ranked = queries.ranked_candidates(actor=actor, vacancy=vacancy, k=k)
        return Response(CandidateOutputSerializer(ranked, many=True).data)


class VacancyUnnamedCandidatesApi(BaseApi):
    @extend_schema(
        parameters=[UnnamedCandidateFilterSerializer],
        responses={200: UnnamedCandidateOutputSerializer(many=True), 404: NOT_FOUND},
        summary="The vacancy's suitable candidates unnamed, for its account managers "
        "(a token and the match each; put one forward with candidacies/create/)",
    )
    def get(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = get_vacancy(vacancy_id=vacancy_id)
        if not may_see_unnamed_candidates(actor=actor, vacancy=vacancy):
            raise Vacancy.DoesNotExist  # the same 404 as a vacancy that is not there
        k = validated(UnnamedCandidateFilterSerializer, request.query_params)["k"]
        unnamed = queries.unnamed_candidates(actor=actor, vacancy=vacancy, k=k)
        return Response(UnnamedCandidateOutputSerializer(unnamed, many=True).data)


class VacancyOccupationApi(BaseApi):
    @extend_schema(
        request=VacancyOccupationInputSerializer,
        responses=VacancyOccupationOutputSerializer,
        summary="Confirm the vacancy's occupation (see taxonomy/occupations/?q=title)",
    )
    def post(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = vacancy_to_change(actor=actor, vacancy_id=vacancy_id)
        data = validated(VacancyOccupationInputSerializer, request.data)
        vacancy = actions.confirm_vacancy_occupation(
            actor=actor, vacancy=vacancy, occupation=_occupation(data["occupation_uri"])
        )
        return Response(VacancyOccupationOutputSerializer(vacancy).data)


class VacancySkillsApi(BaseApi):
    @extend_schema(
        request=VacancySkillsInputSerializer,
        responses=SkillRefSerializer(many=True),
        summary="Replace the skills listed on a vacancy ({uri, is_essential} each)",
    )
    def post(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = vacancy_to_change(actor=actor, vacancy_id=vacancy_id)
        items = [
            validated(VacancySkillInputSerializer, item)
            for item in validated(VacancySkillsInputSerializer, request.data)["skills"]
        ]
        found = queries.skills_by_uri(uris=[i["uri"] for i in items])
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
