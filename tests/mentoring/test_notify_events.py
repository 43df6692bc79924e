"""Who is told when something happens in a pairing: each action goes through its service and
the test reads who got which notification, and who did not (never the actor, never a former
mentor, never a coordinator for what a pair says to each other)."""

from datetime import time

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from mentoring import services
from mentoring.models import Visibility
from notifications.models import Delivery, Notification, NotificationSettings
from tests.factories import MembershipFactory, PairingFactory, local_slot

pytestmark = pytest.mark.django_db


def told(membership) -> list[tuple[str, str]]:
    """(kind, url) of every notification the person has, oldest first."""
    return list(
        Notification.objects.filter(recipient=membership.user)
        .order_by("pk")
        .values_list("kind", "url")
    )


def kinds(membership) -> list[str]:
    return [kind for kind, _url in told(membership)]


@pytest.fixture
def former_pairing(mentee, other_mentor):
    return PairingFactory(mentee=mentee, mentor=other_mentor, ended=True, days_ago=40)


class TestMeetings:
    def test_each_change_reaches_the_other_person_once(
        self, pairing, mentee, mentor, coordinator, other_mentor, former_pairing, program
    ):
        meeting, _ = services.meeting_propose(
            pairing=pairing, by=mentee.user, starts_at=local_slot(mentee, days=3)
        )
        detail = reverse("meetings:detail", args=[program.slug, meeting.pk])
        assert told(mentor) == [("meeting_proposed", detail)]
        assert told(mentee) == []

        services.meeting_confirm(meeting=meeting, by=mentor.user)
        assert told(mentee) == [("meeting_confirmed", detail)]

        services.meeting_propose_other_time(
            meeting=meeting, by=mentee.user, starts_at=local_slot(mentee, days=4)
        )
        assert kinds(mentor) == ["meeting_proposed", "meeting_moved"]

        services.meeting_cancel(meeting=meeting, by=mentor.user, reason="Sick")
        assert kinds(mentee) == ["meeting_confirmed", "meeting_cancelled"]
        assert kinds(mentor) == ["meeting_proposed", "meeting_moved"]  # never the actor
        assert told(coordinator) == [] and told(other_mentor) == []

    def test_the_title_names_who_acted(self, pairing, mentee, mentor):
        services.meeting_propose(
            pairing=pairing, by=mentor.user, starts_at=local_slot(mentor, days=2)
        )
        assert Notification.objects.get(recipient=mentee.user).title == "Marcus proposed a meeting"

    def test_a_second_proposal_of_the_same_meeting_is_its_own_event(self, pairing, mentee, mentor):
        meeting, _ = services.meeting_propose(
            pairing=pairing, by=mentee.user, starts_at=local_slot(mentee, days=3)
        )
        services.meeting_propose_other_time(
            meeting=meeting, by=mentee.user, starts_at=local_slot(mentee, days=5)
        )
        keys = set(Notification.objects.filter(recipient=mentor.user).values_list("key", flat=True))
        assert keys == {f"meeting_proposed:{meeting.pk}:0", f"meeting_moved:{meeting.pk}:1"}


class TestEncouragementAndActionItems:
    def test_encouragement_reaches_the_mentee(self, pairing, mentee, mentor, coordinator, program):
        services.encouragement_add(mentor_user=mentor.user, mentee=mentee, text="Proud of you")
        assert told(mentee) == [("encouragement", reverse("program_home", args=[program.slug]))]
        assert told(mentor) == [] and told(coordinator) == []
        notification = Notification.objects.get(recipient=mentee.user)
        assert "Proud" not in notification.title  # the words stay in PeerPath

    def test_an_action_item_reaches_its_assignee(self, pairing, mentee, mentor, program):
        services.action_item_add(
            pairing=pairing, by=mentor.user, title="Call the gym", assignee=mentee
        )
        assert told(mentee) == [("action_item", reverse("meetings:index", args=[program.slug]))]
        assert told(mentor) == []

    def test_nobody_is_told_of_a_step_they_wrote_for_themselves(self, pairing, mentee, mentor):
        services.action_item_add(pairing=pairing, by=mentee.user, title="Walk", assignee=mentee)
        services.action_item_add(
            pairing=pairing, by=mentor.user, title="Book room", assignee=mentor
        )
        assert told(mentee) == [] and told(mentor) == []


def check_in(mentee, **kwargs):
    fields = {"mood": 3, "craving": 2, "wants_outreach": True} | kwargs
    return services.checkin_record(membership=mentee, **fields)


class TestOutreach:
    def test_a_request_reaches_the_current_mentor_at_once(
        self, pairing, former_pairing, mentee, mentor, other_mentor, coordinator, program
    ):
        NotificationSettings.objects.create(
            user=mentor.user, quiet_start=time(0, 0), quiet_end=time(23, 59)
        )
        check_in(mentee, mood=1, craving=9)
        detail = reverse("mentor:detail", args=[program.slug, mentee.pk])
        assert told(mentor) == [("outreach_requested", detail)]
        assert told(other_mentor) == []  # never a former mentor
        assert told(coordinator) == []  # a pair's conversation is theirs
        # Quiet hours never hold back a safety notification.
        delivery = Delivery.objects.get(notification__recipient=mentor.user)
        assert delivery.due_at <= timezone.now()

    def test_quiet_hours_do_hold_back_other_kinds(self, pairing, mentee, mentor):
        NotificationSettings.objects.create(
            user=mentee.user, quiet_start=time(0, 0), quiet_end=time(23, 59)
        )
        services.encouragement_add(mentor_user=mentor.user, mentee=mentee, text="Well done")
        assert Delivery.objects.get(notification__recipient=mentee.user).due_at > timezone.now()

    def test_saving_the_same_request_again_tells_nobody_twice(self, pairing, mentee, mentor):
        check_in(mentee)
        check_in(mentee, mood=2)
        assert kinds(mentor) == ["outreach_requested"]

    def test_a_new_request_after_withdrawing_one_is_told_again(self, pairing, mentee, mentor):
        check_in(mentee)
        check_in(mentee, wants_outreach=False)
        check_in(mentee)
        assert kinds(mentor) == ["outreach_requested", "outreach_requested"]

    def test_without_a_request_nobody_is_told(self, pairing, mentee, mentor, coordinator):
        check_in(mentee, wants_outreach=False, mood=1, craving=10)
        assert told(mentor) == [] and told(coordinator) == []

    def test_a_private_check_in_stays_private(self, pairing, mentee, mentor):
        check_in(mentee, visibility=Visibility.PRIVATE)
        assert told(mentor) == []

    def test_a_waiting_mentee_reaches_every_coordinator(
        self, former_pairing, mentee, other_mentor, coordinator, outsider, program
    ):
        second = MembershipFactory(program=program, role=Role.COORDINATOR)
        check_in(mentee, mood=1, craving=8)
        page = reverse("matching_coord:suggestions", args=[program.slug, mentee.pk])
        assert told(coordinator) == [("outreach_unassigned", page)]
        assert kinds(second) == ["outreach_unassigned"]
        assert told(other_mentor) == []  # the former mentor is not told
        assert told(outsider) == []  # another program's coordinator
        title = Notification.objects.get(recipient=coordinator.user).title
        assert "Jordan" not in title

    def test_a_coordinator_of_another_program_is_not_told(self, mentee, outsider):
        check_in(mentee)
        assert told(outsider) == []


class TestReturnToUseShared:
    def test_the_current_mentor_is_told_when_the_person_chooses(
        self, pairing, former_pairing, mentee, mentor, other_mentor, coordinator, program
    ):
        services.recovery_start(
            membership=mentee, started_on=services.local_today(mentee).replace(day=1)
        )
        ended = services.recovery_return_to_use(
            membership=mentee, on=services.local_today(mentee), tell_mentor=True
        )
        detail = reverse("mentor:detail", args=[program.slug, mentee.pk])
        assert told(mentor) == [("return_to_use_shared", detail)]
        assert ended.told_mentor is True
        assert told(other_mentor) == [] and told(coordinator) == []
        assert told(mentee) == []

    def test_nobody_is_told_unless_the_person_chooses(self, pairing, mentee, mentor):
        services.recovery_start(
            membership=mentee, started_on=services.local_today(mentee).replace(day=1)
        )
        services.recovery_return_to_use(membership=mentee, on=services.local_today(mentee))
        assert told(mentor) == []
