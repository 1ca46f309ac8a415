"""Train the statistical early warning on how placements went, measure it against the
rules on held-out placements, and record which of the two the early warning uses."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from regiowerk.placements import risk_model
from regiowerk.placements.queries import risk_histories


class Command(BaseCommand):
    help = (
        "Fit a logistic regression over the early warning's factors on ended (and "
        "long-running) placements, report its discrimination (AUC = C-index) and "
        "calibration against the rules' score on held-out placements, and record "
        "the decision: the model only when it beats the rules there."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--today", help="YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--dry-run", action="store_true", help="report, record nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                parsed = parse_date(options["today"])
            except ValueError:  # well-formed but no such day (2026-13-01)
                parsed = None
            if parsed is None:
                raise CommandError(_("--today: give a date as YYYY-MM-DD."))
            today = parsed
        rows = risk_model.landmark_rows(risk_histories(), today=today)
        evaluation = risk_model.evaluate(rows)
        for line in report(evaluation):
            self.stdout.write(line)
        path = settings.PLACEMENT_RISK_MODEL
        if options["dry_run"] or path is None:
            return
        risk_model.save(evaluation, Path(path), evaluated_on=today)
        self.stdout.write(_("Decision recorded in %(path)s.") % {"path": path})


def report(e: risk_model.Evaluation) -> list[str]:
    lines = [
        _(
            "Rows: %(training)s for training (%(tp)s placements), %(held)s held out "
            "(%(hp)s placements, %(events)s ended badly within half a year)."
        )
        % {
            "training": e.training_rows,
            "tp": e.training_placements,
            "held": e.held_out_rows,
            "hp": e.held_out_placements,
            "events": e.held_out_events,
        }
    ]
    if e.model is not None:
        lines.append(
            _(
                "AUC (C-index) on the held-out rows: model %(model).3f, rules "
                "%(rules).3f; model minus rules %(low)+.3f to %(high)+.3f (95 %%)."
            )
            % {
                "model": e.model_auc,
                "rules": e.rules_auc,
                "low": e.difference_low,
                "high": e.difference_high,
            }
        )
        lines.append(
            _(
                "Calibration: Brier score %(brier).3f (%(baseline).3f when everyone "
                "gets the average chance); predicted against observed per fifth:"
            )
            % {"brier": e.brier, "baseline": e.brier_baseline}
        )
        lines += [
            f"  {100 * b.predicted:5.1f} %  {100 * b.observed:5.1f} %  ({b.rows})"
            for b in e.calibration
        ]
        lines.append(_("Coefficients (log-odds per unit):"))
        lines.append(f"  intercept {e.model.intercept:+.3f}")
        lines += [f"  {f} {c:+.3f}" for f, c in e.model.coefficients.items()]
    lines.append(
        {
            "model_better": _(
                "Used: the model (it beats the rules on the held-out placements)."
            ),
            "not_better": _(
                "Used: the rules (the model does not beat them on the held-out "
                "placements)."
            ),
            "too_few": _(
                "Used: the rules (too few placements to judge a model: at least "
                "%(n)s held-out rows of each outcome are needed)."
            )
            % {"n": risk_model.MIN_OUTCOMES},
        }[e.reason]
    )
    return lines
