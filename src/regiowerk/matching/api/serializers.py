"""Serializers of the matching API: what each operation accepts and returns.

Input serializers only parse (the actions decide); output serializers never save.
"""

from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from regiowerk.common.api import inline_choice_field
from regiowerk.employers.constants import ContractType
from regiowerk.matching.constants import SkillSource
from regiowerk.matching.queries import UNNAMED_CANDIDATES

MAX_K = 50


SkillSourceField = inline_choice_field(SkillSource)


def top_k(default: int) -> type[serializers.Serializer]:
    """A query of how many results to give (``k``, 1 to ``MAX_K``)."""

    class TopKFilterSerializer(serializers.Serializer):
        k = serializers.IntegerField(min_value=1, max_value=MAX_K, default=default)

    return TopKFilterSerializer


# --- Taxonomy --------------------------------------------------------------------------


class OccupationSuggestFilterSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=200)
    k = serializers.IntegerField(min_value=1, max_value=MAX_K, default=10)


class SkillSearchFilterSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=100)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_K, default=20)


class OccupationSuggestionSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"
    score = serializers.FloatField()


class SkillOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    skill_type = serializers.CharField()


class SkillRefSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


# --- A person's occupations and skills -------------------------------------------------


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


class PersonOccupationInputSerializer(serializers.Serializer):
    occupation_uri = serializers.CharField(max_length=200)
    is_current = serializers.BooleanField(default=True)


class PersonSkillInputSerializer(serializers.Serializer):
    skill_uris = serializers.ListField(
        child=serializers.CharField(max_length=200), min_length=1, max_length=50
    )
    source = SkillSourceField(default=SkillSource.DECLARED)  # type: ignore[assignment]


# --- Explanations ----------------------------------------------------------------------


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


# get_explanation of a row with the engine's match (a comment: drf-spectacular would
# show a docstring in the schema of every serializer that mixes this in).
class ExplainedMixin:
    def get_explanation(self, row: Any) -> Any:
        return ExplanationSerializer(row.match.explanation).data


# --- Matched vacancies, transitions, candidates ----------------------------------------


class MatchedVacancyFilterSerializer(serializers.Serializer):
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


class MatchedVacancyOutputSerializer(ExplainedMixin, serializers.Serializer):
    vacancy_id = serializers.IntegerField(source="vacancy.pk")
    title = serializers.CharField(source="vacancy.title")
    employer = serializers.CharField(source="vacancy.employer.name")
    occupation_uri = serializers.CharField(source="vacancy.occupation_uri")
    score = serializers.FloatField(source="match.score")
    explanation = serializers.SerializerMethodField()


class TransitionOutputSerializer(serializers.Serializer):
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


class CandidateOutputSerializer(ExplainedMixin, serializers.Serializer):
    person_id = serializers.UUIDField(source="person.pk")
    name = serializers.CharField(source="person.full_name")
    organisation = serializers.CharField(source="person.organisation.name")
    score = serializers.FloatField(source="match.score")
    explanation = serializers.SerializerMethodField()


class UnnamedCandidateFilterSerializer(serializers.Serializer):
    k = serializers.IntegerField(
        min_value=1, max_value=UNNAMED_CANDIDATES, default=UNNAMED_CANDIDATES
    )


class UnnamedCandidateOutputSerializer(ExplainedMixin, serializers.Serializer):
    """A suitable candidate without who it is: nothing of the person, only the opaque
    token (``candidate_token`` of ``candidacies/create/``) and the match."""

    token = serializers.CharField(
        help_text="Stands for the person on this vacancy for your organisation; "
        "reveals nothing about them."
    )
    score = serializers.FloatField(source="match.score")
    explanation = serializers.SerializerMethodField()


# --- A vacancy's occupation and skills -------------------------------------------------


class VacancyOccupationInputSerializer(serializers.Serializer):
    occupation_uri = serializers.CharField(max_length=200)


class VacancyOccupationOutputSerializer(serializers.Serializer):
    vacancy_id = serializers.IntegerField(source="pk")
    occupation_uri = serializers.CharField()
    occupation_label = serializers.CharField()
    occupation_status = serializers.CharField()


class VacancySkillInputSerializer(serializers.Serializer):
    uri = serializers.CharField(max_length=200)
    is_essential = serializers.BooleanField(default=True)


class VacancySkillsInputSerializer(serializers.Serializer):
    skills = serializers.ListField(child=serializers.DictField(), max_length=100)
