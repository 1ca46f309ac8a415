"""The durability report (Duurzaamheid): built from one query, the page with its SVG
charts and tables, CSV and Excel, small cells hidden, and who may see it."""

from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    make_user,
)
from regiowerk.placements import durability
from regiowerk.placements.constants import (
    EndingReason,
    PlacementContract,
    PlacementKind,
)
from regiowerk.placements.models import PlacementEnding
from regiowerk.placements.tests.factories import PlacementFactory, days_ago

pytestmark = pytest.mark.django_db


def placements(organisation, n, *, kind=PlacementKind.REGULAR, ended=0):
    made = [
        PlacementFactory(
            organisation=organisation,
            person__organisation=organisation,
            kind=kind,
            starts_on=days_ago(400 + i),
        )
        for i in range(n)
    ]
    for placement in made[:ended]:
        PlacementEnding.objects.create(
            placement=placement, ends_on=days_ago(100), reason=EndingReason.HEALTH
        )
    return made


def test_the_report_splits_survival_by_group_and_hides_small_groups(organisation):
    placements(organisation, 8, ended=2)
    placements(organisation, 2, kind=PlacementKind.TRIAL)
    PlacementFactory()  # another organisation's

    with CaptureQueriesContext(connection) as captured:
        report = durability.durability(organisation, today=timezone.localdate())
    assert len(captured.captured_queries) == 1
    everyone, regular, trial = report.curves
    assert (everyone.placements, everyone.ended) == (10, 2)
    assert report.label(regular.label) == "Reguliere baan"
    # a group of 2 is hidden, and the one beside it so it cannot be derived
    assert trial.suppressed and regular.suppressed
    assert report.reasons == (("Gezondheid", "x"),)


def test_the_page_shows_each_chart_with_its_table(organisation, client):
    placements(organisation, 12, ended=3)
    client.force_login(make_user(organisation=organisation, role=Role.ANALYST))
    response = client.get(reverse("durability") + "?group=contract_type")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Duurzaamheid van plaatsingen</h1>" in content
    charts = content[content.index('id="survival"') :]
    assert charts.count("<svg") == 2 and "<script" not in charts  # curves, one region
    assert "Vast" in content  # the contract type's label
    assert "Alle plaatsingen" in content
    started = days_ago(400)
    quarter = f"{started.year} K{(started.month - 1) // 3 + 1}"
    assert f'<th scope="row">{quarter}</th><td>' in content  # the quarter's row


def test_csv_and_excel_hold_the_same_retention_table(organisation, client):
    placements(organisation, 12, ended=3)
    client.force_login(make_user(organisation=organisation, role=Role.LABOUR_EXPERT))
    csv = client.get(reverse("durability") + "?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Soort plaatsing;Plaatsingen;Beëindigd")
    assert lines[1].startswith("Alle plaatsingen;12;3;6;")
    xlsx = client.get(reverse("durability") + "?format=xlsx")
    book = load_workbook(BytesIO(xlsx.content))
    assert book.sheetnames[0] == "Retentie"
    assert book["Retentie"]["B2"].value == 12  # a number, not text


def test_only_the_reporting_roles_see_it(organisation, client):
    client.force_login(make_user(organisation=organisation, role=Role.CONSULTANT))
    assert client.get(reverse("durability")).status_code == 403


def test_each_split_reads_its_own_labels_in_the_one_query(organisation):
    supported = PlacementFactory(
        organisation=organisation,
        person__organisation=organisation,
        person__has_occupational_disability=True,
        person__is_banenafspraak=True,
        employer__sector="Q",
        kind=PlacementKind.TRIAL,
        support=["job_coach", "workplace_adjustment"],
    )
    plain = PlacementFactory(
        organisation=organisation,
        person__organisation=organisation,
        employer__sector="",
        contract_type=PlacementContract.FLEX,
    )
    expected = {
        "target_group": (("occupational_disability", "banenafspraak"), ("other",)),
        "kind": (("trial",), ("regular",)),
        "contract_type": (("permanent",), ("flex",)),
        "sector": (("Q",), ()),
        "support": (("job_coach", "workplace_adjustment"), ("none",)),
    }
    assert set(expected) == set(durability.dimensions())
    for dimension, labels in expected.items():
        with CaptureQueriesContext(connection) as captured:
            rows = durability.placement_rows(organisation, dimension=dimension)
        assert len(captured.captured_queries) == 1
        by_person = {row.person: row.groups for row in rows}
        assert by_person[supported.person_id] == {dimension: labels[0]}
        assert by_person[plain.person_id] == {dimension: labels[1]}


def test_a_manager_sees_the_regions_placements(organisation, client):
    """Done means: a manager sees survival and inflow/outflow for the region. The walk
    found a project leader's report of their own organisation's 16 placements all "x",
    and the programme manager refused."""
    placements(organisation, 3)
    neighbour = OrganisationFactory(region=organisation.region)
    placements(neighbour, 9, ended=2)
    elsewhere = RegionFactory(name="Elders", code="elders")
    placements(OrganisationFactory(region=elsewhere), 7)  # another region's
    leader = make_user(organisation=organisation, role=Role.PROJECT_LEADER)
    client.force_login(leader)

    own = client.get(reverse("durability")).content.decode()
    assert '<a href="?group=kind&amp;scope=region">van de regio</a>' in own
    assert "<td>x</td>" in own  # 3 placements: hidden
    region = client.get(reverse("durability") + "?scope=region")
    content = region.content.decode()
    assert "Alle plaatsingen die in de regio gevolgd worden" in content
    assert '<th scope="row">Alle plaatsingen</th><td>12</td><td>2</td>' in content
    assert "?group=sector&amp;scope=region" in content  # the split keeps the scope
    csv = client.get(reverse("durability") + "?scope=region&format=csv")
    assert (
        csv.content.decode("utf-8-sig")
        .splitlines()[1]
        .startswith("Alle plaatsingen;12;2;")
    )

    # a labour expert asking for the region keeps their organisation's
    client.force_login(make_user(organisation=organisation, role=Role.LABOUR_EXPERT))
    expert = client.get(reverse("durability") + "?scope=region").content.decode()
    assert "Alle plaatsingen die in de regio" not in expert
    assert "van de regio" not in expert

    # the programme manager's organisation follows none: they see the region's
    funder = OrganisationFactory(region=organisation.region)
    client.force_login(make_user(organisation=funder, role=Role.PROGRAMME_MANAGER))
    page = client.get(reverse("durability")).content.decode()
    assert '<th scope="row">Alle plaatsingen</th><td>12</td>' in page
    assert 'href="/duurzaamheid/"' in page  # in the menu
    assert "van uw organisatie" not in page
