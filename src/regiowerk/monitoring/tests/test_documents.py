"""A deliverable's document: versions uploaded by the project leader, downloaded by
whoever may read the project, refused when it is not a document, empty or too large."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from regiowerk.common.tests.concurrency import racing_database
from regiowerk.monitoring import actions
from regiowerk.monitoring.models import DeliverableDocument
from regiowerk.monitoring.tests.test_project_page import World
from regiowerk.organisations.constants import Role
from regiowerk.organisations.tests.factories import OrganisationFactory
from regiowerk.services.tests.factories import make_actor

pytestmark = pytest.mark.django_db

REPORT = b"%PDF-1.7\n% eindrapport\n"


@pytest.fixture
def world() -> World:
    return World()


def download(world: World, client, document, indicator=None):
    return client.get(
        world.url(
            "document-download",
            indicator_id=(indicator or world.deliverable).pk,
            document_id=document.pk,
        )
    )


def upload(world: World, client, data: bytes, name: str = "eindrapport.pdf", **extra):
    return client.post(
        world.indicator_url("document-upload", world.deliverable),
        {"file": SimpleUploadedFile(name, data), **extra},
    )


def test_the_project_leader_adds_versions_and_a_reader_downloads_each(world):
    leader = world.client(Role.PROJECT_LEADER)

    first = upload(world, leader, REPORT, note="Concept voor de stuurgroep")
    second = upload(world, leader, REPORT + b"definitief\n", name="Eindrapport v2.pdf")

    assert first.status_code == second.status_code == 302
    v1, v2 = DeliverableDocument.objects.order_by("version")
    assert (v1.version, v1.name, v1.size) == (1, "eindrapport.pdf", len(REPORT))
    assert v1.sha256 == hashlib.sha256(REPORT).hexdigest()
    assert v1.note == "Concept voor de stuurgroep"
    assert (v2.version, v2.name) == (2, "Eindrapport v2.pdf")
    assert v1.uploaded_by.memberships.get().role == Role.PROJECT_LEADER
    assert "eindrapport" not in v1.file.name  # stored under a random name
    # the indicator page lists both, newest first, for the auditor too
    auditor = world.client(Role.AUDITOR)
    html = auditor.get(world.indicator_url("indicator-detail", world.deliverable))
    text = html.content.decode()
    assert text.index("Eindrapport v2.pdf") < text.index("eindrapport.pdf")
    assert "Concept voor de stuurgroep" in text
    assert "Versie toevoegen" not in text  # the auditor reads only
    # and each version downloads as an attachment with its own bytes
    response = download(world, auditor, v1)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == REPORT
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="eindrapport.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("rapport.exe", REPORT, "Kies een document (.pdf"),
        ("rapport.html", b"<script>alert(1)</script>", "Kies een document (.pdf"),
        ("leeg.pdf", b"", "Het verstuurde bestand is leeg."),
    ],
)
def test_what_is_not_a_document_is_refused_with_a_dutch_error(world, name, data, error):
    response = upload(world, world.client(Role.PROJECT_LEADER), data, name=name)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not DeliverableDocument.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_stored(world, settings):
    settings.REGIOWERK_DOCUMENT_MAX_MB = 1

    response = upload(
        world, world.client(Role.PROJECT_LEADER), b"x" * (1024 * 1024 + 1)
    )

    assert response.status_code == 400
    assert "Het bestand is groter dan 1 MB." in response.content.decode()
    assert not DeliverableDocument.objects.exists()


def test_only_a_deliverable_takes_documents(world):
    response = world.client(Role.PROJECT_LEADER).post(
        world.indicator_url("document-upload", world.manual),
        {"file": SimpleUploadedFile("notitie.pdf", REPORT)},
    )

    assert response.status_code == 400
    assert "Alleen een product heeft documenten." in response.content.decode()
    assert not DeliverableDocument.objects.exists()


def test_readers_who_do_not_lead_the_project_may_not_upload(world):
    # the programme manager of the funder reads the project but does not manage it
    manager = world.client(Role.PROGRAMME_MANAGER, organisation=world.funder)

    response = upload(world, manager, REPORT)

    assert response.status_code == 403
    assert not DeliverableDocument.objects.exists()


def test_another_organisation_neither_uploads_nor_downloads(world):
    upload(world, world.client(Role.PROJECT_LEADER), REPORT)
    document = DeliverableDocument.objects.get()
    stranger = world.client(Role.PROJECT_LEADER, organisation=OrganisationFactory())

    refused = upload(world, stranger, REPORT)
    downloaded = download(world, stranger, document)

    assert refused.status_code == 404
    assert downloaded.status_code == 404
    assert DeliverableDocument.objects.count() == 1


def test_a_document_of_another_indicator_is_not_found(world):
    upload(world, world.client(Role.PROJECT_LEADER), REPORT)
    document = DeliverableDocument.objects.get()

    response = download(world, world.client(Role.AUDITOR), document, world.manual)

    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_uploads_at_the_same_moment_get_consecutive_versions():
    world = World()
    leader = make_actor(world.executor, role=Role.PROJECT_LEADER)

    def add(text: bytes):
        return lambda: actions.upload_deliverable_document(
            actor=leader,
            indicator=world.deliverable,
            file=SimpleUploadedFile("rapport.pdf", REPORT + text),
        )

    with racing_database() as race:
        outcomes = race.run(add(b"a"), add(b"b"))
        versions = race.after(
            lambda: sorted(
                DeliverableDocument.objects.values_list("version", flat=True)
            )
        )

    assert all(isinstance(o, DeliverableDocument) for o in outcomes), outcomes
    assert versions == [1, 2]
