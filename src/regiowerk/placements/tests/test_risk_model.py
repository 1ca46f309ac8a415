"""The statistical early warning: trained and judged on held-out placements, used only
when it beats the rules, and explained by its contributions."""

import datetime as dt
import json

from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

import numpy as np
import pytest

from regiowerk.organisations.constants import Role
from regiowerk.placements import queries, risk_model, rules
from regiowerk.placements.management.commands.evaluate_placement_risk import report
from regiowerk.placements.models import PlacementEnding
from regiowerk.placements.risk_model import FEATURES, Row
from regiowerk.placements.tests.factories import PlacementFactory, days_ago

F = rules.Factor


def rules_score(features):
    weights = [rules.WEIGHTS[f] for f in FEATURES]
    return min(100, int(sum(w * x for w, x in zip(weights, features, strict=True))))


def synthetic(n, *, signal, seed=7):
    """``n`` placements with one landmark row each: random factors; the chance of
    ending badly follows ``signal`` (log-odds per factor) or nothing at all."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        features = tuple(
            float(rng.integers(0, 4))
            if f in (F.MISSED_CHECK_INS, F.LOW_SIGNAL)
            else float(rng.random() < 0.3)
            for f in FEATURES
        )
        z = -1.5 + sum(
            signal.get(f, 0.0) * x for f, x in zip(FEATURES, features, strict=True)
        )
        rows.append(
            Row(
                f"p{i}",
                features,
                rules_score(features),
                bool(rng.random() < 1 / (1 + np.exp(-z))),
            )
        )
    return rows


# The rules weigh a status at risk most and support ending little; here only support
# ending and falling scores matter, and low signals protect (a worker who speaks up).
KNOWN = {F.SUPPORT_ENDING: 2.5, F.FALLING_SCORES: 1.5, F.LOW_SIGNAL: -0.6}


def test_a_model_that_learns_the_known_signal_beats_the_rules_and_is_used():
    evaluation = risk_model.evaluate(synthetic(1500, signal=KNOWN))
    assert evaluation.used and evaluation.reason == "model_better"
    assert evaluation.model_auc > evaluation.rules_auc + 0.05
    assert evaluation.difference_low > 0
    coefficients = evaluation.model.coefficients
    assert coefficients[F.SUPPORT_ENDING] > 2 and coefficients[F.LOW_SIGNAL] < 0
    assert abs(coefficients[F.LAST_STATUS_AT_RISK]) < 0.4  # noise for this signal
    # calibrated: each fifth's observed rate near its predicted chance
    assert evaluation.brier < evaluation.brier_baseline
    assert len(evaluation.calibration) == risk_model.CALIBRATION_BINS
    assert sum(b.rows for b in evaluation.calibration) == evaluation.held_out_rows
    for part in evaluation.calibration:
        assert abs(part.predicted - part.observed) < 0.12


def test_on_pure_noise_the_rules_are_kept():
    evaluation = risk_model.evaluate(synthetic(1500, signal={}))
    assert not evaluation.used and evaluation.reason == "not_better"
    assert abs(evaluation.model_auc - 0.5) < 0.07
    assert evaluation.difference_low <= 0 <= evaluation.difference_high


def test_too_few_outcomes_keep_the_rules_without_a_model():
    evaluation = risk_model.evaluate(synthetic(40, signal=KNOWN))
    assert (evaluation.used, evaluation.reason, evaluation.model) == (
        False,
        "too_few",
        None,
    )


def test_the_split_keeps_a_placement_on_one_side_and_is_repeatable():
    rows = [Row(f"p{i % 50}", (0.0,) * len(FEATURES), 0, False) for i in range(200)]
    training, held_out = risk_model.split(rows)
    assert not {r.key for r in training} & {r.key for r in held_out}
    assert len({r.key for r in held_out}) == 15  # 30 % of 50 placements
    assert risk_model.split(rows) == (training, held_out)


def test_the_model_explains_itself_as_coefficient_times_value():
    model = risk_model.Model(
        intercept=-2.0,
        coefficients={f.value: 0.0 for f in FEATURES}
        | {F.MISSED_CHECK_INS: 0.5, F.SUPPORT_ENDING: 1.0, F.LOW_SIGNAL: -0.25},
    )
    by_rules = rules.Risk(
        score=70,
        level=rules.Level.AT_RISK,
        contributions=(
            rules.Contribution(F.MISSED_CHECK_INS, 45, 4),  # counted up to three
            rules.Contribution(F.SUPPORT_ENDING, 15),
            rules.Contribution(F.LOW_SIGNAL, 10),
        ),
    )
    explained = model.explain(by_rules)
    z = -2.0 + 0.5 * 3 + 1.0 - 0.25
    assert explained.source == "model"
    assert explained.score == round(100 / (1 + np.exp(-z)))  # 56
    assert explained.level is rules.Level.AT_RISK
    parts = {c.factor: c for c in explained.contributions}
    assert parts[F.MISSED_CHECK_INS].log_odds == 1.5
    assert parts[F.MISSED_CHECK_INS].count == 4
    assert parts[F.SUPPORT_ENDING].log_odds == 1.0
    assert parts[F.LOW_SIGNAL].log_odds == -0.25 and parts[F.LOW_SIGNAL].points < 0
    assert [c.factor for c in explained.contributions] == [
        F.MISSED_CHECK_INS,
        F.SUPPORT_ENDING,
        F.LOW_SIGNAL,
    ]  # largest first


def test_landmark_rows_follow_a_placement_while_it_runs_and_censor_the_unseen():
    start = dt.date(2024, 1, 1)
    due = rules.check_in_dates(start)
    ended = risk_model.History(
        "a", start, due, [], ended_on=dt.date(2024, 8, 1), ending_reason="dismissed"
    )
    better = risk_model.History(
        "b", start, due, [], ended_on=dt.date(2024, 8, 1), ending_reason="better_job"
    )
    running = risk_model.History("c", start, due, [])
    today = dt.date(2025, 3, 1)
    rows = risk_model.landmark_rows([ended, better, running], today=today)
    by_key = {}
    for row in rows:
        by_key.setdefault(row.key, []).append(row.event)
    assert by_key["a"] == [True, True]  # at 3 and 6 months; ended before 12
    assert by_key["b"] == [False, False]  # a better job is not ending badly
    assert by_key["c"] == [False, False]  # 12 months + half a year is after today
    first = rows[0]  # three months in: the 14-day and 1-month check-ins missed
    assert first.features[FEATURES.index(F.MISSED_CHECK_INS)] == 2
    assert first.rules_score == 30


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_the_command_reports_and_records_the_decision(tmp_path, organisation, capsys):
    for days in (900, 700, 500):
        placement = PlacementFactory(
            organisation=organisation,
            person__organisation=organisation,
            starts_on=days_ago(days),
        )
    PlacementEnding.objects.create(
        placement=placement, ends_on=days_ago(300), reason="dismissed"
    )
    path = tmp_path / "model.json"
    with override_settings(PLACEMENT_RISK_MODEL=path):
        call_command("evaluate_placement_risk")
        decision = json.loads(path.read_text())
        assert risk_model.stored_model() is None
    out = capsys.readouterr().out
    assert "Gebruikt: de regels" in out
    assert decision["used"] is False and decision["reason"] == "too_few"
    assert decision["evaluated_on"] == timezone.localdate().isoformat()
    # landmarks seen through their horizon: 3-18 months, 3-12 months, 3 and 6 months
    assert decision["training_rows"] + decision["held_out_rows"] == 4 + 3 + 2


@pytestmark_db
def test_the_early_warning_uses_a_stored_model_that_beat_the_rules(
    tmp_path, organisation, make_actor
):
    expert = make_actor(organisation, Role.LABOUR_EXPERT)
    PlacementFactory(
        organisation=organisation,
        person__organisation=organisation,
        responsible=expert.user,
        starts_on=days_ago(100),  # 14 days, 1 and 3 months missed
    )
    evaluation = risk_model.evaluate(synthetic(1500, signal=KNOWN))
    path = tmp_path / "model.json"
    risk_model.save(evaluation, path, evaluated_on=timezone.localdate())
    today = timezone.localdate()
    [by_rules] = queries.follow_ups(actor=expert, today=today)
    with override_settings(PLACEMENT_RISK_MODEL=path):
        [by_model] = queries.follow_ups(actor=expert, today=today)
    assert by_rules.risk.source == "rules" and by_rules.risk.score == 45
    model = evaluation.model
    z = model.intercept + 3 * model.coefficients[F.MISSED_CHECK_INS]
    assert by_model.risk.source == "model"
    assert by_model.risk.score == round(100 / (1 + np.exp(-z)))
    [missed] = by_model.risk.contributions
    assert missed.factor == F.MISSED_CHECK_INS and missed.count == 3
    assert missed.log_odds == round(3 * model.coefficients[F.MISSED_CHECK_INS], 3)


def test_the_report_gives_discrimination_calibration_and_the_decision_in_dutch():
    evaluation = risk_model.evaluate(synthetic(1500, signal=KNOWN))
    lines = report(evaluation)
    assert lines[0].startswith(
        "Rijen: 1050 om te trainen (1050 plaatsingen), 450 apart"
    )
    assert (
        f"AUC (C-index) op de apart gehouden rijen: model {evaluation.model_auc:.3f}, "
        f"regels {evaluation.rules_auc:.3f}"
    ) in lines[1]
    assert f"Brier-score {evaluation.brier:.3f}" in lines[2]
    assert len([line for line in lines if line.endswith("(90)")]) == 5  # the fifths
    assert any(line.startswith("  support_ending +2.") for line in lines)
    assert lines[-1].startswith("Gebruikt: het model")


@pytest.mark.parametrize("today", ["morgen", "2026-13-01"])
def test_a_wrong_today_is_refused_in_dutch(today):
    with pytest.raises(CommandError, match="--today: geef een datum als JJJJ-MM-DD"):
        call_command("evaluate_placement_risk", today=today)
