"""Private text encrypted at rest (accounts/crypto.py): what the column holds, what the app
reads, which lookups refuse, the keys and the production check, key rotation."""

import os
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.exceptions import FieldError, ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.db.models import Q
from django.test import override_settings

from accounts import crypto
from accounts.checks import check_field_encryption_keys_set, check_field_encryption_keys_valid
from mentoring.models import CheckIn, JournalEntry
from messaging.models import Message
from surveys.models import Answer
from tests.factories import (
    AnswerFactory,
    CheckInFactory,
    JournalEntryFactory,
    MessageFactory,
)

ROOT = Path(__file__).resolve().parents[2]
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()

pytestmark = pytest.mark.django_db


def stored(model, pk, field):
    """The column's value as the database holds it."""
    return crypto.raw_values(model.objects.filter(pk=pk), [field]).get()[1]


def test_the_column_holds_a_token_and_the_app_reads_the_text():
    entry = JournalEntryFactory(title="Saltmarsh evening", body="Walked past the old bar.")
    token = stored(JournalEntry, entry.pk, "body")
    assert token.startswith("gAAAAA") and "old bar" not in token
    assert "Saltmarsh" not in stored(JournalEntry, entry.pk, "title")
    fresh = JournalEntry.objects.get(pk=entry.pk)
    assert (fresh.title, fresh.body) == ("Saltmarsh evening", "Walked past the old bar.")
    assert list(JournalEntry.objects.values_list("body", flat=True)) == [entry.body]
    # Two writes of the same words are two different tokens: equal texts do not show.
    other = JournalEntryFactory(membership=entry.membership, body=entry.body)
    assert stored(JournalEntry, other.pk, "body") != token


def test_the_empty_string_stays_empty_so_blank_checks_work():
    checkin = CheckInFactory(helped="", hard="A long shift")
    assert stored(CheckIn, checkin.pk, "helped") == ""
    assert CheckIn.objects.filter(helped="").count() == 1
    assert CheckIn.objects.exclude(hard="").count() == 1
    answer = AnswerFactory(text="")
    assert Answer.objects.filter(Q(value__isnull=True) | Q(text="")).filter(pk=answer.pk).exists()


def test_max_length_applies_to_the_text_not_the_token():
    entry = JournalEntryFactory(body="x" * 20000)
    assert len(stored(JournalEntry, entry.pk, "body")) > 20000
    entry.full_clean()
    entry.body = "x" * 20001
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "body" in error.value.message_dict
    form_field = JournalEntry._meta.get_field("title").formfield()
    assert form_field.max_length == 120 and form_field.widget.input_type == "text"


@pytest.mark.parametrize(
    "lookup",
    [
        {"body__icontains": "bar"},
        {"body__startswith": "W"},
        {"body": "Walked past the old bar."},
        {"body__in": ["x"]},
        {"body__gt": "a"},
    ],
)
def test_a_search_on_encrypted_text_refuses_instead_of_matching_nothing(lookup):
    with pytest.raises(FieldError):
        list(JournalEntry.objects.filter(**lookup))


def test_a_key_that_does_not_open_the_token_fails_loudly(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    entry = JournalEntryFactory(body="Mine")
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    with pytest.raises(ImproperlyConfigured) as error:
        JournalEntry.objects.get(pk=entry.pk)
    assert "Mine" not in str(error.value)


def test_production_without_keys_cannot_store_private_text(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    settings.FIELD_ENCRYPTION_KEY_FROM_SECRET_KEY = False
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("anything")
    assert [e.id for e in check_field_encryption_keys_set(None)] == ["accounts.E010"]
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    assert check_field_encryption_keys_set(None) == []


def test_a_malformed_key_is_an_error_at_every_start(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]
    assert [e.id for e in check_field_encryption_keys_valid(None)] == ["accounts.E011"]


def test_development_derives_its_key_from_the_secret_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    settings.FIELD_ENCRYPTION_KEY_FROM_SECRET_KEY = True
    token = crypto.encrypt("dev")
    settings.SECRET_KEY = "another-secret"
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(token)


def _deploy_check(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "SESSION_", "CSRF_", "FIELD_ENCRYPTION"))
        and key not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-" + "x7Qp9" * 10,
        ALLOWED_HOSTS="peerpath.example.org",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_fails_without_encryption_keys():
    result = _deploy_check()
    assert result.returncode != 0
    assert "accounts.E010" in result.stdout + result.stderr


# KEY ROTATION


def _rows(n):
    entries = JournalEntryFactory.create_batch(n, body="Entry text")
    messages = [MessageFactory(body=f"Message {i}") for i in range(3)]
    return entries, messages


def _all_open_with(settings, key):
    settings.FIELD_ENCRYPTION_KEYS = [key]
    for model in apps.get_models():
        fields = crypto.encrypted_fields(model)
        for row in model._base_manager.values_list(*fields) if fields else ():
            assert all(isinstance(value, str) for value in row)


def test_rotation_moves_every_token_to_the_first_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    entries, messages = _rows(5)
    CheckInFactory(helped="A walk", hard="")
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    # The app reads the old rows and writes new ones with B while the rotation is pending.
    assert JournalEntry.objects.get(pk=entries[0].pk).body == "Entry text"
    out = StringIO()
    call_command("rotate_encryption_keys", batch_size=2, stdout=out)
    assert "mentoring.JournalEntry: 5 rows read, 5 re-encrypted" in out.getvalue()
    assert "messaging.Message: 3 rows read, 3 re-encrypted" in out.getvalue()

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    assert [m.body for m in Message.objects.order_by("pk")] == [m.body for m in messages]
    assert set(JournalEntry.objects.values_list("body", flat=True)) == {"Entry text"}
    assert CheckIn.objects.get().helped == "A walk"
    assert stored(CheckIn, CheckIn.objects.get().pk, "hard") == ""
    _all_open_with(settings, KEY_B)


class PowerCut(Exception):
    pass


def test_an_interrupted_rotation_resumes_and_skips_what_is_done(settings, monkeypatch):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    JournalEntryFactory.create_batch(5, title="", body="Entry text")  # one token per row
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]

    real_rotate = crypto.rotate
    calls = {"n": 0}

    def crash_on_the_third(token):
        calls["n"] += 1
        if calls["n"] == 3:
            raise PowerCut
        return real_rotate(token)

    monkeypatch.setattr(crypto, "rotate", crash_on_the_third)
    with pytest.raises(PowerCut):
        call_command("rotate_encryption_keys", batch_size=2, stdout=StringIO())
    monkeypatch.setattr(crypto, "rotate", real_rotate)
    tokens = [
        stored(JournalEntry, pk, "body")
        for pk in JournalEntry.objects.values_list("pk", flat=True).order_by("pk")
    ]
    on_b = [crypto.is_on_primary_key(token) for token in tokens]
    assert on_b == [True, True, False, False, False]  # the first batch committed, not the second

    out = StringIO()
    call_command("rotate_encryption_keys", batch_size=2, stdout=out)
    assert "mentoring.JournalEntry: 5 rows read, 3 re-encrypted" in out.getvalue()
    again = StringIO()
    call_command("rotate_encryption_keys", batch_size=2, stdout=again)
    assert "mentoring.JournalEntry: 5 rows read, 0 re-encrypted" in again.getvalue()
    _all_open_with(settings, KEY_B)


def test_micro_measurement_of_the_cost(settings, capsys):
    """Not a benchmark: a rough figure for the report, and a guard against a slow path."""
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    text = "What helped today: a walk after dinner and a call with my sister. " * 4
    n = 2000
    started = time.perf_counter()
    tokens = [crypto.encrypt(text) for _ in range(n)]
    encrypt_us = (time.perf_counter() - started) / n * 1e6
    started = time.perf_counter()
    for token in tokens:
        crypto.decrypt(token)
    decrypt_us = (time.perf_counter() - started) / n * 1e6
    with capsys.disabled():
        print(f"\nencrypt {encrypt_us:.1f} µs, decrypt {decrypt_us:.1f} µs ({len(text)} chars)")
    assert encrypt_us < 2000 and decrypt_us < 2000


@override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A])
def test_every_encrypted_column_is_listed():
    """The fields this change encrypts; a new private text field should join them."""
    found = {
        f"{model._meta.label}.{name}"
        for model in apps.get_models()
        for name in crypto.encrypted_fields(model)
    }
    assert found == {
        "matching.PairingFeedback.comment",
        "mentoring.ActionItem.title",
        "mentoring.AttentionFollowUp.note",
        "mentoring.CheckIn.hard",
        "mentoring.CheckIn.helped",
        "mentoring.Encouragement.text",
        "mentoring.Goal.measure",
        "mentoring.Goal.why",
        "mentoring.JournalEntry.body",
        "mentoring.JournalEntry.title",
        "mentoring.Meeting.agenda",
        "mentoring.Meeting.cancel_reason",
        "mentoring.Meeting.mentee_reflection",
        "mentoring.Meeting.narrative",
        "mentoring.PersonalStrategy.body",
        "mentoring.PersonalStrategy.title",
        "mentoring.RecoveryPeriod.end_note",
        "messaging.Message.body",
        "messaging.MessageReport.handled_note",
        "messaging.MessageReport.reason",
        "surveys.Answer.text",
    }
