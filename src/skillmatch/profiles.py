"""What a job seeker offers and what a vacancy asks: the engine's two inputs.

Both profiles are frozen dataclasses. Skills are identified by URI (usually ESCO);
a candidate's skills carry a weight in ``(0, 1]`` that says how sure we are the
person has the skill:

===========================  ==========================================
source of the skill          weight (default, see the ``*_WEIGHT`` names)
===========================  ==========================================
assessed (tested, verified)  :data:`ASSESSED_WEIGHT` = 1.0
essential skill of a job     :data:`ESSENTIAL_WEIGHT` = 0.9
  the person has held
declared by the person       :data:`DECLARED_WEIGHT` = 0.7
optional skill of a job      :data:`OPTIONAL_WEIGHT` = 0.4
  the person has held
===========================  ==========================================

When a skill comes from more than one source the highest weight wins. Build
profiles from occupations with :meth:`CandidateProfile.from_occupations` and
:meth:`VacancyProfile.from_occupation`; the plain constructors validate their input
and raise :class:`ValueError` naming the field and the reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skillmatch.taxonomy import Taxonomy

__all__ = [
    "ASSESSED_WEIGHT",
    "DECLARED_WEIGHT",
    "ESSENTIAL_WEIGHT",
    "OPTIONAL_WEIGHT",
    "CandidateProfile",
    "Location",
    "VacancyProfile",
]

ASSESSED_WEIGHT = 1.0
"""Weight of a skill that was tested or otherwise verified."""
ESSENTIAL_WEIGHT = 0.9
"""Weight of an essential skill of an occupation the candidate has held."""
DECLARED_WEIGHT = 0.7
"""Weight of a skill the candidate says they have."""
OPTIONAL_WEIGHT = 0.4
"""Weight of an optional skill of an occupation the candidate has held."""

_MAX_LATITUDE = 90.0
_MAX_LONGITUDE = 180.0
_MAX_HOURS_PER_WEEK = 168.0


@dataclass(frozen=True, slots=True)
class Location:
    """A point on earth in WGS84 degrees.

    Raises:
        ValueError: ``latitude`` is outside [-90, 90] or ``longitude`` outside
            [-180, 180] (or either is not a finite number).
    """

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.latitude) and abs(self.latitude) <= _MAX_LATITUDE):
            msg = f"latitude must lie in [-90, 90], not {self.latitude!r}"
            raise ValueError(msg)
        if not (
            math.isfinite(self.longitude) and abs(self.longitude) <= _MAX_LONGITUDE
        ):
            msg = f"longitude must lie in [-180, 180], not {self.longitude!r}"
            raise ValueError(msg)

    def distance_km(self, other: Location) -> float:
        """Great-circle (haversine) distance to ``other`` in kilometres."""
        return haversine_km(
            self.latitude, self.longitude, other.latitude, other.longitude
        )


_EARTH_RADIUS_KM = 6371.0088  # mean earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _check_id(value: str, name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"{name} must be a non-empty string, not {value!r}"
        raise ValueError(msg)


def _check_hours(value: float, name: str) -> None:
    if not (math.isfinite(value) and 0 <= value <= _MAX_HOURS_PER_WEEK):
        msg = f"{name} must be between 0 and 168 hours per week, not {value!r}"
        raise ValueError(msg)


def _frozen_skills(skills: Mapping[str, float], name: str) -> Mapping[str, float]:
    out: dict[str, float] = {}
    for uri, weight in skills.items():
        _check_id(uri, f"{name} key")
        w = float(weight)
        if not (0.0 < w <= 1.0):
            msg = f"{name}[{uri!r}] must be a weight in (0, 1], not {weight!r}"
            raise ValueError(msg)
        out[uri] = w
    return MappingProxyType(out)


def _merge(target: dict[str, float], uris: Iterable[str], weight: float) -> None:
    for uri in uris:
        target[uri] = max(target.get(uri, 0.0), weight)


@dataclass(frozen=True, slots=True)
class CandidateProfile:
    """A job seeker as the engine sees them: skills plus practical wishes.

    Attributes:
        id: Caller's identifier (never a BSN); ties in rankings break on it.
        skills: Skill URI → weight in ``(0, 1]`` (how sure we are they have it).
        region: Free-form region code, e.g. a labour-market region name.
        location: Where they live, for distance filters; ``None`` if unknown.
        hours_wanted: ``(minimum, maximum)`` hours per week; ``None`` = any.
        contract_types: Contract types they accept (e.g. ``"permanent"``);
            empty = any.

    Raises:
        ValueError: Empty ``id``, a weight outside ``(0, 1]``, or invalid hours.
    """

    id: str
    skills: Mapping[str, float] = field(default_factory=dict)
    region: str = ""
    location: Location | None = None
    hours_wanted: tuple[float, float] | None = None
    contract_types: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _check_id(self.id, "id")
        object.__setattr__(self, "skills", _frozen_skills(self.skills, "skills"))
        object.__setattr__(self, "contract_types", frozenset(self.contract_types))
        if self.hours_wanted is not None:
            low, high = self.hours_wanted
            _check_hours(low, "hours_wanted minimum")
            _check_hours(high, "hours_wanted maximum")
            if low > high:
                msg = f"hours_wanted minimum {low} exceeds maximum {high}"
                raise ValueError(msg)

    @classmethod
    def from_occupations(
        cls,
        id: str,
        *,
        taxonomy: Taxonomy,
        occupations: Iterable[str] = (),
        declared: Iterable[str] = (),
        assessed: Iterable[str] = (),
        region: str = "",
        location: Location | None = None,
        hours_wanted: tuple[float, float] | None = None,
        contract_types: Iterable[str] = (),
    ) -> CandidateProfile:
        """Build a profile from jobs held and skills declared or assessed.

        Each occupation contributes its essential skills at :data:`ESSENTIAL_WEIGHT`
        and its optional skills at :data:`OPTIONAL_WEIGHT`; declared skills weigh
        :data:`DECLARED_WEIGHT`, assessed ones :data:`ASSESSED_WEIGHT`. The highest
        weight of a skill wins.

        Raises:
            ValueError: An occupation URI the taxonomy does not know, or invalid
                fields (see the class).
        """
        skills: dict[str, float] = {}
        for occupation in occupations:
            if occupation not in taxonomy.occupations:
                msg = f"occupations: unknown occupation URI {occupation!r}"
                raise ValueError(msg)
            _merge(skills, taxonomy.optional_skills(occupation), OPTIONAL_WEIGHT)
            _merge(skills, taxonomy.essential_skills(occupation), ESSENTIAL_WEIGHT)
        _merge(skills, declared, DECLARED_WEIGHT)
        _merge(skills, assessed, ASSESSED_WEIGHT)
        return cls(
            id=id,
            skills=skills,
            region=region,
            location=location,
            hours_wanted=hours_wanted,
            contract_types=frozenset(contract_types),
        )


@dataclass(frozen=True, slots=True)
class VacancyProfile:
    """A vacancy as the engine sees it: required and optional skills plus terms.

    Attributes:
        id: Caller's identifier; ties in rankings break on it.
        occupation: ESCO occupation URI of the job, ``""`` if none.
        required: Skill URIs the job needs (ESCO "essential" skills).
        optional: Skill URIs that help (never overlaps ``required``).
        region: Free-form region code.
        location: Where the work is; ``None`` if unknown or remote.
        hours: Hours per week; ``None`` if unknown.
        contract_type: E.g. ``"permanent"``, ``"temporary"``; ``""`` if unknown.

    Raises:
        ValueError: Empty ``id``, a skill both required and optional, or invalid
            hours.
    """

    id: str
    occupation: str = ""
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    region: str = ""
    location: Location | None = None
    hours: float | None = None
    contract_type: str = ""

    def __post_init__(self) -> None:
        _check_id(self.id, "id")
        object.__setattr__(self, "required", frozenset(self.required))
        object.__setattr__(self, "optional", frozenset(self.optional))
        for uri in self.required | self.optional:
            _check_id(uri, "skill URI")
        both = self.required & self.optional
        if both:
            msg = f"skills cannot be both required and optional: {sorted(both)}"
            raise ValueError(msg)
        if self.hours is not None:
            _check_hours(self.hours, "hours")

    @property
    def skills(self) -> frozenset[str]:
        """All skills of the vacancy, required and optional."""
        return self.required | self.optional

    @classmethod
    def from_occupation(
        cls,
        id: str,
        occupation: str,
        *,
        taxonomy: Taxonomy,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
        region: str = "",
        location: Location | None = None,
        hours: float | None = None,
        contract_type: str = "",
    ) -> VacancyProfile:
        """Build a vacancy from its occupation's skills plus skills listed in the ad.

        The occupation's essential skills and ``required`` become required skills;
        its optional skills and ``optional`` become optional, except those that
        are also required.

        Raises:
            ValueError: The taxonomy does not know ``occupation``, or invalid
                fields (see the class).
        """
        if occupation not in taxonomy.occupations:
            msg = f"occupation: unknown occupation URI {occupation!r}"
            raise ValueError(msg)
        req = frozenset(taxonomy.essential_skills(occupation)) | frozenset(required)
        opt = (
            frozenset(taxonomy.optional_skills(occupation)) | frozenset(optional)
        ) - req
        return cls(
            id=id,
            occupation=occupation,
            required=req,
            optional=opt,
            region=region,
            location=location,
            hours=hours,
            contract_type=contract_type,
        )
