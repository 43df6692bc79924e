"""The pairing lifecycle through its services: propose, accept, decline, expire, pause,
resume, end, and every rule that refuses a pair."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from matching import selectors, services
from matching.models import Pairing, PairingFeedback
from tests.factories import MembershipFactory, PairingFactory, pairing_activated_through_services

MENTEE_ANSWERS = {
    "focus_areas": ["substance_recovery", "career"],
    "languages": ["en"],
    "formats": ["video"],
    "availability": ["mon-evening", "wed-evening"],
}
MENTOR_ANSWERS = {
    "focus_areas": ["substance_recovery"],
    "lived_experience": ["substance_recovery", "career"],
    "languages": ["en", "es"],
    "formats": ["video", "phone"],
    "availability": ["mon-evening"],
    "capacity": 2,
}


@pytest.fixture
def intakes(mentee, other_mentee, mentor, other_mentor):
    for person in (mentee, other_mentee):
        services.intake_save(membership=person, by=person.user, data=MENTEE_ANSWERS)
    for person in (mentor, other_mentor):
        services.intake_save(membership=person, by=person.user, data=MENTOR_ANSWERS)


def propose(coordinator, mentee, mentor, **kwargs):
    return services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator, **kwargs)


def status_of(pairing):
    pairing.refresh_from_db()
    return pairing.status


pytestmark = pytest.mark.usefixtures("intakes")


class TestAccepting:
    def test_both_people_accept_before_the_pairing_is_active(self, coordinator, mentee, mentor):
        pairing = propose(coordinator, mentee, mentor)
        assert pairing.status == Pairing.Status.PROPOSED
        assert pairing.score > 0
        assert {r["criterion"] for r in pairing.reasons} >= {"focus", "language"}

        services.pairing_accept(pairing=pairing, by=mentor)
        assert status_of(pairing) == Pairing.Status.PROPOSED

        services.pairing_accept(pairing=pairing, by=mentee)
        pairing.refresh_from_db()
        assert pairing.status == Pairing.Status.ACTIVE
        assert pairing.activated_at is not None
        assert pairing.mentor_accepted_at and pairing.mentee_accepted_at

    def test_order_of_acceptance_does_not_matter(self, coordinator, mentee, mentor):
        pairing = propose(coordinator, mentee, mentor)
        services.pairing_accept(pairing=pairing, by=mentee)
        assert status_of(pairing) == Pairing.Status.PROPOSED
        services.pairing_accept(pairing=pairing, by=mentor)
        assert status_of(pairing) == Pairing.Status.ACTIVE

    def test_without_mentee_acceptance_the_mentor_alone_activates(
        self, coordinator, mentee, mentor, program
    ):
        services.matching_settings_update(program=program, mentee_acceptance_required=False)
        pairing = propose(coordinator, mentee, mentor)
        assert pairing.mentee_accepted_at is not None
        services.pairing_accept(pairing=pairing, by=mentor)
        assert status_of(pairing) == Pairing.Status.ACTIVE

    def test_a_coordinator_cannot_accept_for_someone(self, coordinator, mentee, mentor):
        pairing = propose(coordinator, mentee, mentor)
        with pytest.raises(ValidationError):
            services.pairing_accept(pairing=pairing, by=coordinator)
        pairing.refresh_from_db()
        assert pairing.mentor_accepted_at is None and pairing.mentee_accepted_at is None

    def test_someone_outside_the_pairing_cannot_accept(
        self, coordinator, mentee, mentor, other_mentor
    ):
        pairing = propose(coordinator, mentee, mentor)
        with pytest.raises(ValidationError):
            services.pairing_accept(pairing=pairing, by=other_mentor)
        assert status_of(pairing) == Pairing.Status.PROPOSED

    def test_accepting_an_expired_proposal_is_refused_and_marks_it_expired(
        self, coordinator, mentee, mentor
    ):
        pairing = propose(coordinator, mentee, mentor)
        Pairing.objects.filter(pk=pairing.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        with pytest.raises(ValidationError, match="expired"):
            services.pairing_accept(pairing=pairing, by=mentor)
        pairing.refresh_from_db()
        assert pairing.status == Pairing.Status.EXPIRED
        assert pairing.mentor_accepted_at is None

    def test_a_pairing_can_be_backdated_with_now(self, coordinator, mentee, mentor):
        """The demo's pairings started weeks ago: each answer keeps the moment it is given,
        and expiry is judged at that moment."""
        started = timezone.now() - timedelta(weeks=8)
        pairing = propose(coordinator, mentee, mentor, now=started - timedelta(days=2))
        assert pairing.proposed_at == started - timedelta(days=2)
        services.pairing_accept(pairing=pairing, by=mentor, now=started - timedelta(days=1))
        pairing = services.pairing_accept(pairing=pairing, by=mentee, now=started)
        pairing.refresh_from_db()
        assert pairing.status == Pairing.Status.ACTIVE
        assert pairing.activated_at == pairing.mentee_accepted_at == started
        assert pairing.mentor_accepted_at == started - timedelta(days=1)

    def test_a_backdated_answer_after_the_expiry_is_refused(self, coordinator, mentee, mentor):
        long_ago = timezone.now() - timedelta(weeks=8)
        pairing = propose(coordinator, mentee, mentor, now=long_ago)
        with pytest.raises(ValidationError, match="expired"):
            services.pairing_accept(pairing=pairing, by=mentor, now=long_ago + timedelta(days=30))
        assert status_of(pairing) == Pairing.Status.EXPIRED

    def test_accepting_a_withdrawn_proposal_is_refused(self, coordinator, mentee, mentor):
        pairing = propose(coordinator, mentee, mentor)
        services.pairing_withdraw(pairing=pairing, by=coordinator, reason="Changed plans")
        with pytest.raises(ValidationError, match="withdrawn"):
            services.pairing_accept(pairing=pairing, by=mentee)
        assert status_of(pairing) == Pairing.Status.WITHDRAWN

    def test_accepting_twice_after_activation_is_refused(self, coordinator, mentee, mentor):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        with pytest.raises(ValidationError, match="already been answered"):
            services.pairing_accept(pairing=pairing, by=mentor)


class TestDecliningAndExpiry:
    def test_decline_with_reason_puts_the_mentee_back_on_the_waiting_list(
        self, coordinator, mentee, mentor, program
    ):
        pairing = propose(coordinator, mentee, mentor)
        assert mentee not in selectors.waiting_mentees(program=program)

        services.pairing_decline(pairing=pairing, by=mentor, reason="  Schedules don't fit  ")

        pairing.refresh_from_db()
        assert pairing.status == Pairing.Status.DECLINED
        assert pairing.close_reason == "Schedules don't fit"
        assert pairing.closed_by == mentor.user
        assert mentee in selectors.waiting_mentees(program=program)

    def test_declining_an_expired_proposal_is_refused(self, coordinator, mentee, mentor):
        pairing = propose(coordinator, mentee, mentor)
        Pairing.objects.filter(pk=pairing.pk).update(expires_at=timezone.now())
        with pytest.raises(ValidationError, match="expired"):
            services.pairing_decline(pairing=pairing, by=mentee, reason="")

    def test_pairings_expire_marks_each_overdue_proposal_once(
        self, coordinator, mentee, other_mentee, mentor, other_mentor, program
    ):
        overdue = propose(coordinator, mentee, mentor)
        fresh = propose(coordinator, other_mentee, other_mentor)
        Pairing.objects.filter(pk=overdue.pk).update(expires_at=timezone.now() - timedelta(hours=1))

        assert services.pairings_expire() == 1
        assert services.pairings_expire() == 0
        overdue.refresh_from_db()
        assert overdue.status == Pairing.Status.EXPIRED
        assert overdue.closed_at is not None
        assert status_of(fresh) == Pairing.Status.PROPOSED
        assert mentee in selectors.waiting_mentees(program=program)

    def test_expiry_uses_the_programs_setting(self, coordinator, mentee, mentor, program):
        services.matching_settings_update(program=program, proposal_expiry_days=7)
        pairing = propose(coordinator, mentee, mentor)
        assert pairing.expires_at - pairing.proposed_at == timedelta(days=7)


class TestPauseResumeEnd:
    def test_pause_and_resume(self, coordinator, mentee, mentor):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        services.pairing_pause(pairing=pairing, by=mentee, reason="Busy month")
        pairing.refresh_from_db()
        assert pairing.status == Pairing.Status.PAUSED
        assert pairing.paused_at is not None
        assert pairing.close_reason == "Busy month"

        with pytest.raises(ValidationError):
            services.pairing_pause(pairing=pairing, by=mentee)

        services.pairing_resume(pairing=pairing, by=mentor)
        pairing.refresh_from_db()
        assert pairing.status == Pairing.Status.ACTIVE
        assert pairing.paused_at is None

    def test_resume_an_active_pairing_is_refused(self, coordinator, mentee, mentor):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        with pytest.raises(ValidationError):
            services.pairing_resume(pairing=pairing, by=mentor)

    def test_end_with_reason_and_feedback(self, coordinator, mentee, mentor, program):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        services.pairing_end(
            pairing=pairing, by=mentee, reason="Reached my goals", rating=5, comment=" Great "
        )
        pairing.refresh_from_db()
        assert pairing.status == Pairing.Status.ENDED
        assert pairing.close_reason == "Reached my goals"
        assert pairing.closed_by == mentee.user
        feedback = PairingFeedback.objects.get(pairing=pairing)
        assert (feedback.author, feedback.rating, feedback.comment) == (mentee.user, 5, "Great")
        assert mentee in selectors.waiting_mentees(program=program)

    def test_a_paused_pairing_can_be_ended_by_the_coordinator(self, coordinator, mentee, mentor):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        services.pairing_pause(pairing=pairing, by=mentor)
        services.pairing_end(pairing=pairing, by=coordinator, reason="Mentor moved away")
        assert status_of(pairing) == Pairing.Status.ENDED
        assert not PairingFeedback.objects.exists()

    def test_end_needs_a_reason(self, coordinator, mentee, mentor):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        with pytest.raises(ValidationError) as excinfo:
            services.pairing_end(pairing=pairing, by=mentee, reason="   ")
        assert "reason" in excinfo.value.error_dict
        assert status_of(pairing) == Pairing.Status.ACTIVE

    @pytest.mark.parametrize("rating", [0, 6, -1])
    def test_rating_outside_1_to_5_is_refused_and_nothing_changes(
        self, coordinator, mentee, mentor, rating
    ):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        with pytest.raises(ValidationError) as excinfo:
            services.pairing_end(pairing=pairing, by=mentee, reason="Done", rating=rating)
        assert "rating" in excinfo.value.error_dict
        assert status_of(pairing) == Pairing.Status.ACTIVE
        assert not PairingFeedback.objects.exists()

    def test_ending_a_proposal_is_refused(self, coordinator, mentee, mentor):
        pairing = propose(coordinator, mentee, mentor)
        with pytest.raises(ValidationError):
            services.pairing_end(pairing=pairing, by=mentee, reason="Never mind")
        assert status_of(pairing) == Pairing.Status.PROPOSED

    def test_someone_outside_cannot_end(self, coordinator, mentee, mentor, other_mentor):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        with pytest.raises(ValidationError):
            services.pairing_end(pairing=pairing, by=other_mentor, reason="Not mine")
        assert status_of(pairing) == Pairing.Status.ACTIVE


class TestRefusedProposals:
    def test_a_paused_mentor_is_not_proposed(self, coordinator, mentee, mentor):
        services.intake_save(membership=mentor, by=mentor.user, data={"paused": True})
        with pytest.raises(ValidationError, match="not taking new mentees"):
            propose(coordinator, mentee, mentor)
        assert not Pairing.objects.exists()

    def test_a_full_mentor_is_not_proposed(self, coordinator, mentee, other_mentee, mentor):
        services.intake_save(membership=mentor, by=mentor.user, data={"capacity": 1})
        pairing_activated_through_services(mentee=mentee, mentor=mentor, coordinator=coordinator)
        with pytest.raises(ValidationError, match="at capacity"):
            propose(coordinator, other_mentee, mentor)

    def test_open_proposals_count_against_capacity(self, coordinator, mentee, other_mentee, mentor):
        services.intake_save(membership=mentor, by=mentor.user, data={"capacity": 1})
        propose(coordinator, mentee, mentor)
        with pytest.raises(ValidationError, match="at capacity"):
            propose(coordinator, other_mentee, mentor)

    def test_do_not_pair_is_refused(self, coordinator, mentee, mentor):
        services.do_not_pair_add(mentee=mentee, mentor=mentor, by=coordinator, reason="Neighbours")
        with pytest.raises(ValidationError, match="do not pair"):
            propose(coordinator, mentee, mentor)

    def test_previous_mentor_needs_an_override(self, coordinator, mentee, mentor):
        pairing = pairing_activated_through_services(
            mentee=mentee, mentor=mentor, coordinator=coordinator
        )
        services.pairing_end(pairing=pairing, by=mentee, reason="Took a break from the program")

        with pytest.raises(ValidationError, match="mentor before"):
            propose(coordinator, mentee, mentor)

        again = propose(coordinator, mentee, mentor, override_previous=True)
        assert again.status == Pairing.Status.PROPOSED
        assert again.overrides_previous_mentor

    def test_hard_language_constraint_refuses_a_pair_with_no_shared_language(
        self, coordinator, mentee, mentor, program
    ):
        services.matching_settings_update(program=program, hard_constraints=["language"])
        services.intake_save(membership=mentor, by=mentor.user, data={"languages": ["es"]})
        with pytest.raises(ValidationError, match="share no language"):
            propose(coordinator, mentee, mentor)
        # Without the hard constraint the same pair may be proposed (with fewer points).
        services.matching_settings_update(program=program, hard_constraints=[])
        assert propose(coordinator, mentee, mentor).status == Pairing.Status.PROPOSED

    def test_a_mentee_with_an_open_proposal_is_not_proposed_again(
        self, coordinator, mentee, mentor, other_mentor
    ):
        propose(coordinator, mentee, mentor)
        with pytest.raises(ValidationError, match="already has a mentor"):
            propose(coordinator, mentee, other_mentor)

    def test_only_the_programs_coordinator_proposes(self, mentee, mentor, outsider):
        with pytest.raises(ValidationError):
            propose(outsider, mentee, mentor)
        with pytest.raises(ValidationError):
            propose(mentor, mentee, mentor)
        assert not Pairing.objects.exists()

    def test_self_match_request_needs_the_program_setting(self, mentee, mentor, program):
        with pytest.raises(ValidationError):
            services.pairing_request(mentee=mentee, mentor=mentor)
        services.matching_settings_update(program=program, self_match_enabled=True)
        pairing = services.pairing_request(mentee=mentee, mentor=mentor)
        assert pairing.source == Pairing.Source.MENTEE_REQUEST
        assert pairing.mentee_accepted_at is not None
        services.pairing_accept(pairing=pairing, by=mentor)
        assert status_of(pairing) == Pairing.Status.ACTIVE


class TestCapacityInIntake:
    def test_capacity_below_current_load_is_refused(
        self, coordinator, mentee, other_mentee, mentor
    ):
        pairing_activated_through_services(mentee=mentee, mentor=mentor, coordinator=coordinator)
        pairing_activated_through_services(
            mentee=other_mentee, mentor=mentor, coordinator=coordinator
        )
        with pytest.raises(ValidationError) as excinfo:
            services.intake_save(membership=mentor, by=mentor.user, data={"capacity": 1})
        assert "capacity" in excinfo.value.error_dict
        mentor.intake.refresh_from_db()
        assert mentor.intake.capacity == 2

    def test_capacity_equal_to_load_is_fine(self, coordinator, mentee, mentor):
        pairing_activated_through_services(mentee=mentee, mentor=mentor, coordinator=coordinator)
        intake = services.intake_save(membership=mentor, by=mentor.user, data={"capacity": 1})
        assert intake.capacity == 1


class TestDatabaseGuards:
    def test_a_second_current_pairing_for_a_mentee_is_refused_by_the_database(
        self, coordinator, mentee, mentor, other_mentor, program
    ):
        pairing_activated_through_services(mentee=mentee, mentor=mentor, coordinator=coordinator)
        with pytest.raises(IntegrityError), transaction.atomic():
            PairingFactory(mentee=mentee, mentor=other_mentor)
        assert Pairing.objects.filter(mentee=mentee, status__in=Pairing.CURRENT).count() == 1

    def test_a_second_open_proposal_for_a_mentee_is_refused_by_the_database(
        self, coordinator, mentee, mentor, other_mentor, program
    ):
        propose(coordinator, mentee, mentor)
        with pytest.raises(IntegrityError), transaction.atomic():
            PairingFactory(mentee=mentee, mentor=other_mentor, proposed=True)

    def test_a_mentee_can_have_many_closed_pairings(self, coordinator, mentee, mentor, program):
        second_mentor = MembershipFactory(program=program, role=Role.MENTOR)
        services.intake_save(membership=second_mentor, by=second_mentor.user, data=MENTOR_ANSWERS)
        for person in (mentor, second_mentor):
            pairing = propose(coordinator, mentee, person)
            services.pairing_decline(pairing=pairing, by=person, reason="")
        assert Pairing.objects.filter(mentee=mentee, status=Pairing.Status.DECLINED).count() == 2
