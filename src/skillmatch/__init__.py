"""Match job seekers and vacancies by skills.

Pure Python: no Django, no database, no network. Pass profiles and a taxonomy in;
get ranked matches, each with the reasons for its score, back.
"""

from skillmatch.taxonomy import Occupation, Skill, Taxonomy

__all__ = [
    "Occupation",
    "Skill",
    "Taxonomy",
]
