"""The coordinators' "needs attention" queue: each kind of item against hand-built fixtures,
who is responsible, marking handled, access, bad input and no private text."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from mentoring.models import AttentionFollowUp, AttentionKind, CheckIn, Meeting
from mentoring.selectors.attention import (
    attention_counts,
    attention_item_get,
    attention_page,
)
from mentoring.services.attention import attention_mark_handled
from tests.factories import (
    CheckInFactory,
    ConversationFactory,
    CoordinatorConversationFactory,
    EncouragementFactory,
    MeetingFactory,
    MembershipFactory,
    MessageFactory,
    PairingFactory,
    RecoveryPeriodFactory,
    UserFactory,
)

MARKER = "Zanzibarquill"  # planted in private text: must never reach a coordinator's page


@pytest.fixture
def now():
    return timezone.now()


def local_today(program, now):
    return now.astimezone(ZoneInfo(program.time_zone)).date()


def queue(program, now, kind=""):
    page, counts = attention_page(program=program, page_number=1, kind=kind, now=now)
    return [
        (
            item.kind,
            item.member.user.display_name,
            item.since,
            item.mentor.user.display_name if item.mentor else None,
        )
        for item in page.object_list
    ], counts


def person(program, name, role=Role.MENTEE, **kwargs):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=f"{name.lower()}@example.org", display_name=name),
        **kwargs,
    )


def queue_url(program, **query):
    url = reverse("attention:queue", args=[program.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def handled_url(program, kind, subject_id):
    return reverse("attention:handled", args=[program.slug, kind, subject_id])


# EACH KIND OF ITEM


def test_an_empty_program_needs_nothing(program, coordinator, mentee, mentor, pairing, now):
    rows, counts = queue(program, now)
    assert rows == []
    assert counts == dict.fromkeys(AttentionKind.values, 0)


def test_requests_to_reach_out_with_and_without_a_mentor(
    program, mentee, mentor, pairing, other_mentee, now
):
    today = local_today(program, now)
    CheckInFactory(membership=mentee, date=today - timedelta(days=1), wants_outreach=True)
    # Between pairings: the coordinators are responsible.
    PairingFactory(mentee=other_mentee, ended=True)
    CheckInFactory(membership=other_mentee, date=today, wants_outreach=True)
    # Not listed: a private request (nobody is told), a handled one, someone who left.
    quiet = person(program, "Quinn")
    CheckInFactory(membership=quiet, date=today, wants_outreach=True, visibility="private")
    CheckInFactory(
        membership=quiet,
        date=today - timedelta(days=2),
        wants_outreach=True,
        outreach_handled_at=now,
    )
    gone = person(program, "Gale", status=Membership.Status.LEFT)
    CheckInFactory(membership=gone, date=today, wants_outreach=True)
    rows, counts = queue(program, now, kind=AttentionKind.OUTREACH)
    assert rows == [
        ("outreach", "Jordan", today - timedelta(days=1), "Marcus"),
        ("outreach", "Priya", today, None),
    ]
    assert counts[AttentionKind.OUTREACH] == 2


def told(mentee, pairing, told_at):
    return RecoveryPeriodFactory(
        membership=mentee,
        started_on=told_at.date() - timedelta(days=40),
        ended_on=told_at.date(),
        told_mentor=True,
        told_pairing=pairing,
        told_at=told_at,
        end_note=f"{MARKER} private note",
    )


def test_a_return_to_use_is_listed_from_exactly_48_hours_without_follow_up(
    program, mentee, mentor, pairing, now
):
    period = told(mentee, pairing, now - timedelta(hours=48))
    rows, _counts = queue(program, now, kind=AttentionKind.RETURN_TO_USE)
    zone = ZoneInfo(program.time_zone)
    assert rows == [("return_to_use", "Jordan", period.told_at.astimezone(zone).date(), "Marcus")]
    # A minute earlier it was not due yet.
    rows, _counts = queue(program, now - timedelta(minutes=1), kind=AttentionKind.RETURN_TO_USE)
    assert rows == []


def test_a_follow_up_at_exactly_48_hours_or_later_counts(program, mentee, mentor, pairing, now):
    told_at = now - timedelta(hours=72)
    told(mentee, pairing, told_at)
    followed = told_at + timedelta(hours=48)
    MeetingFactory(
        pairing=pairing,
        status=Meeting.Status.HELD,
        starts_at=followed,
        actual_start=followed,
        actual_end=followed + timedelta(minutes=30),
        logged_at=followed + timedelta(hours=1),
    )
    assert queue(program, now, kind=AttentionKind.RETURN_TO_USE)[0] == []


@pytest.mark.parametrize("follow_up", ["mentor_message", "coordinator_message", "encouragement"])
def test_a_message_or_encouragement_since_is_a_follow_up(
    program, mentee, mentor, coordinator, pairing, now, follow_up
):
    told_at = now - timedelta(hours=60)
    told(mentee, pairing, told_at)
    after = told_at + timedelta(hours=1)
    if follow_up == "mentor_message":
        conversation = ConversationFactory(pairing=pairing, program=program)
        MessageFactory(conversation=conversation, author=mentor, created_at=after)
    elif follow_up == "coordinator_message":
        conversation = CoordinatorConversationFactory(member=mentee)
        MessageFactory(conversation=conversation, author=coordinator, created_at=after)
    else:
        encouragement = EncouragementFactory(pairing=pairing)
        type(encouragement).objects.filter(pk=encouragement.pk).update(created_at=after)
    assert queue(program, now, kind=AttentionKind.RETURN_TO_USE)[0] == []


def test_a_message_before_the_share_is_no_follow_up(program, mentee, mentor, pairing, now):
    told_at = now - timedelta(hours=60)
    told(mentee, pairing, told_at)
    conversation = ConversationFactory(pairing=pairing, program=program)
    MessageFactory(conversation=conversation, author=mentor, created_at=told_at - timedelta(days=1))
    assert len(queue(program, now, kind=AttentionKind.RETURN_TO_USE)[0]) == 1


def test_a_return_to_use_kept_private_is_not_listed(program, mentee, pairing, now):
    RecoveryPeriodFactory(
        membership=mentee,
        started_on=local_today(program, now) - timedelta(days=40),
        ended_on=local_today(program, now) - timedelta(days=5),
    )
    assert queue(program, now, kind=AttentionKind.RETURN_TO_USE)[0] == []


def test_mentees_with_no_check_in_for_14_days(program, mentor, now):
    today = local_today(program, now)
    joined_long_ago = now - timedelta(days=60)
    fourteen = person(program, "Avery", joined_at=joined_long_ago)
    CheckInFactory(membership=fourteen, date=today - timedelta(days=14))
    thirteen = person(program, "Blake", joined_at=joined_long_ago)
    CheckInFactory(membership=thirteen, date=today - timedelta(days=13))
    CheckInFactory(membership=thirteen, date=today - timedelta(days=30))
    never = person(program, "Casey", joined_at=now - timedelta(days=20))
    person(program, "Devon", joined_at=now - timedelta(days=3))  # never, but new
    person(program, "Eden", joined_at=joined_long_ago, status=Membership.Status.PAUSED)
    # A paused pairing is still current: its mentor is responsible.
    PairingFactory(mentee=never, mentor=mentor, paused=True)
    # A private check-in is a check-in (the person is engaged); its text never shows.
    private = person(program, "Finley", joined_at=joined_long_ago)
    CheckInFactory(
        membership=private, date=today - timedelta(days=2), visibility="private", hard=MARKER
    )
    rows, counts = queue(program, now, kind=AttentionKind.NO_CHECKIN)
    zone = ZoneInfo(program.time_zone)
    # Oldest first.
    assert rows == [
        ("no_checkin", "Casey", (now - timedelta(days=20)).astimezone(zone).date(), "Marcus"),
        ("no_checkin", "Avery", today - timedelta(days=14), None),
    ]
    assert counts[AttentionKind.NO_CHECKIN] == 2


def test_pairs_with_no_meeting_logged_for_the_programs_threshold(program, now):
    program.settings = {"flag_no_meeting_days": 10}
    program.save()
    quiet = PairingFactory(mentee=person(program, "Avery"), started=now - timedelta(days=10))
    PairingFactory(mentee=person(program, "Blake"), days_ago=9)  # not yet
    PairingFactory(mentee=person(program, "Casey"), days_ago=30, paused=True)
    PairingFactory(mentee=person(program, "Devon"), days_ago=30, ended=True)
    met = PairingFactory(mentee=person(program, "Eden"), days_ago=30)
    MeetingFactory(
        pairing=met,
        status=Meeting.Status.MISSED,
        starts_at=now - timedelta(days=4),
        logged_at=now - timedelta(days=4),
    )
    old_log = PairingFactory(mentee=person(program, "Finley"), days_ago=40)
    MeetingFactory(
        pairing=old_log,
        status=Meeting.Status.HELD,
        starts_at=now - timedelta(days=12),
        logged_at=now - timedelta(days=11),
        narrative=MARKER,
    )
    # Planned, not logged: does not count as contact.
    MeetingFactory(pairing=quiet, starts_at=now - timedelta(days=2))
    rows, _counts = queue(program, now, kind=AttentionKind.STALLED_PAIR)
    zone = ZoneInfo(program.time_zone)
    assert rows == [
        (
            "stalled_pair",
            "Finley",
            (now - timedelta(days=12)).astimezone(zone).date(),
            old_log.mentor.user.display_name,
        ),
        (
            "stalled_pair",
            "Avery",
            quiet.activated_at.astimezone(zone).date(),
            quiet.mentor.user.display_name,
        ),
    ]


def test_proposals_unanswered_after_the_reminder_point(program, now):
    def proposal(name, proposed_days_ago, expires_in_days):
        proposed_at = now - timedelta(days=proposed_days_ago)
        return PairingFactory(
            mentee=person(program, name),
            proposed=True,
            proposed_at=proposed_at,
            expires_at=now + timedelta(days=expires_in_days),
        )

    proposal("Avery", 3, 4)  # reminder after 3 days: due
    proposal("Blake", 1, 0.5)  # expires within a day: due
    proposal("Casey", 1, 2)  # neither yet
    proposal("Devon", 5, -1)  # expired
    rows, _counts = queue(program, now, kind=AttentionKind.PROPOSAL)
    assert [(kind, name, mentor) for kind, name, _since, mentor in rows] == [
        ("proposal", "Avery", None),
        ("proposal", "Blake", None),
    ]


def test_the_queue_lists_urgent_kinds_first_and_shows_no_private_text(
    program, coordinator, mentee, mentor, pairing, other_mentee, login, now
):
    today = local_today(program, now)
    CheckInFactory(membership=mentee, date=today, wants_outreach=True, hard=MARKER, helped=MARKER)
    person(program, "Casey", joined_at=now - timedelta(days=30))
    told(other_mentee, None, now - timedelta(hours=50))
    html = login(coordinator).get(queue_url(program)).content.decode()
    assert html.index("Asked for someone to reach out") < html.index(
        "Shared an update with their mentor"
    )
    assert html.index("Shared an update with their mentor") < html.index("No check-in for 14 days")
    assert "Casey" in html and "Coordinators" in html
    assert MARKER not in html
    # Who needs a follow-up, not why: worded as the mentor's email is.
    assert "return to use" not in html.lower()
    # The links to act.
    assert reverse("messaging:with_member", args=[program.slug, mentee.pk]) in html
    assert reverse("matching_coord:suggestions", args=[program.slug, mentee.pk]) in html
    assert reverse("matching:pairing_detail", args=[program.slug, pairing.pk]) in html
    assert handled_url(program, "outreach", CheckIn.objects.get(membership=mentee).pk) in html


# MARK HANDLED


def test_marking_handled_records_who_when_and_the_note_and_removes_the_row(
    program, coordinator, login, now
):
    casey = person(program, "Casey", joined_at=now - timedelta(days=30))
    client = login(coordinator)
    response = client.post(
        handled_url(program, "no_checkin", casey.pk), {"note": "Called; back next week."}
    )
    assert response.status_code == 302
    follow_up = AttentionFollowUp.objects.get()
    assert follow_up.handled_by == coordinator.user
    assert follow_up.member == casey
    assert follow_up.note == "Called; back next week."
    assert abs(follow_up.handled_at - timezone.now()) < timedelta(minutes=1)
    page = client.get(queue_url(program)).content.decode()
    assert "Nothing needs attention right now." in page
    assert "Called; back next week." in page  # in "Recently handled", for coordinators
    # A new quiet spell (a check-in, then 14 days) is a new item.
    CheckInFactory(membership=casey, date=local_today(program, now) - timedelta(days=15))
    assert len(queue(program, timezone.now())[0]) == 1


def test_handling_a_request_to_reach_out_clears_it_for_the_mentor_too(
    program, coordinator, mentee, pairing, login, now
):
    checkin = CheckInFactory(membership=mentee, wants_outreach=True)
    response = login(coordinator).post(handled_url(program, "outreach", checkin.pk), {})
    assert response.status_code == 302, response.content.decode()
    checkin.refresh_from_db()
    assert checkin.outreach_handled_at is not None
    assert AttentionFollowUp.objects.filter(kind="outreach", subject_id=checkin.pk).count() == 1


def test_a_double_post_records_once(program, coordinator, login, now):
    casey = person(program, "Casey", joined_at=now - timedelta(days=30))
    client = login(coordinator)
    url = handled_url(program, "no_checkin", casey.pk)
    assert client.post(url, {"note": "First"}).status_code == 302
    second = client.post(url, {"note": "Second"}, follow=True)
    assert second.status_code == 200
    assert "already been handled" in second.content.decode()
    assert list(AttentionFollowUp.objects.values_list("note", flat=True)) == ["First"]


def test_two_coordinators_at_once_record_once(program, coordinator, now):
    casey = person(program, "Casey", joined_at=now - timedelta(days=30))
    second = person(program, "Sam", role=Role.COORDINATOR)
    item = attention_item_get(program=program, kind="no_checkin", subject_id=casey.pk)
    attention_mark_handled(coordinator=coordinator, item=item, note="")
    with pytest.raises(ValidationError):
        attention_mark_handled(coordinator=second, item=item, note="")
    assert AttentionFollowUp.objects.count() == 1


def test_a_note_over_500_characters_is_refused_and_changes_nothing(
    program, coordinator, login, now
):
    casey = person(program, "Casey", joined_at=now - timedelta(days=30))
    response = login(coordinator).post(
        handled_url(program, "no_checkin", casey.pk), {"note": "x" * 501}
    )
    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    assert not AttentionFollowUp.objects.exists()
    assert len(queue(program, timezone.now())[0]) == 1


@pytest.mark.parametrize("kind", ["no_checkin", "outreach", "nonsense"])
def test_an_unknown_or_not_listed_item_is_404(program, coordinator, mentee, login, kind):
    # `mentee` joined today: not an item of any kind.
    client = login(coordinator)
    assert client.post(handled_url(program, kind, mentee.pk), {}).status_code == 404
    assert client.post(handled_url(program, kind, 999999), {}).status_code == 404
    assert not AttentionFollowUp.objects.exists()


def test_another_programs_item_is_404(program, other_program, coordinator, login, now):
    theirs = person(other_program, "Remy", joined_at=now - timedelta(days=30))
    response = login(coordinator).post(handled_url(program, "no_checkin", theirs.pk), {})
    assert response.status_code == 404
    assert not AttentionFollowUp.objects.exists()


# ACCESS


@pytest.mark.parametrize("who", ["mentor", "mentee"])
def test_mentors_and_mentees_get_403(request, program, login, who, now):
    member = request.getfixturevalue(who)
    casey = person(program, "Casey", joined_at=now - timedelta(days=30))
    client = login(member)
    assert client.get(queue_url(program)).status_code == 403
    assert client.post(handled_url(program, "no_checkin", casey.pk), {}).status_code == 403
    assert client.get(reverse("attention:supervision", args=[program.slug])).status_code == 403
    assert not AttentionFollowUp.objects.exists()


def test_another_programs_coordinator_gets_404(program, outsider, login, now):
    casey = person(program, "Casey", joined_at=now - timedelta(days=30))
    client = login(outsider)
    assert client.get(queue_url(program)).status_code == 404
    assert client.post(handled_url(program, "no_checkin", casey.pk), {}).status_code == 404
    assert client.get(reverse("attention:supervision", args=[program.slug])).status_code == 404
    assert not AttentionFollowUp.objects.exists()


def test_the_coordinator_home_links_the_queue_with_counts(program, coordinator, login, now):
    person(program, "Casey", joined_at=now - timedelta(days=30))
    html = login(coordinator).get(reverse("program_home", args=[program.slug])).content.decode()
    assert "Needs attention: 1 item" in html
    assert queue_url(program) in html
    assert reverse("attention:supervision", args=[program.slug]) in html


def test_a_bad_kind_or_page_in_the_query_string_is_not_an_error(program, coordinator, login):
    client = login(coordinator)
    assert client.get(queue_url(program, kind="nonsense", page="x")).status_code == 200
    assert client.get(queue_url(program, page="999")).status_code == 200


def test_items_older_than_the_program_zone_day_use_its_dates(program, now):
    """Since is a day in the program's time zone, whatever the kind."""
    program.time_zone = "Pacific/Kiritimati"  # UTC+14: the local day is often UTC's next
    program.save()
    joined = datetime(2020, 1, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    person(program, "Casey", joined_at=joined)
    rows, _counts = queue(program, now)
    assert rows[0][2] == joined.astimezone(ZoneInfo("Pacific/Kiritimati")).date()


# QUERIES DO NOT GROW WITH THE PROGRAM


def build_program(slug: str, mentees: int):
    """A coordinator and `mentees` mentees spread over every kind of item (and some fine)."""
    from tests.factories import ProgramFactory, enable_mfa

    program = ProgramFactory(slug=slug)
    coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
    enable_mfa(coordinator.user)
    now = timezone.now()
    today = local_today(program, now)
    mentors = [MembershipFactory(program=program, role=Role.MENTOR) for _ in range(3)]
    for index in range(mentees):
        member = MembershipFactory(
            program=program, role=Role.MENTEE, joined_at=now - timedelta(days=40)
        )
        mentor = mentors[index % 3]
        kind = index % 6
        if kind == 0:
            PairingFactory(mentee=member, mentor=mentor, days_ago=2)
            CheckInFactory(membership=member, date=today, wants_outreach=True, hard=MARKER)
        elif kind == 1:
            pass  # never checked in
        elif kind == 2:
            PairingFactory(mentee=member, mentor=mentor, days_ago=30)
            CheckInFactory(membership=member, date=today)
        elif kind == 3:
            PairingFactory(mentee=member, mentor=mentor, proposed=True, days_ago=2)
            PairingFactory(mentee=member, mentor=mentors[(index + 1) % 3], ended=True)
        elif kind == 4:
            pairing = PairingFactory(mentee=member, mentor=mentor, days_ago=3)
            CheckInFactory(membership=member, date=today)
            told(member, pairing, now - timedelta(hours=50))
        else:
            PairingFactory(mentee=member, mentor=mentor, days_ago=1)
            CheckInFactory(membership=member, date=today)
    return program, coordinator


def count_queries(client, program, coordinator, **query):
    client.force_login(coordinator.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(queue_url(program, **query))
    assert response.status_code == 200
    assert MARKER not in response.content.decode()
    return len(queries), response


def test_the_queue_runs_the_same_queries_at_10_and_300_mentees(client, db):
    small = build_program("small", 10)
    big = build_program("big", 300)
    # Every kind, counted in the database: 50 of each (no check-in: the never-checked-in
    # and the mentees with only a proposal).
    assert attention_counts(program=big[0]) == {
        "outreach": 50,
        "return_to_use": 50,
        "no_checkin": 100,
        "stalled_pair": 50,
        "proposal": 50,
    }
    for query in [{}, {"kind": "no_checkin"}, {"page": "2"}]:
        small_count, _small_page = count_queries(client, *small, **query)
        big_count, big_page = count_queries(client, *big, **query)
        assert small_count == big_count, query
        assert big_page.content.decode().count('name="note"') == 25  # a full page
    assert "Page 1 of 12" in count_queries(client, *big)[1].content.decode()
    # The coordinator's home, with the counts, too.
    homes = []
    for program, coordinator in (small, big):
        client.force_login(coordinator.user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("program_home", args=[program.slug]))
        homes.append(len(queries))
    assert homes[0] == homes[1]
    assert "Needs attention: 300 items" in response.content.decode()


def test_the_admin_shows_a_follow_up_without_its_note(operator):
    from tests.factories import AttentionFollowUpFactory, admin_url

    follow_up = AttentionFollowUpFactory(note=f"{MARKER} called them")
    for path in [
        admin_url(follow_up, "changelist"),
        admin_url(follow_up, "change", follow_up.pk),
    ]:
        response = operator.get(path)
        assert response.status_code == 200
        assert MARKER not in response.content.decode()
    assert (
        operator.get(admin_url(follow_up, "changelist"), {"q": MARKER}).context["cl"].result_count
        == 0
    )
