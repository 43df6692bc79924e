"""No one changes or deletes an audit row: the database itself refuses, even raw SQL."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from audit.models import Action, AuditEvent
from audit.services import audit_record


@pytest.fixture
def event(mentee, mentor):
    return audit_record(action=Action.VIEW, actor=mentor, subject=mentee, record=("checkin", 42))


def _refused(sql: str, params=()) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)


@pytest.mark.django_db
def test_raw_update_is_refused(event):
    _refused("UPDATE audit_auditevent SET action = 'export'")
    _refused("UPDATE audit_auditevent SET record_id = 1 WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert (event.action, event.record_id) == ("view", 42)


@pytest.mark.django_db
def test_raw_delete_is_refused(event, settings):
    settings.AUDIT_ALLOW_FLUSH = False  # SQLite reads it at each DELETE
    _refused("DELETE FROM audit_auditevent")
    _refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_the_orm_cannot_change_or_delete_either(event, settings):
    settings.AUDIT_ALLOW_FLUSH = False
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action=Action.EXPORT)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


@pytest.mark.django_db
def test_truncate_is_refused_on_postgresql(event):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    with transaction.atomic(), connection.cursor() as cursor:
        # The test database's connections may flush (tests/conftest.py); this one may not.
        cursor.execute("SET LOCAL peerpath.audit_allow_flush = 'off'")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_deleting_the_person_leaves_their_rows(event, mentor):
    user_id, membership_id = mentor.user_id, mentor.pk
    mentor.user.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor_user_id, event.actor_membership_id) == (user_id, membership_id)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_can_still_flush(mentee, mentor):
    """pytest-django flushes after this test; flushing by hand proves it works here too."""
    audit_record(action=Action.VIEW, actor=mentor, subject=mentee)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()


def test_the_triggers_come_and_go_with_the_migration(django_db_blocker, django_db_setup):
    from django.db.migrations.executor import MigrationExecutor

    def names():
        if connection.vendor == "postgresql":
            sql = "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'audit_auditevent_%'"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return {row[0] for row in cursor.fetchall() if "audit" in row[0]}

    with django_db_blocker.unblock():
        assert len(names()) == 2
        executor = MigrationExecutor(connection)
        executor.migrate([("audit", "0001_initial")])
        assert names() == set()
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("audit"))
        assert len(names()) == 2
