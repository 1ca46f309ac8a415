"""The engine's public API is exactly ``skillmatch.__all__`` (as in httpx)."""

import skillmatch

PUBLIC_API = {
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
}


def test_all_names_the_public_api_and_nothing_else():
    assert set(skillmatch.__all__) == PUBLIC_API


def test_every_exported_name_exists_and_is_documented():
    for name in skillmatch.__all__:
        member = getattr(skillmatch, name)
        assert member.__doc__, f"{name} has no docstring"


def test_the_package_itself_states_its_contract():
    assert "no Django" in (skillmatch.__doc__ or "")


def test_the_engine_imports_without_django_or_dask():
    import subprocess
    import sys

    code = (
        "import sys, pkgutil, importlib, skillmatch\n"
        "for m in pkgutil.iter_modules(skillmatch.__path__):\n"
        "    if m.name not in ('distributed', '__main__'):\n"
        "        importlib.import_module('skillmatch.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in "
        "{'django', 'rest_framework', 'regiowerk', 'dask', 'distributed'})\n"
        "print(bad)\n"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
