"""The DWSRA programme as real data: ``manage.py import_programme`` over
``../shared/data/dwsra/projects.json`` (read in place, never copied into the repo)."""

import json
import re
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db.models import Model

import pytest

from regiowerk.monitoring import queries
from regiowerk.monitoring.constants import IndicatorKind, PartyRole
from regiowerk.monitoring.models import (
    Activity,
    Indicator,
    Programme,
    Project,
    ProjectParty,
    Target,
    TargetChange,
)

pytestmark = pytest.mark.django_db

PROJECTS_JSON = (
    Path(__file__).resolve().parents[5] / "shared" / "data" / "dwsra" / "projects.json"
)
MODELS: tuple[type[Model], ...] = (
    Programme,
    Project,
    ProjectParty,
    Activity,
    Indicator,
    Target,
    TargetChange,
)


@pytest.fixture
def projects_json() -> Path:
    if not PROJECTS_JSON.is_file():
        pytest.skip(
            f"DWSRA data not found at {PROJECTS_JSON} (expected ../shared/data/dwsra)"
        )
    return PROJECTS_JSON


def run(path: Path) -> str:
    out = StringIO()
    call_command("import_programme", str(path), stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    return {
        m._meta.label: list(m._default_manager.order_by("pk").values()) for m in MODELS
    }


def test_the_import_creates_the_43_projects_and_350_indicators(projects_json):
    output = run(projects_json)
    assert "43 projecten, " in output
    assert "350 indicatoren" in output
    programme = Programme.objects.get()
    assert programme.name == "DWSRA 2016"
    assert programme.projects.count() == 43
    assert (
        Indicator.objects.filter(activity__project__programme=programme).count() == 350
    )
    assert Target.objects.count() == 350
    # every indicator is manual or a deliverable, traced to its source line
    assert not Indicator.objects.filter(kind=IndicatorKind.COMPUTED).exists()
    assert not Indicator.objects.exclude(evidence_note__startswith="Bron: ").exists()


def test_dw2012_carries_the_figures_the_evaluation_states(projects_json):
    run(projects_json)
    project = Project.objects.get(code="DW2012")
    assert project.direct_costs_cents == 1_245_313_00
    assert project.max_subsidy_cents == 859_265_00
    assert project.rule_max_subsidy_cents == 859_265_00  # 69 %, whole euros down
    assert project.requested_subsidy_cents == 710_781_00
    assert project.requested_percentage_of_max == 83
    assert (project.starts_on.isoformat(), project.ends_on.isoformat()) == (
        "2016-07-15",
        "2018-12-31",
    )
    assert project.parties.get(role=PartyRole.APPLICANT).name.startswith(
        "Stichting Fonds Leren en Ontwikkelen Wooncorporaties"
    )
    events = Indicator.objects.get(
        activity__project=project, name="national events held"
    )
    assert (events.target.original_value, events.realised_value) == (2, 8)
    assert "regel 122" in events.evidence_note


def test_the_finished_programme_is_closed_so_no_period_report_is_overdue(
    projects_json,
):
    run(projects_json)
    programme = Programme.objects.get()
    projects = list(programme.projects.select_related("programme"))
    last_end = max(project.ends_on for project in projects)

    assert programme.closed_on == last_end
    assert queries.overdue_reports(projects, today=last_end) == []  # closed that day
    # the day before it closed, its reports were due like any programme's
    programme.closed_on = None
    for project in projects:
        project.programme = programme
    assert queries.overdue_reports(projects, today=last_end)


def test_every_stated_requested_percentage_matches_the_computed_one(projects_json):
    # given: the source's own "requested as % of maximum" figures
    stated = {
        p["code"]: p["requested_pct_of_max"]
        for p in json.loads(projects_json.read_text(encoding="utf-8"))
        if p.get("requested_pct_of_max") is not None
    }
    # when
    run(projects_json)
    # then
    computed = {
        p.code: p.requested_percentage_of_max
        for p in Project.objects.filter(code__in=stated)
    }
    assert computed == stated


def test_a_maximum_subsidy_that_differs_from_the_rule_is_kept_with_its_explanation(
    projects_json,
):
    run(projects_json)
    amended = Project.objects.get(code="SRA20110")  # € 692,550 amended to € 690,000
    assert amended.max_subsidy_cents == 690_000_00
    assert amended.rule_max_subsidy_cents == 692_550_00
    assert "692.550" in amended.max_subsidy_note
    differing = [
        p.code
        for p in Project.objects.all()
        if p.max_subsidy_cents != p.rule_max_subsidy_cents
    ]
    assert differing
    assert all(Project.objects.get(code=code).max_subsidy_note for code in differing)


def test_a_revised_target_keeps_the_original_and_its_change(projects_json):
    run(projects_json)
    target = Target.objects.get(
        indicator__activity__project__code="DW20110",
        original_value=2000,
        current_value=800,
    )
    assert target.current_value == 800
    assert target.is_revised
    (change,) = target.changes.all()
    assert (change.previous_value, change.new_value) == (2000, 800)
    assert "regel 478" in change.reason
    assert TargetChange.objects.count() == 10


def test_running_the_import_twice_changes_nothing(projects_json):
    run(projects_json)
    before = snapshot()
    output = run(projects_json)
    assert "0 rijen geschreven." in output
    assert snapshot() == before


def test_the_summary_is_dutch_with_singular_and_plural(projects_json, tmp_path):
    project = json.loads(projects_json.read_text(encoding="utf-8"))[0]
    project["indicators"] = project["indicators"][:1]
    one = tmp_path / "one.json"
    one.write_text(json.dumps([project]), encoding="utf-8")

    first, second = run(one), run(one)

    assert re.fullmatch(
        r"1 project, 1 activiteit, 1 indicator; \d+ rijen geschreven\.\n", first
    )
    assert second == "1 project, 1 activiteit, 1 indicator; 0 rijen geschreven.\n"


def test_an_unreadable_file_is_a_clear_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "missing.json")
    (tmp_path / "object.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="list of projects"):
        run(tmp_path / "object.json")
