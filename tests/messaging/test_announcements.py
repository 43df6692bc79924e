"""Announcements: who each audience reaches, posting, bad input, dismissing, notifications."""

import zoneinfo
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import FormSubmission, Membership, Role
from accounts.services import DUPLICATE_SUBMISSION, new_submission_key
from messaging.models import Announcement, AnnouncementRecipient
from messaging.selectors import announcements_for_home
from messaging.services import announcement_dismiss, announcement_post
from notifications.models import Notification
from notifications.tasks import delivery_send
from tests.factories import IntakeFactory, MembershipFactory, PairingFactory, UserFactory

pytestmark = pytest.mark.django_db

Audience = Announcement.Audience


def post(by, audience=Audience.EVERYONE, *, key=None, **fields):
    data = {"title": "Community dinner", "body": "Thursday at six.", **fields}
    return announcement_post(
        by=by, audience=audience, submission_key=key or new_submission_key(), **data
    )


def recipients_of(announcement) -> set[str]:
    return set(
        AnnouncementRecipient.objects.filter(announcement=announcement).values_list(
            "membership__user__email", flat=True
        )
    )


def person(program, role, name, *, status=Membership.Status.ACTIVE, capacity=None):
    member = MembershipFactory(
        program=program, role=role, status=status, user=UserFactory(email=f"{name}@example.org")
    )
    if capacity is not None:
        IntakeFactory(membership=member, capacity=capacity)
    return member


@pytest.fixture
def cast(program, other_program, coordinator):
    """Everyone an audience could wrongly reach, by name (their address is name@example.org)."""
    p = program
    people = {
        "coordinator2": person(p, Role.COORDINATOR, "coordinator2"),
        "mentor_free": person(p, Role.MENTOR, "mentor_free", capacity=3),
        "mentor_full": person(p, Role.MENTOR, "mentor_full", capacity=1),
        "mentor_full_paused": person(p, Role.MENTOR, "mentor_full_paused", capacity=1),
        "mentor_after_end": person(p, Role.MENTOR, "mentor_after_end", capacity=1),
        "mentor_no_intake": person(p, Role.MENTOR, "mentor_no_intake"),
        "mentor_left": person(
            p, Role.MENTOR, "mentor_left", status=Membership.Status.LEFT, capacity=3
        ),
        "mentee_old": person(p, Role.MENTEE, "mentee_old"),
        "mentee_new": person(p, Role.MENTEE, "mentee_new"),
        "mentee_paused_old": person(p, Role.MENTEE, "mentee_paused_old"),
        "mentee_ended_old": person(p, Role.MENTEE, "mentee_ended_old"),
        "mentee_waiting": person(p, Role.MENTEE, "mentee_waiting"),
        "mentee_proposed": person(p, Role.MENTEE, "mentee_proposed"),
        "mentee_left_old": person(p, Role.MENTEE, "mentee_left_old", status="left"),
        "mentee_invited": person(p, Role.MENTEE, "mentee_invited", status="invited"),
        "elsewhere_mentee": person(other_program, Role.MENTEE, "elsewhere_mentee"),
        "elsewhere_mentor": person(other_program, Role.MENTOR, "elsewhere_mentor", capacity=5),
        "elsewhere_coordinator": person(other_program, Role.COORDINATOR, "elsewhere_coord"),
    }
    pair = {
        "mentee_old": ("mentor_free", {"days_ago": 60}),
        "mentee_left_old": ("mentor_free", {"days_ago": 60}),
        "mentee_proposed": ("mentor_free", {"proposed": True}),
        "mentee_new": ("mentor_full", {"days_ago": 5}),
        "mentee_paused_old": ("mentor_full_paused", {"days_ago": 60, "paused": True}),
        "mentee_ended_old": ("mentor_after_end", {"days_ago": 60, "ended": True}),
        "elsewhere_mentee": ("elsewhere_mentor", {"days_ago": 60}),
    }
    for mentee, (mentor, traits) in pair.items():
        PairingFactory(mentee=people[mentee], mentor=people[mentor], **traits)
    return people


ACTIVE_MENTORS = {
    "mentor_free",
    "mentor_full",
    "mentor_full_paused",
    "mentor_after_end",
    "mentor_no_intake",
}
ACTIVE_MENTEES = {
    "mentee_old",
    "mentee_new",
    "mentee_paused_old",
    "mentee_ended_old",
    "mentee_waiting",
    "mentee_proposed",
}


def emails(names) -> set[str]:
    return {f"{name}@example.org" for name in names}


@pytest.mark.parametrize(
    ("audience", "days_before", "expected"),
    [
        # The author is not told of their own announcement; people who left or have not
        # finished joining, and other programs, never are.
        (Audience.EVERYONE, None, {"coordinator2"} | ACTIVE_MENTORS | ACTIVE_MENTEES),
        (Audience.MENTEES, None, ACTIVE_MENTEES),
        (Audience.MENTORS, None, ACTIVE_MENTORS),
        # Current (active or paused) pairing activated before the date: not ended, proposed,
        # waiting, or paired after it.
        (Audience.MENTEES_PAIRED_BEFORE, 30, {"mentee_old", "mentee_paused_old"}),
        (Audience.MENTEES_PAIRED_BEFORE, 0, {"mentee_old", "mentee_paused_old", "mentee_new"}),
        # Fewer current pairings than their capacity (a proposal or an ended pairing takes no
        # place; a paused one does); a mentor with no stated capacity is left out.
        (Audience.MENTORS_WITH_CAPACITY, None, {"mentor_free", "mentor_after_end"}),
    ],
)
def test_each_audience_reaches_exactly_its_people(
    cast, coordinator, audience, days_before, expected
):
    cohort_date = None
    if days_before is not None:
        zone = zoneinfo.ZoneInfo(coordinator.program.time_zone)
        cohort_date = timezone.localdate(timezone=zone) - timedelta(days=days_before)
    announcement = post(coordinator, audience, cohort_date=cohort_date)
    assert recipients_of(announcement) == emails(expected)
    assert announcement.recipient_count == len(expected)


def test_the_mentors_with_capacity_query_does_not_grow_with_the_program(program, coordinator):
    from messaging.selectors import announcement_audience

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            list(announcement_audience(program=program, audience=Audience.MENTORS_WITH_CAPACITY))
        return len(ctx.captured_queries)

    PairingFactory(mentor=person(program, Role.MENTOR, "a", capacity=2), mentee__program=program)
    small = count_queries()
    for n in range(6):
        mentor = person(program, Role.MENTOR, f"m{n}", capacity=2)
        PairingFactory(mentor=mentor, mentee__program=program)
    assert count_queries() == small == 1


def test_posting_tells_each_recipient_once_with_a_link_home(cast, coordinator):
    announcement = post(coordinator, Audience.MENTEES)
    notifications = Notification.objects.filter(kind="announcement")
    assert set(notifications.values_list("recipient__email", flat=True)) == emails(ACTIVE_MENTEES)
    assert {n.key for n in notifications} == {f"announcement:{announcement.pk}"}
    assert {n.url for n in notifications} == {f"/p/{coordinator.program.slug}/"}


def test_the_email_carries_neither_the_text_nor_the_program_name(coordinator, mentee, mailoutbox):
    post(
        coordinator,
        title="Relapse prevention group",
        body="Our sobriety circle meets at the Harbor clinic.",
    )
    notification = Notification.objects.get(recipient=mentee.user, kind="announcement")
    delivery_send(notification.deliveries.get().pk)
    message = mailoutbox[-1]
    for text in (message.subject, message.body, message.alternatives[0][0], notification.title):
        lowered = text.lower()
        for secret in ("relapse", "sobriety", "circle", "harbor", "peer mentoring"):
            assert secret not in lowered, (secret, text)
    assert "announcement" in message.subject.lower()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"body": ""}, "body"),
        ({"body": " \r\n "}, "body"),
        ({"body": "x" * 4001}, "body"),
        ({"audience": "mentees_paired_before"}, "cohort_date"),
        ({"audience": "mentees_paired_before", "cohort_date": "future"}, "cohort_date"),
        ({"audience": "everybody_everywhere"}, "audience"),
    ],
)
def test_bad_input_says_what_is_wrong_and_writes_nothing(coordinator, mentee, fields, field):
    if fields.get("cohort_date") == "future":
        fields["cohort_date"] = timezone.localdate() + timedelta(days=2)
    fields.setdefault("audience", Audience.EVERYONE)
    key = new_submission_key()
    with pytest.raises(ValidationError) as caught:
        post(coordinator, key=key, **fields)
    assert list(caught.value.message_dict) == [field]
    assert not Announcement.objects.exists() and not AnnouncementRecipient.objects.exists()
    assert not Notification.objects.exists()
    assert not FormSubmission.objects.filter(key=key).exists()  # the corrected form can send


def test_the_same_form_sent_twice_posts_once(coordinator, mentee):
    key = new_submission_key()
    post(coordinator, key=key)
    with pytest.raises(ValidationError) as caught:
        post(coordinator, key=key)
    assert caught.value.code == DUPLICATE_SUBMISSION
    assert Announcement.objects.count() == 1
    assert Notification.objects.filter(recipient=mentee.user).count() == 1


def test_a_cohort_date_is_kept_only_for_the_cohort(coordinator):
    announcement = post(coordinator, Audience.MENTORS, cohort_date=timezone.localdate())
    assert announcement.cohort_date is None


@pytest.mark.parametrize("role", [Role.MENTEE, Role.MENTOR])
def test_only_a_coordinator_posts(program, role):
    with pytest.raises(PermissionDenied):
        post(MembershipFactory(program=program, role=role))
    assert not Announcement.objects.exists()


def test_dismissing_hides_it_for_that_person_only(coordinator, mentee, other_mentee):
    first = post(coordinator, title="First")
    second = post(coordinator, title="Second")
    assert announcements_for_home(mentee) == [second, first]
    assert announcement_dismiss(recipient_membership=mentee, announcement=second)
    assert not announcement_dismiss(recipient_membership=mentee, announcement=second)
    assert announcements_for_home(mentee) == [first]
    assert announcements_for_home(other_mentee) == [second, first]


def test_the_home_shows_the_newest_five_in_one_query(
    coordinator, mentee, django_assert_num_queries
):
    posted = [post(coordinator, title=f"Note {n}") for n in range(7)]
    with django_assert_num_queries(1):
        shown = announcements_for_home(mentee)
    assert shown == posted[::-1][:5]


def test_posting_takes_the_same_queries_for_few_and_many_recipients(program, coordinator):
    def queries_to_post() -> int:
        with CaptureQueriesContext(connection) as ctx:
            post(coordinator, Audience.MENTEES)
        return len(ctx.captured_queries)

    MembershipFactory(program=program, role=Role.MENTEE)
    few = queries_to_post()
    for _n in range(40):
        MembershipFactory(program=program, role=Role.MENTEE)
    many = queries_to_post()
    assert few == many
    assert Notification.objects.filter(kind="announcement").count() == 1 + 41


def test_the_admin_shows_who_and_when_but_neither_title_nor_text(operator, coordinator, mentee):
    from tests.factories import admin_url

    announcement = post(coordinator, title="Quokkaford picnic", body="Thistlemere park at noon")
    recipient = AnnouncementRecipient.objects.get()
    for path in [
        admin_url(Announcement, "changelist"),
        admin_url(announcement, "change", announcement.pk),
        admin_url(announcement, "history", announcement.pk),
        admin_url(AnnouncementRecipient, "changelist"),
        admin_url(recipient, "change", recipient.pk),
        admin_url(mentee, "delete", mentee.pk),
    ]:
        response = operator.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "Quokkaford" not in html and "Thistlemere" not in html, path
    html = operator.get(admin_url(announcement, "change", announcement.pk)).content.decode()
    assert "Everyone in the program" in html and coordinator.user.email in html
