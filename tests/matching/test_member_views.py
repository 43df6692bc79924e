"""Mentee and mentor matching pages: who may open what, answering proposals, ending a pairing,
and the rule that a former mentor loses access to a mentee in the same request."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from matching import services
from matching.models import Intake, Pairing, PairingFeedback
from tests.factories import MembershipFactory, pairing_activated_through_services

MENTEE_ANSWERS = {
    "focus_areas": ["substance_recovery", "career"],
    "pathways": ["smart"],
    "languages": ["en", "es"],
    "formats": ["video"],
    "availability": ["mon-evening", "wed-evening"],
    "gender": "woman",
    "time_zone": "America/Chicago",
}
MENTOR_ANSWERS = {
    "focus_areas": ["substance_recovery"],
    "lived_experience": ["substance_recovery", "career"],
    "pathways": ["smart"],
    "languages": ["en"],
    "formats": ["video", "phone"],
    "availability": ["mon-evening"],
    "bio": "Ten years in recovery; I like long walks.",
    "capacity": 2,
}


def url(name, program, **kwargs):
    return reverse(name, kwargs={"program_slug": program.slug, **kwargs})


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def save_intake(membership, answers):
    return services.intake_save(membership=membership, by=membership.user, data=answers)


@pytest.fixture
def intakes(mentee, other_mentee, mentor, other_mentor):
    for person in (mentee, other_mentee):
        save_intake(person, MENTEE_ANSWERS)
    for person in (mentor, other_mentor):
        save_intake(person, MENTOR_ANSWERS)


@pytest.fixture
def proposal(intakes, coordinator, mentee, mentor):
    return services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)


@pytest.fixture
def active(proposal, mentee, mentor):
    services.pairing_accept(pairing=proposal, by=mentor)
    return services.pairing_accept(pairing=proposal, by=mentee)


def status_of(pairing):
    pairing.refresh_from_db()
    return pairing.status


# ACCESS MATRIX

OWN_PAGES = ["matching:intake", "matching:pairings"]
PAIRING_POSTS = [
    "matching:pairing_accept",
    "matching:pairing_decline",
    "matching:pairing_pause",
    "matching:pairing_resume",
    "matching:pairing_end",
]


class TestAccessMatrix:
    @pytest.mark.parametrize("name", OWN_PAGES)
    @pytest.mark.parametrize("role_fixture", ["mentee", "mentor"])
    def test_members_open_their_own_pages(self, login, request, name, role_fixture):
        member = request.getfixturevalue(role_fixture)
        response = login(member).get(url(name, member.program))
        assert response.status_code == 200

    @pytest.mark.parametrize("name", OWN_PAGES)
    def test_coordinator_role_gets_403_on_member_pages(self, login, coordinator, name):
        assert login(coordinator).get(url(name, coordinator.program)).status_code == 403

    @pytest.mark.parametrize("name", [*OWN_PAGES, "matching:suggestions"])
    def test_coordinator_of_another_program_gets_404(self, login, program, outsider, name):
        assert login(outsider).get(url(name, program)).status_code == 404

    @pytest.mark.parametrize("name", [*OWN_PAGES, "matching:suggestions"])
    def test_anonymous_is_sent_to_log_in(self, client, program, name):
        response = client.get(url(name, program))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    @pytest.mark.parametrize("role_fixture", ["mentee", "mentor", "coordinator"])
    def test_the_two_people_and_the_coordinator_open_a_pairing(
        self, login, request, active, role_fixture
    ):
        member = request.getfixturevalue(role_fixture)
        response = login(member).get(
            url("matching:pairing_detail", member.program, pairing_id=active.pk)
        )
        assert response.status_code == 200
        assert "Jordan" in response.content.decode()  # the mentee
        assert "Marcus" in response.content.decode()  # the mentor

    @pytest.mark.parametrize("role_fixture", ["other_mentee", "other_mentor", "outsider"])
    def test_others_get_404_on_someone_elses_pairing(
        self, login, request, active, program, role_fixture
    ):
        member = request.getfixturevalue(role_fixture)
        client = login(member)
        detail = url("matching:pairing_detail", program, pairing_id=active.pk)
        assert client.get(detail).status_code == 404
        for name in PAIRING_POSTS:
            response = client.post(
                url(name, program, pairing_id=active.pk), {"reason": "Trying my luck"}
            )
            assert response.status_code == 404, name
        assert status_of(active) == Pairing.Status.ACTIVE

    def test_outsider_cannot_reach_a_pairing_through_their_own_program(
        self, login, active, outsider
    ):
        response = login(outsider).get(
            url("matching:pairing_detail", outsider.program, pairing_id=active.pk)
        )
        assert response.status_code == 404

    @pytest.mark.parametrize("name", PAIRING_POSTS)
    def test_anonymous_posts_are_sent_to_log_in(self, client, proposal, program, name):
        response = client.post(url(name, program, pairing_id=proposal.pk))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
        assert status_of(proposal) == Pairing.Status.PROPOSED

    def test_answering_pages_only_take_post(self, login, proposal, mentee, program):
        response = login(mentee).get(
            url("matching:pairing_accept", program, pairing_id=proposal.pk)
        )
        assert response.status_code == 405
        assert status_of(proposal) == Pairing.Status.PROPOSED

    @pytest.mark.parametrize("role_fixture", ["mentee", "other_mentor", "coordinator"])
    def test_my_mentee_is_for_mentors_only(self, login, request, active, mentee, role_fixture):
        member = request.getfixturevalue(role_fixture)
        response = login(member).get(url("matching:my_mentee", mentee.program, mentee_id=mentee.pk))
        expected = 404 if member.role == Role.MENTOR else 403
        assert response.status_code == expected

    def test_outsider_gets_404_on_my_mentee(self, login, active, mentee, outsider):
        response = login(outsider).get(
            url("matching:my_mentee", mentee.program, mentee_id=mentee.pk)
        )
        assert response.status_code == 404


# ANSWERING PROPOSALS


class TestAnsweringProposals:
    def test_pairings_page_shows_the_proposal_with_its_explanation(
        self, login, proposal, mentee, program
    ):
        mentee.user.profile.pronouns = "she/her"
        mentee.user.profile.save()
        response = login(mentee).get(url("matching:pairings", program))
        html = response.content.decode()
        assert "Marcus" in html
        assert "shared focus area" in html
        assert "Please answer by" in html
        assert url("matching:pairing_accept", program, pairing_id=proposal.pk) in html
        # The shared recovery pathway stays between the person and the program.
        assert "SMART Recovery" not in html

    def test_mentor_sees_the_mentees_pronouns(self, login, proposal, mentee, mentor, program):
        mentee.user.profile.pronouns = "they/them"
        mentee.user.profile.save()
        html = login(mentor).get(url("matching:pairings", program)).content.decode()
        assert "Jordan" in html and "they/them" in html

    def test_both_accept_through_the_pages(self, login, client, proposal, mentee, mentor, program):
        response = login(mentor).post(
            url("matching:pairing_accept", program, pairing_id=proposal.pk)
        )
        assert response.status_code == 302
        assert response["Location"] == url("matching:pairings", program)
        assert status_of(proposal) == Pairing.Status.PROPOSED
        assert "other person accepts" in " ".join(messages_of(response))

        response = login(mentee).post(
            url("matching:pairing_accept", program, pairing_id=proposal.pk)
        )
        assert status_of(proposal) == Pairing.Status.ACTIVE
        assert "has started" in " ".join(messages_of(response))

    def test_decline_with_reason(self, login, proposal, mentee, program):
        response = login(mentee).post(
            url("matching:pairing_decline", program, pairing_id=proposal.pk),
            {"reason": "I'd prefer someone nearer"},
        )
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert proposal.status == Pairing.Status.DECLINED
        assert proposal.close_reason == "I'd prefer someone nearer"

    def test_declining_an_expired_proposal_shows_a_clear_message(
        self, login, proposal, mentee, program
    ):
        Pairing.objects.filter(pk=proposal.pk).update(
            expires_at=timezone.now() - timedelta(hours=1)
        )
        response = login(mentee).post(
            url("matching:pairing_decline", program, pairing_id=proposal.pk),
            {"reason": ""},
            follow=True,
        )
        assert response.status_code == 200
        assert "This proposal has expired" in response.content.decode()
        proposal.refresh_from_db()
        assert proposal.closed_by is None
        assert proposal.close_reason == ""

    def test_accepting_an_expired_proposal_marks_it_expired(self, login, proposal, mentor, program):
        Pairing.objects.filter(pk=proposal.pk).update(expires_at=timezone.now())
        response = login(mentor).post(
            url("matching:pairing_accept", program, pairing_id=proposal.pk), follow=True
        )
        assert "This proposal has expired" in response.content.decode()
        proposal.refresh_from_db()
        assert proposal.status == Pairing.Status.EXPIRED
        assert proposal.mentor_accepted_at is None

    def test_accepting_a_withdrawn_proposal_changes_nothing(
        self, login, proposal, coordinator, mentee, program
    ):
        services.pairing_withdraw(pairing=proposal, by=coordinator)
        response = login(mentee).post(
            url("matching:pairing_accept", program, pairing_id=proposal.pk), follow=True
        )
        assert "withdrawn" in response.content.decode()
        proposal.refresh_from_db()
        assert proposal.status == Pairing.Status.WITHDRAWN
        assert proposal.mentee_accepted_at is None

    def test_a_too_long_decline_reason_is_refused(self, login, proposal, mentee, program):
        response = login(mentee).post(
            url("matching:pairing_decline", program, pairing_id=proposal.pk),
            {"reason": "x" * 501},
            follow=True,
        )
        assert "too long" in response.content.decode()
        assert status_of(proposal) == Pairing.Status.PROPOSED

    def test_history_lists_closed_pairings(self, login, proposal, mentee, mentor, program):
        services.pairing_decline(pairing=proposal, by=mentor, reason="Private reason")
        html = login(mentee).get(url("matching:pairings", program)).content.decode()
        assert "Declined" in html
        # Why the mentor declined is for the coordinator, not for the mentee.
        assert "Private reason" not in html
        detail = login(mentee).get(url("matching:pairing_detail", program, pairing_id=proposal.pk))
        assert "Private reason" not in detail.content.decode()


# PAUSE, RESUME, END


class TestPauseResumeEnd:
    def test_pause_and_resume(self, login, active, mentee, mentor, program):
        client = login(mentee)
        response = client.post(
            url("matching:pairing_pause", program, pairing_id=active.pk), {"reason": "Holidays"}
        )
        assert response.status_code == 302
        assert status_of(active) == Pairing.Status.PAUSED

        response = login(mentor).post(url("matching:pairing_resume", program, pairing_id=active.pk))
        assert status_of(active) == Pairing.Status.ACTIVE

    def test_resuming_an_active_pairing_shows_a_message(self, login, active, mentee, program):
        response = login(mentee).post(
            url("matching:pairing_resume", program, pairing_id=active.pk), follow=True
        )
        assert "Only a paused pairing can be resumed" in response.content.decode()

    def test_end_with_reason_and_feedback(self, login, active, mentee, program):
        response = login(mentee).post(
            url("matching:pairing_end", program, pairing_id=active.pk),
            {"reason": "I reached my goals", "rating": "4", "comment": "Thank you"},
        )
        assert response.status_code == 302
        active.refresh_from_db()
        assert active.status == Pairing.Status.ENDED
        assert active.close_reason == "I reached my goals"
        feedback = PairingFeedback.objects.get(pairing=active)
        assert (feedback.rating, feedback.comment) == (4, "Thank you")

    def test_ending_without_a_reason_shows_a_form_error_and_changes_nothing(
        self, login, active, mentee, program
    ):
        response = login(mentee).post(
            url("matching:pairing_end", program, pairing_id=active.pk),
            {"reason": "", "rating": "5"},
        )
        assert response.status_code == 400
        assert response.context["end_form"].errors["reason"]
        assert status_of(active) == Pairing.Status.ACTIVE
        assert not PairingFeedback.objects.exists()

    @pytest.mark.parametrize("rating", ["0", "9", "great"])
    def test_a_rating_outside_1_to_5_is_refused(self, login, active, mentee, program, rating):
        response = login(mentee).post(
            url("matching:pairing_end", program, pairing_id=active.pk),
            {"reason": "Done", "rating": rating},
        )
        assert response.status_code == 400
        assert response.context["end_form"].errors["rating"]
        assert status_of(active) == Pairing.Status.ACTIVE

    def test_coordinator_pauses_and_ends_from_the_pairing_page(
        self, login, active, coordinator, program
    ):
        client = login(coordinator)
        client.post(url("matching:pairing_pause", program, pairing_id=active.pk))
        assert status_of(active) == Pairing.Status.PAUSED
        client.post(
            url("matching:pairing_end", program, pairing_id=active.pk),
            {"reason": "Mentor stepped back"},
        )
        assert status_of(active) == Pairing.Status.ENDED

    def test_ending_an_ended_pairing_shows_an_error(self, login, active, mentee, program):
        services.pairing_end(pairing=active, by=mentee, reason="Done")
        response = login(mentee).post(
            url("matching:pairing_end", program, pairing_id=active.pk),
            {"reason": "Again"},
            follow=True,
        )
        assert response.status_code == 200
        active.refresh_from_db()
        assert active.close_reason == "Done"
        assert "Only an active or paused pairing can be ended" in response.content.decode()


# A MENTOR'S VIEW OF A MENTEE


class TestMyMentee:
    def test_mentor_sees_what_is_needed_to_meet_and_nothing_private(
        self, login, active, mentee, mentor, program
    ):
        response = login(mentor).get(url("matching:my_mentee", program, mentee_id=mentee.pk))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Jordan" in html
        assert "Recovery from substance use" in html
        assert "Spanish" in html and "Video" in html
        assert "America/Chicago" in html
        # Pathways and gender are for matching only.
        assert "SMART" not in html
        assert "Woman" not in html

    def test_former_mentor_loses_access_in_the_same_request(
        self, login, active, mentee, mentor, program
    ):
        client = login(mentor)
        page = url("matching:my_mentee", program, mentee_id=mentee.pk)
        assert client.get(page).status_code == 200

        services.pairing_pause(pairing=active, by=mentee)
        assert client.get(page).status_code == 200

        services.pairing_end(pairing=active, by=mentee, reason="Moving on")
        assert client.get(page).status_code == 404

    def test_ending_through_the_page_cuts_access_at_once(
        self, login, active, mentee, mentor, program
    ):
        client = login(mentor)
        page = url("matching:my_mentee", program, mentee_id=mentee.pk)
        response = client.post(
            url("matching:pairing_end", program, pairing_id=active.pk), {"reason": "Moving on"}
        )
        assert response.status_code == 302
        assert client.get(page).status_code == 404

    def test_a_proposal_gives_no_access(self, login, proposal, mentee, mentor, program):
        services.pairing_accept(pairing=proposal, by=mentor)
        response = login(mentor).get(url("matching:my_mentee", program, mentee_id=mentee.pk))
        assert response.status_code == 404

    def test_mentor_of_another_pairing_gets_404(
        self, login, active, coordinator, other_mentee, other_mentor, mentee, program
    ):
        pairing_activated_through_services(
            mentee=other_mentee, mentor=other_mentor, coordinator=coordinator
        )
        client = login(other_mentor)
        assert (
            client.get(url("matching:my_mentee", program, mentee_id=other_mentee.pk)).status_code
            == 200
        )
        assert (
            client.get(url("matching:my_mentee", program, mentee_id=mentee.pk)).status_code == 404
        )


# INTAKE


class TestIntake:
    def test_availability_is_a_labelled_weekday_grid(self, login, mentee, program):
        html = login(mentee).get(url("matching:intake", program)).content.decode()
        assert html.count('name="availability"') == 21
        assert "<legend>When can you usually meet?</legend>" in html
        assert '<th scope="row">Monday</th>' in html
        assert '<th scope="col">Evening</th>' in html
        assert 'for="id_availability_0"' in html
        assert "Monday morning" in html
        # Mentor questions are for mentors.
        assert 'name="capacity"' not in html

    def test_mentor_sees_capacity_and_the_pause_switch(self, login, mentor, program):
        html = login(mentor).get(url("matching:intake", program)).content.decode()
        assert 'name="capacity"' in html
        assert "Not taking new mentees right now" in html

    def test_mentee_saves_their_intake(self, login, mentee, program):
        response = login(mentee).post(
            url("matching:intake", program),
            {
                "focus_areas": ["housing"],
                "languages": ["en"],
                "availability": ["tue-morning", "sat-afternoon"],
                "time_zone": "America/Denver",
                "interests": "Hiking, cooking",
            },
        )
        assert response.status_code == 302
        intake = Intake.objects.get(membership=mentee)
        assert intake.submitted_at is not None
        assert intake.availability == ["sat-afternoon", "tue-morning"]
        assert intake.interests == ["hiking", "cooking"]
        assert intake.time_zone == "America/Denver"
        assert intake.updated_by == mentee.user

    def test_saved_answers_are_shown_again(self, login, intakes, mentee, program):
        html = login(mentee).get(url("matching:intake", program)).content.decode()
        assert 'value="mon-evening"' in html
        assert html.count("checked") >= len(MENTEE_ANSWERS["availability"])

    def test_mentor_cannot_lower_capacity_below_current_load(
        self, login, active, coordinator, other_mentee, mentor, program
    ):
        pairing_activated_through_services(
            mentee=other_mentee, mentor=mentor, coordinator=coordinator
        )
        response = login(mentor).post(
            url("matching:intake", program),
            {"time_zone": "America/New_York", "capacity": "1", "languages": ["en"]},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["capacity"]
        assert Intake.objects.get(membership=mentor).capacity == 2

    def test_mentor_pauses_new_matches(self, login, intakes, mentor, program):
        response = login(mentor).post(
            url("matching:intake", program),
            {"time_zone": "America/New_York", "capacity": "2", "paused": "on"},
        )
        assert response.status_code == 302
        assert Intake.objects.get(membership=mentor).paused

    def test_invalid_input_is_shown_not_saved(self, login, mentee, program):
        response = login(mentee).post(
            url("matching:intake", program),
            {"time_zone": "Mars/Olympus", "availability": ["someday"]},
        )
        assert response.status_code == 200
        assert response.context["form"].errors.keys() >= {"time_zone", "availability"}
        assert not Intake.objects.filter(membership=mentee, submitted_at__isnull=False).exists()


# SELF-MATCH


class TestSuggestions:
    def test_404_when_self_match_is_off(self, login, intakes, mentee, program):
        client = login(mentee)
        assert client.get(url("matching:suggestions", program)).status_code == 404
        response = client.post(
            url("matching:suggestion_request", program, mentor_id=mentee.pk + 1000)
        )
        assert response.status_code == 404

    def test_mentors_get_403(self, login, mentor, program):
        services.matching_settings_update(program=program, self_match_enabled=True)
        assert login(mentor).get(url("matching:suggestions", program)).status_code == 403

    def test_mentee_requests_a_suggested_mentor_who_then_accepts(
        self, login, intakes, mentee, mentor, program
    ):
        services.matching_settings_update(program=program, self_match_enabled=True)
        client = login(mentee)
        response = client.get(url("matching:suggestions", program))
        html = response.content.decode()
        assert "Marcus" in html
        assert "I like long walks" in html
        assert "Recovery from substance use" in html
        # Only name, introduction and shared focus areas: no pathway, no score.
        assert "SMART" not in html
        assert "/ 100" not in html

        response = client.post(url("matching:suggestion_request", program, mentor_id=mentor.pk))
        assert response.status_code == 302
        pairing = Pairing.objects.get(mentee=mentee)
        assert pairing.source == Pairing.Source.MENTEE_REQUEST
        assert pairing.status == Pairing.Status.PROPOSED

        login(mentor).post(url("matching:pairing_accept", program, pairing_id=pairing.pk))
        assert status_of(pairing) == Pairing.Status.ACTIVE

    def test_mentee_takes_back_their_own_request(
        self, login, intakes, mentee, other_mentee, mentor, coordinator, program
    ):
        services.matching_settings_update(program=program, self_match_enabled=True)
        client = login(mentee)
        client.post(url("matching:suggestion_request", program, mentor_id=mentor.pk))
        pairing = Pairing.objects.get(mentee=mentee)
        html = client.get(url("matching:pairings", program)).content.decode()
        assert "Take back my request" in html
        withdraw = url("matching:pairing_withdraw", program, pairing_id=pairing.pk)

        # Nobody else can: the mentor (403), another mentee (404).
        assert login(mentor).post(withdraw).status_code == 403
        assert login(other_mentee).post(withdraw).status_code == 404
        assert status_of(pairing) == Pairing.Status.PROPOSED

        response = login(mentee).post(withdraw, follow=True)
        assert "You took back your request." in response.content.decode()
        assert status_of(pairing) == Pairing.Status.WITHDRAWN
        # Twice: a clear message, nothing changes.
        response = login(mentee).post(withdraw, follow=True)
        assert response.status_code == 200
        assert "You took back your request." not in response.content.decode()
        assert status_of(pairing) == Pairing.Status.WITHDRAWN

    def test_a_coordinators_proposal_cannot_be_taken_back_by_the_mentee(
        self, login, intakes, mentee, mentor, coordinator, program
    ):
        pairing = services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
        services.pairing_accept(pairing=pairing, by=mentee)
        client = login(mentee)
        assert (
            "Take back my request"
            not in client.get(url("matching:pairings", program)).content.decode()
        )
        response = client.post(
            url("matching:pairing_withdraw", program, pairing_id=pairing.pk), follow=True
        )
        assert "Only a coordinator can withdraw this proposal." in response.content.decode()
        assert status_of(pairing) == Pairing.Status.PROPOSED

    def test_a_mentor_of_another_program_cannot_be_requested(
        self, login, intakes, mentee, program, other_program
    ):
        services.matching_settings_update(program=program, self_match_enabled=True)
        elsewhere = MembershipFactory(program=other_program, role=Role.MENTOR)
        response = login(mentee).post(
            url("matching:suggestion_request", program, mentor_id=elsewhere.pk)
        )
        assert response.status_code == 404
        assert not Pairing.objects.exists()

    def test_a_paused_mentor_cannot_be_requested(self, login, intakes, mentee, mentor, program):
        services.matching_settings_update(program=program, self_match_enabled=True)
        save_intake(mentor, {"paused": True})
        response = login(mentee).post(
            url("matching:suggestion_request", program, mentor_id=mentor.pk), follow=True
        )
        assert "be requested right now" in response.content.decode()
        assert not Pairing.objects.exists()


# HOME PAGES


def home(client, program):
    return client.get(url("program_home", program))


class TestHomePages:
    def test_mentee_without_intake_is_asked_to_complete_it(self, login, mentee, program):
        html = home(login(mentee), program).content.decode()
        assert "Complete my intake" in html
        assert url("matching:intake", program) in html

    def test_waiting_mentee_sees_their_place(self, login, intakes, mentee, other_mentee, program):
        html = home(login(other_mentee), program).content.decode()
        assert "You are number 2 on the waiting list" in html
        assert "Complete my intake" not in html
        html = home(login(mentee), program).content.decode()
        assert "You are number 1 on the waiting list" in html

    def test_mentee_sees_a_proposal_to_answer(self, login, proposal, mentee, program):
        html = home(login(mentee), program).content.decode()
        assert "Marcus" in html
        assert "Answer the proposal" in html

    def test_mentee_sees_their_mentor(self, login, active, mentee, program):
        html = home(login(mentee), program).content.decode()
        assert "Your mentor is <strong>Marcus</strong>" in html
        assert url("matching:pairing_detail", program, pairing_id=active.pk) in html
        assert "waiting list" not in html

    def test_mentor_sees_mentees_proposals_and_load(
        self, login, active, coordinator, other_mentee, mentor, program
    ):
        services.pairing_propose(mentee=other_mentee, mentor=mentor, by=coordinator)
        html = home(login(mentor), program).content.decode()
        assert url("matching:my_mentee", program, mentee_id=active.mentee_id) in html
        assert "Priya" in html and "please answer by" in html
        assert "1 / 2" in html

    def test_paused_mentor_sees_it(self, login, intakes, mentor, program):
        save_intake(mentor, {"paused": True})
        html = home(login(mentor), program).content.decode()
        assert "You are not taking new mentees right now" in html

    def _queries(self, client, program) -> int:
        """Queries of the home built from the database."""
        with CaptureQueriesContext(connection) as queries:
            assert home(client, program).status_code == 200
        return len(queries)

    def test_mentee_home_query_count_does_not_grow_with_data(
        self, login, intakes, coordinator, mentee, mentor, program
    ):
        client = login(mentee)
        home(client, program)  # warm the session
        small_waiting = self._queries(client, program)
        for _ in range(12):
            person = MembershipFactory(program=program, role=Role.MENTEE)
            save_intake(person, MENTEE_ANSWERS)
        assert self._queries(client, program) == small_waiting

        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        small_paired = self._queries(client, program)
        # A long history adds rows, not queries.
        services.pairing_end(pairing=pairing, by=mentee, reason="Done")
        for _ in range(5):
            extra = MembershipFactory(program=program, role=Role.MENTOR)
            save_intake(extra, MENTOR_ANSWERS)
            again = services.pairing_propose(mentee=mentee, mentor=extra, by=coordinator)
            services.pairing_decline(pairing=again, by=extra)
        last = services.pairing_propose(
            mentee=mentee, mentor=mentor, by=coordinator, override_previous=True
        )
        services.pairing_accept(pairing=last, by=mentor)
        services.pairing_accept(pairing=last, by=mentee)
        assert self._queries(client, program) == small_paired

    def test_mentor_home_query_count_does_not_grow_with_mentees(
        self, login, intakes, coordinator, mentee, mentor, program
    ):
        save_intake(mentor, {"capacity": 10})
        client = login(mentor)
        pairing_activated_through_services(mentee=mentee, mentor=mentor, coordinator=coordinator)
        home(client, program)
        small = self._queries(client, program)
        for index in range(8):
            person = MembershipFactory(program=program, role=Role.MENTEE)
            save_intake(person, MENTEE_ANSWERS)
            more = services.pairing_propose(mentee=person, mentor=mentor, by=coordinator)
            if index % 2:
                services.pairing_accept(pairing=more, by=mentor)
                services.pairing_accept(pairing=more, by=person)
        html = home(client, program).content.decode()
        assert "5 / 10" in html
        assert self._queries(client, program) == small
