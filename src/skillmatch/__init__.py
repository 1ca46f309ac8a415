"""Match job seekers and vacancies by skills.

Pure Python: no Django, no database, no network. Pass profiles and a taxonomy in;
get ranked matches, each with the reasons for its score, back.
"""

from skillmatch.batch import BatchResult, TopK, match_vacancy_chunk, top_k_both_ways
from skillmatch.explain import Explanation, MatchedSkill, ScoreBreakdown, SkillRef
from skillmatch.profiles import CandidateProfile, Location, VacancyProfile
from skillmatch.ranking import (
    CandidateIndex,
    Filters,
    Match,
    VacancyIndex,
    rank_candidates,
    rank_vacancies,
)
from skillmatch.scoring import ProfileVectoriser, ScoringConfig
from skillmatch.taxonomy import Occupation, Skill, Taxonomy
from skillmatch.titles import TitleMatch, TitleNormaliser
from skillmatch.transitions import Transition, TransitionModel, TransitionWeights

__all__ = [
    "BatchResult",
    "CandidateIndex",
    "CandidateProfile",
    "Explanation",
    "Filters",
    "Location",
    "Match",
    "MatchedSkill",
    "Occupation",
    "ProfileVectoriser",
    "ScoreBreakdown",
    "ScoringConfig",
    "Skill",
    "SkillRef",
    "Taxonomy",
    "TitleMatch",
    "TitleNormaliser",
    "TopK",
    "Transition",
    "TransitionModel",
    "TransitionWeights",
    "VacancyIndex",
    "VacancyProfile",
    "match_vacancy_chunk",
    "rank_candidates",
    "rank_vacancies",
    "top_k_both_ways",
]
