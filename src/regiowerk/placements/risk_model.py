"""The statistical early warning of placements: a logistic regression over the rules'
own factors, trained on how placements went, and used only when it beats the rules.

Each placement is looked at on landmark days (3, 6, 12, 18 and 24 months after its
start, while it was still running): the rules' factors on that day (``rules.risk``:
missed check-ins, falling scores, low signals, last status at risk, contract or
support ending) are the features, and the outcome is whether it ended badly (any
reason but a better job or moving on internally) within ``HORIZON_DAYS`` after it. A
landmark whose horizon has not passed yet for a running placement is left out
(censored), so the rows come from ended placements and from placements that kept
going past the horizon.

The rows are split by placement (a fixed seed) into training and held-out rows. On the
held-out rows the model's discrimination (AUC, which for a yes/no outcome is the
C-index) is compared with the rules' score on the same rows, with a paired bootstrap
interval of the difference; its calibration is the Brier score and the observed rate
against the predicted one per fifth of the predictions. The model is used only when
the whole interval lies above zero and the held-out rows hold enough outcomes of both
kinds; otherwise the rules stay. ``evaluate_placement_risk`` writes that decision, with
the figures and the coefficients, to the file ``settings.PLACEMENT_RISK_MODEL`` (by
default ``var/placement_risk_model.json``); the early warning (``early_warning``) reads
it. The model is never a black box: its score is a probability in percent and each
contribution is coefficient × feature value (``log_odds``), with the percentage points
it adds to the probability (``points``).

Everything but ``stored_model`` is pure (no Django): plain rows in, figures out.
"""

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from regiowerk.placements import rules

FEATURES = tuple(rules.Factor)
LANDMARK_MONTHS = (3, 6, 12, 18, 24)
HORIZON_DAYS = 182  # ending badly within half a year after the landmark
NOT_ADVERSE = frozenset({"better_job", "moved_on_internally"})
SEED = 2026
HELD_OUT_SHARE = 0.3
MIN_OUTCOMES = 10  # held-out rows of each kind (ended badly, not) needed to decide
BOOTSTRAP = 500
CALIBRATION_BINS = 5


@dataclass(frozen=True)
class History:
    """What is known of one placement: its schedule's due dates, the held check-ins
    (scheduled ones, with a status) and how and when it ended."""

    key: str
    starts_on: date
    due_dates: Sequence[date]
    check_ins: Sequence[rules.CheckInFacts]
    contract_ends_on: date | None = None
    support_ends_on: date | None = None
    ended_on: date | None = None
    ending_reason: str = ""

    @property
    def ended_badly(self) -> bool:
        return self.ended_on is not None and self.ending_reason not in NOT_ADVERSE


@dataclass(frozen=True)
class Row:
    """One placement on one landmark day: the rules' factors then, the rules' score,
    and whether it ended badly within the horizon."""

    key: str
    features: tuple[float, ...]
    rules_score: int
    event: bool


def features_of(risk: rules.Risk) -> tuple[float, ...]:
    """The model's features from the rules' explanation: how often each factor applied
    (missed check-ins and low signals counted up to ``rules.COUNTED_AT_MOST``)."""
    counts = {
        c.factor: float(min(c.count, rules.COUNTED_AT_MOST)) for c in risk.contributions
    }
    return tuple(counts.get(factor, 0.0) for factor in FEATURES)


def landmark_rows(histories: Iterable[History], *, today: date) -> list[Row]:
    rows = []
    for history in histories:
        for months in LANDMARK_MONTHS:
            on = rules.months_after(history.starts_on, months)
            if on > today or (history.ended_on is not None and history.ended_on <= on):
                break  # not running on the landmark
            until = on + timedelta(days=HORIZON_DAYS)
            event = history.ended_badly and history.ended_on <= until  # type: ignore[operator]
            if not event and history.ended_on is None and until > today:
                break  # still running, horizon not passed: censored
            risk = rules.risk(
                today=on,
                due_dates=history.due_dates,
                check_ins=[c for c in history.check_ins if c.held_on <= on],
                contract_ends_on=history.contract_ends_on,
                support_ends_on=history.support_ends_on,
            )
            rows.append(Row(history.key, features_of(risk), risk.score, event))
    return rows


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


@dataclass(frozen=True)
class Model:
    """A fitted logistic regression: log-odds = intercept + Σ coefficient × feature."""

    intercept: float
    coefficients: dict[str, float]

    def log_odds(self, features: Sequence[float]) -> float:
        return self.intercept + sum(
            self.coefficients[f] * x for f, x in zip(FEATURES, features, strict=True)
        )

    def probability(self, features: Sequence[float]) -> float:
        return _sigmoid(self.log_odds(features))

    def explain(self, risk: rules.Risk) -> rules.Risk:
        """The rules' explanation re-scored by the model: the score is the chance in
        percent of ending badly within the horizon; each factor that applies keeps its
        count, with coefficient × value as ``log_odds`` and as ``points`` what it adds
        to that chance (percentage points, negative when it lowers it)."""
        features = features_of(risk)
        z = self.log_odds(features)
        p = _sigmoid(z)
        counts = {c.factor: c.count for c in risk.contributions}
        contributions = []
        for factor, value in zip(FEATURES, features, strict=True):
            if value:
                part = self.coefficients[factor] * value
                contributions.append(
                    rules.Contribution(
                        factor,
                        round(100 * (p - _sigmoid(z - part))),
                        counts[factor],
                        log_odds=round(part, 3),
                    )
                )
        score = round(100 * p)
        return rules.Risk(
            score=score,
            level=rules.level_of(score),
            contributions=tuple(
                sorted(contributions, key=lambda c: (-c.points, c.factor))
            ),
            source="model",
        )


@dataclass(frozen=True)
class Bin:
    """A fifth of the held-out predictions: mean predicted chance, observed rate."""

    predicted: float
    observed: float
    rows: int


@dataclass(frozen=True)
class Evaluation:
    training_rows: int
    held_out_rows: int
    held_out_events: int
    model_auc: float | None
    rules_auc: float | None
    difference_low: float | None  # 95 % paired bootstrap interval of model − rules
    difference_high: float | None
    brier: float | None
    brier_baseline: float | None  # predicting the training rate for everyone
    calibration: tuple[Bin, ...]
    model: Model | None
    used: bool
    reason: str
    training_placements: int = 0
    held_out_placements: int = 0


def split(rows: Sequence[Row], *, seed: int = SEED) -> tuple[list[Row], list[Row]]:
    """Training and held-out rows, by placement: all rows of one placement fall on
    the same side (a fixed seed, so the same rows give the same split)."""
    keys = sorted({r.key for r in rows})
    order = np.random.default_rng(seed).permutation(len(keys))
    held = {keys[i] for i in order[: round(HELD_OUT_SHARE * len(keys))]}
    return [r for r in rows if r.key not in held], [r for r in rows if r.key in held]


def fit(rows: Sequence[Row]) -> Model:
    x = np.array([r.features for r in rows])
    y = np.array([r.event for r in rows])
    fitted = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    return Model(
        intercept=float(fitted.intercept_[0]),
        coefficients={
            f.value: float(c) for f, c in zip(FEATURES, fitted.coef_[0], strict=True)
        },
    )


def _calibration(y: np.ndarray, p: np.ndarray) -> tuple[Bin, ...]:
    order = np.argsort(p, kind="stable")
    return tuple(
        Bin(float(p[part].mean()), float(y[part].mean()), len(part))
        for part in np.array_split(order, CALIBRATION_BINS)
        if len(part)
    )


def evaluate(rows: Sequence[Row], *, seed: int = SEED) -> Evaluation:
    """Train on one side of the split, measure model and rules on the other, decide."""
    training, held_out = split(rows, seed=seed)
    counts = {
        "training_rows": len(training),
        "held_out_rows": len(held_out),
        "held_out_events": sum(r.event for r in held_out),
        "training_placements": len({r.key for r in training}),
        "held_out_placements": len({r.key for r in held_out}),
    }
    events = counts["held_out_events"]
    if (
        len({r.event for r in training}) < 2
        or events < MIN_OUTCOMES
        or len(held_out) - events < MIN_OUTCOMES
    ):
        return Evaluation(
            **counts,
            model_auc=None,
            rules_auc=None,
            difference_low=None,
            difference_high=None,
            brier=None,
            brier_baseline=None,
            calibration=(),
            model=None,
            used=False,
            reason="too_few",
        )
    model = fit(training)
    y = np.array([r.event for r in held_out], dtype=float)
    p_model = np.array([model.probability(r.features) for r in held_out])
    p_rules = np.array([r.rules_score for r in held_out], dtype=float)
    rng = np.random.default_rng(seed)
    differences = []
    for _ in range(BOOTSTRAP):
        pick = rng.integers(0, len(y), len(y))
        if 0 < y[pick].sum() < len(pick):
            differences.append(
                roc_auc_score(y[pick], p_model[pick])
                - roc_auc_score(y[pick], p_rules[pick])
            )
    low, high = np.percentile(differences, [2.5, 97.5])
    rate = float(np.mean([r.event for r in training]))
    used = bool(low > 0)
    return Evaluation(
        **counts,
        model_auc=float(roc_auc_score(y, p_model)),
        rules_auc=float(roc_auc_score(y, p_rules)),
        difference_low=float(low),
        difference_high=float(high),
        brier=float(brier_score_loss(y, p_model)),
        brier_baseline=float(brier_score_loss(y, np.full(len(y), rate))),
        calibration=_calibration(y, p_model),
        model=model,
        used=used,
        reason="model_better" if used else "not_better",
    )


# --- The stored decision ----------------------------------------------------------------------
def save(evaluation: Evaluation, path: Path, *, evaluated_on: date) -> None:
    data = asdict(evaluation)
    data["evaluated_on"] = evaluated_on.isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")


@lru_cache(maxsize=4)
def _load(path: Path, modified: int) -> Model | None:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not data.get("used") or not data.get("model"):
        return None
    model = data["model"]
    return Model(
        intercept=float(model["intercept"]),
        coefficients={f.value: float(model["coefficients"][f.value]) for f in FEATURES},
    )


def stored_model() -> Model | None:
    """The model the last evaluation decided to use, or None (the rules): no file, or
    the rules were kept."""
    from django.conf import settings

    path = getattr(settings, "PLACEMENT_RISK_MODEL", None)
    if path is None or not Path(path).is_file():
        return None
    return _load(Path(path), Path(path).stat().st_mtime_ns)


def early_warning(risk: rules.Risk) -> rules.Risk:
    """The early warning shown: the rules' score, or the model's when it is in use."""
    model = stored_model()
    return risk if model is None else model.explain(risk)
