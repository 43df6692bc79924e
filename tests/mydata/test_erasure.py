"""Erase my account: afterwards no column of any table holds the person's email, name or
words; the program's anonymous counts stay; the person cannot sign in; the other person's
view of a shared meeting still opens; and the audit trail is told without content."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts import crypto
from accounts.models import Membership, Role, User
from accounts.signals import person_erased
from matching.models import Pairing
from mentoring.models import CheckIn, Meeting
from messaging.models import Message
from mydata import services
from mydata.models import DataExport
from reports.selectors.funder import people_served
from reports.selectors.overview import members_by_role_and_status, pairings_by_status
from surveys.models import Answer, Response

from .conftest import PERSON_MARKERS, PERSON_NAME

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory's
# Append-only tables another app owns: never updated, so never searched here.
SKIPPED_TABLE_PREFIXES = ("audit", "auditlog")


def _text_hits(needles: list[str]) -> list[str]:
    """Every (table.column, needle) where some row's value, read as text, contains the
    needle (case-insensitive), across every table of the database; encrypted columns are
    read decrypted."""
    hits = []
    encrypted = {
        (model._meta.db_table, model._meta.get_field(name).column)
        for model in apps.get_models()
        for name in crypto.encrypted_fields(model)
    }
    with connection.cursor() as cursor:
        tables = [
            t.name
            for t in connection.introspection.get_table_list(cursor)
            if t.type == "t" and not t.name.startswith(SKIPPED_TABLE_PREFIXES)
        ]
        for table in tables:
            columns = connection.introspection.get_table_description(cursor, table)
            for column in columns:
                quoted_table = connection.ops.quote_name(table)
                quoted_column = connection.ops.quote_name(column.name)
                if (table, column.name) in encrypted:
                    # Encrypted at rest (accounts.crypto): SQL sees tokens; read the text.
                    cursor.execute(
                        f"SELECT {quoted_column} FROM {quoted_table} "  # noqa: S608 (introspection)
                        f"WHERE {quoted_column} <> ''"
                    )
                    texts = [crypto.decrypt(token).lower() for (token,) in cursor.fetchall()]
                    hits += [
                        f"{table}.{column.name}: {needle}"
                        for needle in needles
                        if any(needle.lower() in text for text in texts)
                    ]
                    continue
                for needle in needles:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quoted_table} "  # noqa: S608 (names from introspection)
                        f"WHERE LOWER(CAST({quoted_column} AS TEXT)) LIKE %s",
                        [f"%{needle.lower()}%"],
                    )
                    if cursor.fetchone()[0]:
                        hits.append(f"{table}.{column.name}: {needle}")
    return hits


def _needles(user: User) -> list[str]:
    return [user.email, PERSON_NAME, *PERSON_MARKERS.values()]


def _counts(program) -> dict:
    today = timezone.now().date()
    return {
        "members": {
            row["role"]: row["total"] for row in members_by_role_and_status(program=program)
        },
        "pairings": sum(pairings_by_status(program=program).values()),
        "served": people_served(program=program, first=today - timedelta(days=30), last=today),
        "meetings": Meeting.objects.filter(pairing__program=program).count(),
        "held": Meeting.objects.filter(pairing__program=program, status="held").count(),
        "checkins": CheckIn.objects.filter(membership__program=program).count(),
        "responses": Response.objects.filter(membership__program=program).count(),
        "scored_answers": list(
            Answer.objects.filter(response__membership__program=program, value__isnull=False)
            .order_by("pk")
            .values_list("value", flat=True)
        ),
        "messages": Message.objects.filter(conversation__program=program).count(),
    }


def test_the_planted_words_are_found_before_erasure(planted, mentee):
    # The search itself works: each needle is somewhere before.
    hits = _text_hits(_needles(mentee.user))
    for needle in _needles(mentee.user):
        assert any(hit.endswith(f": {needle}") for hit in hits), needle


def test_after_erasure_no_column_of_any_table_holds_the_person(
    planted, mentee, program, export_dir
):
    from tests.factories import DataExportFactory

    user = mentee.user
    needles = _needles(user)
    DataExportFactory(user=user, status=DataExport.Status.READY)
    services.person_erase(user=user)
    assert _text_hits(needles) == []


def test_the_programs_anonymous_counts_are_unchanged(planted, mentee, program):
    before = _counts(program)
    services.person_erase(user=mentee.user)
    after = _counts(program)
    assert after == before
    membership = Membership.objects.get(pk=mentee.pk)
    assert (membership.role, membership.status) == (Role.MENTEE, Membership.Status.LEFT)


def test_pairings_end_through_the_membership_service(planted, mentee, pairing):
    services.person_erase(user=mentee.user)
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ENDED
    assert pairing.close_reason == ""


def test_the_person_can_no_longer_sign_in_and_is_signed_out_everywhere(client, planted, mentee):
    email = mentee.user.email
    client.force_login(mentee.user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    services.person_erase(user=mentee.user)
    assert client.get(reverse("accounts:profile")).status_code == 302
    from django.contrib.sessions.models import Session

    assert not [
        s
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(mentee.user_id)
    ]
    client.logout()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert not User.objects.get(pk=mentee.user_id).is_active


def test_the_mentee_still_opens_a_meeting_with_an_erased_mentor(
    client, login, planted, mentee, mentor
):
    services.person_erase(user=mentor.user)
    login(mentee)
    response = client.get(reverse("meetings:detail", args=[mentee.program.slug, planted.pk]))
    assert response.status_code == 200
    assert "Marcus" not in response.content.decode()


def test_the_audit_trail_is_told_who_and_which_programs_never_what(planted, mentee, program):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    person_erased.connect(receiver, weak=False)
    try:
        services.person_erase(user=mentee.user)
        services.person_erase(user=mentee.user)  # twice: nothing more happens
    finally:
        person_erased.disconnect(receiver)
    assert [{k: v for k, v in r.items() if k != "signal"} for r in received] == [
        {"user_id": mentee.user_id, "program_ids": [program.pk]}
    ]


def test_the_reports_csv_exports_show_nothing_of_the_erased_person(
    client, login, planted, mentee, coordinator
):
    login(coordinator)

    def exported(kind: str) -> str:
        url = reverse("reports:export", args=[coordinator.program.slug, kind])
        response = client.post(url)
        assert response.status_code == 200, kind
        return b"".join(response.streaming_content).decode("utf-8-sig").lower()

    def survey_answers() -> str:
        response = client.get(reverse("surveys:export", args=[coordinator.program.slug]))
        assert response.status_code == 200
        content = getattr(response, "streaming_content", None)
        body = b"".join(content) if content is not None else response.content
        return body.decode("utf-8-sig").lower()

    assert PERSON_NAME.lower() in exported("members")  # the search can find them before
    scored_before = survey_answers()
    needles = _needles(mentee.user)
    services.person_erase(user=mentee.user)
    for kind, text in [(k, exported(k)) for k in ("members", "pairings", "meetings")] + [
        ("survey answers", survey_answers())
    ]:
        for needle in needles:
            assert needle.lower() not in text, (kind, needle)
    assert survey_answers() == scored_before  # scored answers stay, under the same pseudonym


def test_the_page_asks_for_the_password_and_the_phrase(client, login, planted, mentee):
    login(mentee)
    url = reverse("mydata:erase")
    page = client.get(url).content.decode()
    assert "delete my account" in page
    wrong_password = client.post(url, {"password": "nope", "phrase": "delete my account"})
    wrong_phrase = client.post(url, {"password": PASSWORD, "phrase": "delete"})
    assert wrong_password.status_code == wrong_phrase.status_code == 200
    assert "That is not your password." in wrong_password.content.decode()
    assert "to confirm" in wrong_phrase.content.decode()
    assert User.objects.get(pk=mentee.user_id).is_active
    done = client.post(url, {"password": PASSWORD, "phrase": "  Delete  my account "})
    assert done.status_code == 200
    assert "Your account is deleted" in done.content.decode()
    assert not User.objects.get(pk=mentee.user_id).is_active
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_the_erase_page_needs_a_signed_in_person(client):
    response = client.post(reverse("mydata:erase"), {"password": "x", "phrase": "y"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_other_persons_data_export_afterwards_shows_nothing_of_the_erased_person(
    planted, mentee, mentor, export_dir
):
    import zipfile

    from mydata.models import DataExport

    needles = _needles(mentee.user)
    services.person_erase(user=mentee.user)
    export = services.export_build(export_id=DataExport.objects.create(user=mentor.user).pk)
    with zipfile.ZipFile(services.export_file(export)) as archive:
        text = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert "Hello from your mentor" in text  # the mentor's own words stay theirs
    for needle in needles:
        assert needle.lower() not in text.lower(), needle


def test_an_erased_person_cannot_build_an_export(planted, mentee, export_dir):
    from mydata.models import DataExport

    export = DataExport.objects.create(user=mentee.user)
    services.person_erase(user=mentee.user)
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert services.export_build(export_id=export.pk) is None
    assert not export_dir.exists() or not list(export_dir.iterdir())


@pytest.mark.django_db(transaction=True)
def test_two_erasures_at_once_erase_once(planted, mentee):
    import threading

    received, errors = [], []

    def receiver(sender, *, user_id, **kwargs):
        received.append(user_id)

    def erase():
        try:
            services.person_erase(user=User.objects.get(pk=mentee.user_id))
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=erase) for _ in range(2)]
    person_erased.connect(receiver, weak=False)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        person_erased.disconnect(receiver)
    assert errors == []
    assert received == [mentee.user_id]
    assert not User.objects.get(pk=mentee.user_id).is_active
