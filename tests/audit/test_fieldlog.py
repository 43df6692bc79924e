"""Field history (django-auditlog): what changed and who changed it, never anyone's words."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from audit.fieldlog import private_fields
from mentoring import models as mentoring_models
from mentoring import services as mentoring_services

SECRET = "SECRET-WORDS-4417"


def _history_text() -> str:
    return " ".join(
        f"{entry.object_repr} {entry.changes} {entry.serialized_data} {entry.additional_data}"
        for entry in LogEntry.objects.all()
    )


@pytest.mark.django_db
def test_private_text_never_reaches_the_field_history(mentee, mentor, pairing):
    checkin = mentoring_services.checkin_record(
        membership=mentee, mood=2, craving=3, helped=SECRET, hard=SECRET
    )
    mentoring_services.checkin_record(membership=mentee, mood=4, craving=1, helped=SECRET + "!")
    goal = mentoring_services.goal_create(
        membership=mentee, title=SECRET, category="health", why=SECRET, measure=SECRET
    )
    mentoring_services.goal_update(goal=goal, title=SECRET + "?", why=SECRET + "?")
    entry = mentoring_services.journal_create(membership=mentee, title=SECRET, body=SECRET)
    mentoring_services.journal_update(entry=entry, title=SECRET + "#", body=SECRET + "#")
    mentoring_services.journal_delete(entry=entry)
    mentoring_services.recovery_start(
        membership=mentee, started_on=timezone.localdate() - timedelta(days=30)
    )
    mentoring_services.recovery_return_to_use(
        membership=mentee, on=timezone.localdate() - timedelta(days=2), note=SECRET
    )
    meeting = mentoring_services.meeting_log(
        by=mentor.user,
        pairing=pairing,
        outcome="held",
        actual_start=timezone.now() - timedelta(hours=3),
        actual_end=timezone.now() - timedelta(hours=2),
        setting="in_person",
        contact_type=mentoring_models.ContactType.values[0],
        topics=[SECRET],
        narrative=SECRET,
    )
    mentoring_services.meeting_reflect(meeting=meeting, by=mentee.user, text=SECRET)
    habit = mentoring_services.habit_create(membership=mentee, name=SECRET)
    mentoring_services.habit_log(habit=habit)
    profile = mentee.user.profile
    profile.display_name, profile.pronouns, profile.time_zone = SECRET, SECRET, "Europe/Lisbon"
    profile.save()

    assert SECRET not in _history_text()
    # What is not private is tracked: the mood went from 2 to 4, the time zone changed.
    mood_changes = [
        e.changes_dict.get("mood")
        for e in LogEntry.objects.get_for_object(checkin)
        if "mood" in e.changes_dict
    ]
    assert ["2", "4"] in mood_changes
    assert "Europe/Lisbon" in str(LogEntry.objects.get_for_object(profile).first().changes_dict)
    assert LogEntry.objects.get_for_object(goal).last().object_repr == f"goal #{goal.pk}"


def test_every_free_text_field_of_a_tracked_model_is_left_out():
    assert set(private_fields(mentoring_models.JournalEntry)) == {"title", "body"}
    assert {"helped", "hard"} <= set(private_fields(mentoring_models.CheckIn))
    assert {"agenda", "narrative", "mentee_reflection", "cancel_reason", "topics"} <= set(
        private_fields(mentoring_models.Meeting)
    )
    assert "end_note" in private_fields(mentoring_models.RecoveryPeriod)
    assert {"title", "why", "measure"} <= set(private_fields(mentoring_models.Goal))
    # Fields with fixed choices say nothing in a member's words: they stay.
    assert "visibility" not in private_fields(mentoring_models.CheckIn)


@pytest.mark.django_db
def test_erasure_pauses_and_forgets_the_field_history(mentee, other_mentee):
    from audit.fieldlog import forget, paused

    mentoring_services.checkin_record(membership=mentee, mood=2, craving=3)
    kept = mentoring_services.checkin_record(membership=other_mentee, mood=5, craving=0)
    checkins = mentoring_models.CheckIn.objects.filter(membership=mentee)
    assert forget(querysets=[checkins]) == 1
    with paused():
        checkins.delete()
    assert not LogEntry.objects.filter(
        content_type__model="checkin", action=LogEntry.Action.DELETE
    ).exists()
    assert LogEntry.objects.get_for_object(kept).exists()
