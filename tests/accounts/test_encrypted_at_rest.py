"""What a copy of the database holds: a marker written into every encrypted field is nowhere
in `pg_dump`'s output, yet the app reads every one back; calendar feed URLs are not in it
either. And the migrations that encrypted existing rows and hashed existing feed tokens."""

import os
import shutil
import subprocess

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from accounts import crypto
from mentoring import services as mentoring_services
from tests.factories import (
    ActionItemFactory,
    AnswerFactory,
    AttentionFollowUpFactory,
    CheckInFactory,
    EncouragementFactory,
    GoalFactory,
    JournalEntryFactory,
    MeetingFactory,
    MembershipFactory,
    MessageFactory,
    MessageReportFactory,
    PairingFeedbackFactory,
    PersonalStrategyFactory,
    RecoveryPeriodFactory,
    UserFactory,
)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and migrations of a PostgreSQL database"
)

FACTORIES = {
    "matching.PairingFeedback": PairingFeedbackFactory,
    "mentoring.ActionItem": ActionItemFactory,
    "mentoring.AttentionFollowUp": AttentionFollowUpFactory,
    "mentoring.CheckIn": CheckInFactory,
    "mentoring.Encouragement": EncouragementFactory,
    "mentoring.Goal": GoalFactory,
    "mentoring.JournalEntry": JournalEntryFactory,
    "mentoring.Meeting": MeetingFactory,
    "mentoring.PersonalStrategy": PersonalStrategyFactory,
    "mentoring.RecoveryPeriod": RecoveryPeriodFactory,
    "messaging.Message": MessageFactory,
    "messaging.MessageReport": MessageReportFactory,
    "surveys.Answer": AnswerFactory,
}


def encrypted_models():
    return {
        model._meta.label: (model, crypto.encrypted_fields(model))
        for model in apps.get_models()
        if crypto.encrypted_fields(model)
    }


def pg_dump() -> str:
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    command = [shutil.which("pg_dump") or "pg_dump", "--data-only", "--no-owner"]
    command += ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
    command += ["-U", db["USER"], db["NAME"]]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_pg_dump_holds_no_private_text_and_the_app_reads_it_back(client):
    models = encrypted_models()
    assert set(models) == set(FACTORIES), "a new encrypted model needs a factory here"
    written = {}
    for label, (_model, fields) in models.items():
        obj = FACTORIES[label]()
        for name in fields:
            marker = f"ZQMARKER {label} {name} zq"
            setattr(obj, name, marker)
            written[(label, obj.pk, name)] = marker
        if label == "surveys.Answer":
            obj.value = None  # a free-text answer has words, not a number
        obj.save()
    feed = mentoring_services.calendar_feed_regenerate(user=UserFactory())

    dump = pg_dump()
    assert "ZQMARKER" not in dump
    assert feed.token not in dump
    assert "gAAAAA" in dump  # the tokens are there: the dump did read the tables

    for (label, pk, name), marker in written.items():
        model = models[label][0]
        assert getattr(model.objects.get(pk=pk), name) == marker
    assert client.get(reverse("feed:ics", args=[feed.token])).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_migrations_encrypt_old_rows_and_keep_old_feed_urls(client):
    """From before this change (mentoring 0007, messaging 0002) to now and back: old rows
    come out encrypted, an old feed URL keeps working; going back leaves plain text."""
    before = [("mentoring", "0007_report_window_indexes"), ("messaging", "0002_announcements")]
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = MigrationExecutor(connection).loader.project_state(before).apps
    try:
        user = UserFactory()
        membership = MembershipFactory(user=user)  # accounts' tables did not change
        Journal = old.get_model("mentoring", "JournalEntry")
        entry = Journal.objects.create(membership_id=membership.pk, title="Old", body="Old words")
        Feed = old.get_model("mentoring", "CalendarFeed")
        Feed.objects.create(user_id=user.pk, token="an-old-token-from-before")

        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
        from mentoring.models import CalendarFeed, JournalEntry

        row = crypto.raw_values(JournalEntry.objects.filter(pk=entry.pk), ["title", "body"]).get()
        assert all(token.startswith("gAAAAA") for token in row[1:])
        assert JournalEntry.objects.get(pk=entry.pk).body == "Old words"
        stored = CalendarFeed.objects.get(user=user).token_hash
        assert "an-old-token" not in stored and len(stored) == 64
        assert client.get("/calendar/an-old-token-from-before.ics").status_code == 200
        assert client.get("/calendar/an-old-token-from-beforX.ics").status_code == 404

        executor = MigrationExecutor(connection)
        executor.migrate(before)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT title, body FROM mentoring_journalentry WHERE id = %s", [entry.pk]
            )
            assert cursor.fetchone() == ("Old", "Old words")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
