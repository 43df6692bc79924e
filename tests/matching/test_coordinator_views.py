"""Coordinator matching pages: who may open them, what bad input does, and the main flows."""

import pytest
from django.urls import reverse

from accounts.models import Role
from matching import scoring, services
from matching.models import DoNotPair, Intake, MatchingRound, MatchingSettings, Pairing
from matching.templatetags.matching_tags import reason_sentences
from tests.factories import MembershipFactory, UserFactory, pairing_accepted_by_both

MENTEE_ANSWERS = {
    "focus_areas": ["career", "wellness", "community"],
    "pathways": ["smart"],
    "languages": ["en", "es"],
    "availability": ["mon-evening", "tue-evening", "wed-evening", "sat-morning"],
    "formats": ["video", "phone"],
    "region": "Dorchester",
    "time_zone": "America/New_York",
    "interests": ["hiking", "music"],
}
MENTOR_ANSWERS = MENTEE_ANSWERS | {
    "lived_experience": ["substance_recovery"],
    "industries": ["healthcare"],
    "capacity": 2,
}


def give_intake(membership, **changes):
    base = MENTOR_ANSWERS if membership.role == Role.MENTOR else MENTEE_ANSWERS
    return services.intake_save(membership=membership, by=membership.user, data=base | changes)


def url(name, program, **kwargs):
    return reverse(f"matching_coord:{name}", kwargs={"program_slug": program.slug, **kwargs})


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def cast(program, coordinator, mentor, other_mentor, mentee, other_mentee):
    """Our program with intakes, one open proposal and one ready round."""
    for person in (mentor, other_mentor, mentee, other_mentee):
        give_intake(person)
    third = MembershipFactory(
        program=program, role=Role.MENTEE, user=UserFactory(display_name="Sam")
    )
    give_intake(third)
    proposal = services.pairing_propose(mentee=third, mentor=other_mentor, by=coordinator)
    matching_round = services.round_start(program=program, by=coordinator)
    assert matching_round.status == MatchingRound.Status.READY
    return {
        "mentee": mentee,
        "mentor": mentor,
        "pairing": proposal,
        "round": matching_round,
    }


@pytest.fixture
def theirs(other_program, outsider):
    """The other program's people, a proposal and a ready round: never reachable from ours."""
    their_mentor = MembershipFactory(program=other_program, role=Role.MENTOR)
    their_mentee = MembershipFactory(program=other_program, role=Role.MENTEE)
    their_waiting = MembershipFactory(program=other_program, role=Role.MENTEE)
    for person in (their_mentor, their_mentee, their_waiting):
        give_intake(person)
    proposal = services.pairing_propose(mentee=their_mentee, mentor=their_mentor, by=outsider)
    matching_round = services.round_start(program=other_program, by=outsider)
    assert matching_round.status == MatchingRound.Status.READY and matching_round.proposals
    return {
        "mentee": their_waiting,
        "mentor": their_mentor,
        "pairing": proposal,
        "round": matching_round,
    }


GET_PAGES = {
    "board": lambda c: {},
    "settings": lambda c: {},
    "intakes": lambda c: {},
    "round_new": lambda c: {},
    "suggestions": lambda c: {"mentee_id": c["mentee"].pk},
    "intake_edit": lambda c: {"member_id": c["mentee"].pk},
    "round_detail": lambda c: {"round_id": c["round"].pk},
}
POST_ACTIONS = {
    "propose": (lambda c: {"mentee_id": c["mentee"].pk}, lambda c: {"mentor": c["mentor"].pk}),
    "do_not_pair": (
        lambda c: {"mentee_id": c["mentee"].pk},
        lambda c: {"mentor": c["mentor"].pk},
    ),
    "withdraw": (lambda c: {"pairing_id": c["pairing"].pk}, lambda c: {}),
    "round_remove": (
        lambda c: {"round_id": c["round"].pk},
        lambda c: {"mentee": c["round"].proposals[0]["mentee"]},
    ),
    "round_confirm": (lambda c: {"round_id": c["round"].pk}, lambda c: {}),
    "round_discard": (lambda c: {"round_id": c["round"].pk}, lambda c: {}),
}


def snapshot(program):
    """Everything the POST actions could change."""
    return (
        list(Pairing.objects.filter(program=program).values_list("pk", "status").order_by("pk")),
        list(
            MatchingRound.objects.filter(program=program)
            .values_list("pk", "status", "proposals")
            .order_by("pk")
        ),
        DoNotPair.objects.filter(program=program).count(),
    )


class TestAccessMatrix:
    @pytest.mark.parametrize("name", GET_PAGES)
    def test_the_programs_coordinator_opens_every_page(self, login, coordinator, cast, name):
        response = login(coordinator).get(url(name, coordinator.program, **GET_PAGES[name](cast)))
        assert response.status_code == 200

    @pytest.mark.parametrize("role_fixture", ["mentor", "mentee"])
    @pytest.mark.parametrize("name", GET_PAGES)
    def test_mentors_and_mentees_get_403(self, request, login, cast, role_fixture, name):
        member = request.getfixturevalue(role_fixture)
        response = login(member).get(url(name, member.program, **GET_PAGES[name](cast)))
        assert response.status_code == 403

    @pytest.mark.parametrize("role_fixture", ["mentor", "mentee"])
    @pytest.mark.parametrize("name", POST_ACTIONS)
    def test_mentors_and_mentees_cannot_act(self, request, login, cast, role_fixture, name):
        member = request.getfixturevalue(role_fixture)
        kwargs, data = POST_ACTIONS[name]
        before = snapshot(member.program)
        response = login(member).post(url(name, member.program, **kwargs(cast)), data(cast))
        assert response.status_code == 403
        assert snapshot(member.program) == before

    @pytest.mark.parametrize("name", GET_PAGES)
    def test_coordinator_of_another_program_gets_404(self, login, outsider, cast, name):
        response = login(outsider).get(url(name, cast["mentee"].program, **GET_PAGES[name](cast)))
        assert response.status_code == 404

    @pytest.mark.parametrize("name", POST_ACTIONS)
    def test_coordinator_of_another_program_cannot_act(self, login, outsider, cast, name):
        program = cast["mentee"].program
        kwargs, data = POST_ACTIONS[name]
        before = snapshot(program)
        response = login(outsider).post(url(name, program, **kwargs(cast)), data(cast))
        assert response.status_code == 404
        assert snapshot(program) == before

    @pytest.mark.parametrize("name", GET_PAGES)
    def test_anonymous_is_sent_to_log_in(self, client, cast, name):
        response = client.get(url(name, cast["mentee"].program, **GET_PAGES[name](cast)))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    @pytest.mark.parametrize("name", POST_ACTIONS)
    def test_anonymous_cannot_act(self, client, cast, name):
        program = cast["mentee"].program
        kwargs, data = POST_ACTIONS[name]
        before = snapshot(program)
        response = client.post(url(name, program, **kwargs(cast)), data(cast))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
        assert snapshot(program) == before

    @pytest.mark.parametrize("name", ["suggestions", "intake_edit", "round_detail"])
    def test_ids_of_another_program_in_our_urls_give_404(
        self, login, coordinator, cast, theirs, name
    ):
        response = login(coordinator).get(url(name, coordinator.program, **GET_PAGES[name](theirs)))
        assert response.status_code == 404

    @pytest.mark.parametrize("name", POST_ACTIONS)
    def test_acting_on_another_programs_ids_gives_404_and_changes_nothing(
        self, login, coordinator, cast, theirs, name
    ):
        kwargs, data = POST_ACTIONS[name]
        before = snapshot(theirs["mentee"].program), snapshot(coordinator.program)
        response = login(coordinator).post(
            url(name, coordinator.program, **kwargs(theirs)), data(theirs)
        )
        assert response.status_code == 404
        assert (snapshot(theirs["mentee"].program), snapshot(coordinator.program)) == before

    @pytest.mark.parametrize("name", ["propose", "do_not_pair"])
    def test_another_programs_mentor_id_in_the_form_gives_404(
        self, login, coordinator, cast, theirs, name
    ):
        before = snapshot(coordinator.program)
        response = login(coordinator).post(
            url(name, coordinator.program, mentee_id=cast["mentee"].pk),
            {"mentor": theirs["mentor"].pk},
        )
        assert response.status_code == 404
        assert snapshot(coordinator.program) == before

    def test_a_coordinators_own_membership_has_no_intake_page(self, login, coordinator):
        response = login(coordinator).get(
            url("intake_edit", coordinator.program, member_id=coordinator.pk)
        )
        assert response.status_code == 404

    def test_a_mentor_id_is_not_a_mentee_for_suggestions(self, login, coordinator, cast):
        response = login(coordinator).get(
            url("suggestions", coordinator.program, mentee_id=cast["mentor"].pk)
        )
        assert response.status_code == 404


class TestBoard:
    def test_lists_waiting_mentees_mentor_load_and_open_proposals(self, login, coordinator, cast):
        response = login(coordinator).get(url("board", coordinator.program))
        page = response.content.decode()
        assert "Jordan" in page and "Priya" in page  # waiting
        assert "Marcus" in page and "Teresa" in page  # mentors
        assert "Sam" in page  # in an open proposal
        assert url("withdraw", coordinator.program, pairing_id=cast["pairing"].pk) in page
        assert url("suggestions", coordinator.program, mentee_id=cast["mentee"].pk) in page
        assert url("round_new", coordinator.program) in page
        assert url("settings", coordinator.program) in page
        assert url("intakes", coordinator.program) in page
        mentors = {m.pk: m for m in response.context["mentors"]}
        assert mentors[cast["pairing"].mentor_id].proposed_count == 1

    def test_filters_by_focus_area_and_language(
        self, login, coordinator, cast, other_mentee, program
    ):
        give_intake(other_mentee, focus_areas=["housing"], languages=["fr"])
        client = login(coordinator)
        names = lambda r: [row["membership"].pk for row in r.context["mentees"]]  # noqa: E731
        response = client.get(url("board", program), {"focus": "housing"})
        assert names(response) == [other_mentee.pk]
        response = client.get(url("board", program), {"language": "es"})
        assert names(response) == [cast["mentee"].pk]
        # An unknown choice is ignored rather than failing.
        response = client.get(url("board", program), {"focus": "nonsense"})
        assert response.status_code == 200
        assert set(names(response)) == {cast["mentee"].pk, other_mentee.pk}

    def test_paused_mentor_is_marked(self, login, coordinator, mentor, program):
        give_intake(mentor, paused=True)
        page = login(coordinator).get(url("board", program)).content.decode()
        assert "Paused: no new mentees" in page


class TestSuggestionsAndPropose:
    def test_suggestions_are_ranked_and_explained(self, login, coordinator, cast, program):
        give_intake(cast["mentor"], languages=["fr"], focus_areas=["housing"])
        response = login(coordinator).get(url("suggestions", program, mentee_id=cast["mentee"].pk))
        suggestions = response.context["suggestions"]
        assert [s.mentor.user.display_name for s in suggestions] == ["Teresa", "Marcus"]
        assert suggestions[0].score > suggestions[1].score
        page = response.content.decode()
        assert "Both in SMART Recovery" in page
        assert "Both speak English, Spanish" in page
        assert "4 shared availability slots" in page
        assert "Same region" in page
        assert url("do_not_pair", program, mentee_id=cast["mentee"].pk) in page

    def test_propose_from_suggestions_creates_a_proposed_pairing(
        self, login, coordinator, cast, program
    ):
        mentee, mentor = cast["mentee"], cast["mentor"]
        response = login(coordinator).post(
            url("propose", program, mentee_id=mentee.pk), {"mentor": mentor.pk}, follow=True
        )
        assert response.redirect_chain[-1][0] == url("board", program)
        pairing = Pairing.objects.get(mentee=mentee)
        assert pairing.status == Pairing.Status.PROPOSED
        assert pairing.mentor == mentor
        assert pairing.source == Pairing.Source.COORDINATOR
        assert pairing.proposed_by == coordinator.user
        assert pairing.score > 0 and pairing.reasons
        assert "Proposed Jordan with Marcus" in messages_of(response)

    def test_a_pair_breaking_a_hard_constraint_is_refused_with_a_clear_message(
        self, login, coordinator, cast, program
    ):
        services.matching_settings_update(program=program, hard_constraints=["language"])
        give_intake(cast["mentor"], languages=["fr"])
        response = login(coordinator).post(
            url("propose", program, mentee_id=cast["mentee"].pk),
            {"mentor": cast["mentor"].pk},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == url(
            "suggestions", program, mentee_id=cast["mentee"].pk
        )
        assert "They share no language, which this program requires." in messages_of(response)
        assert not Pairing.objects.filter(mentee=cast["mentee"]).exists()

    def test_a_mentor_at_capacity_is_refused_with_a_clear_message(
        self, login, coordinator, cast, program, other_mentee
    ):
        mentor = cast["mentor"]
        give_intake(mentor, capacity=1)
        services.pairing_propose(mentee=other_mentee, mentor=mentor, by=coordinator)
        before = Pairing.objects.count()
        response = login(coordinator).post(
            url("propose", program, mentee_id=cast["mentee"].pk),
            {"mentor": mentor.pk},
            follow=True,
        )
        assert "This mentor is at capacity (1 of 1)." in messages_of(response)
        assert Pairing.objects.count() == before

    def test_a_previous_mentor_needs_the_override(self, login, coordinator, cast, program):
        mentee, mentor = cast["mentee"], cast["mentor"]
        pairing = pairing_accepted_by_both(
            services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
        )
        services.pairing_end(pairing=pairing, by=coordinator, reason="Moved away")
        client = login(coordinator)
        page = client.get(url("suggestions", program, mentee_id=mentee.pk)).content.decode()
        assert "Previous mentors" in page and "Propose again" in page
        response = client.post(
            url("propose", program, mentee_id=mentee.pk), {"mentor": mentor.pk}, follow=True
        )
        assert "was the mentee's mentor before" in messages_of(response)
        client.post(
            url("propose", program, mentee_id=mentee.pk),
            {"mentor": mentor.pk, "override_previous": "on"},
        )
        again = Pairing.objects.get(mentee=mentee, status=Pairing.Status.PROPOSED)
        assert again.overrides_previous_mentor

    def test_do_not_pair_removes_the_mentor_from_suggestions(
        self, login, coordinator, cast, program
    ):
        mentee, mentor = cast["mentee"], cast["mentor"]
        client = login(coordinator)
        response = client.post(
            url("do_not_pair", program, mentee_id=mentee.pk),
            {"mentor": mentor.pk, "reason": "Neighbours"},
            follow=True,
        )
        rule = DoNotPair.objects.get(mentee=mentee, mentor=mentor)
        assert rule.reason == "Neighbours" and rule.created_by == coordinator.user
        assert "will not be suggested" in messages_of(response)
        mentors = [s.mentor.pk for s in response.context["suggestions"]]
        assert mentor.pk not in mentors
        # Twice: a clear message, no crash, still one rule.
        response = client.post(
            url("do_not_pair", program, mentee_id=mentee.pk), {"mentor": mentor.pk}, follow=True
        )
        assert "already marked" in messages_of(response)
        assert DoNotPair.objects.filter(mentee=mentee, mentor=mentor).count() == 1

    def test_withdraw_puts_the_mentee_back_on_the_waiting_list(
        self, login, coordinator, cast, program
    ):
        pairing = cast["pairing"]
        response = login(coordinator).post(
            url("withdraw", program, pairing_id=pairing.pk), follow=True
        )
        pairing.refresh_from_db()
        assert pairing.status == Pairing.Status.WITHDRAWN
        assert pairing.closed_by == coordinator.user
        assert "Proposal withdrawn" in messages_of(response)
        waiting = [row["membership"].pk for row in response.context["mentees"]]
        assert pairing.mentee_id in waiting
        # Withdrawing again is refused politely.
        response = login(coordinator).post(
            url("withdraw", program, pairing_id=pairing.pk), follow=True
        )
        assert "withdrawn or declined" in messages_of(response)


class TestSettings:
    def test_saves_weights_and_rules(self, login, coordinator, program):
        data = MatchingSettingsFormData.valid()
        data["weight_focus"] = "9.5"
        data["hard_constraints"] = ["gender"]
        response = login(coordinator).post(url("settings", program), data, follow=True)
        assert "Matching settings saved." in messages_of(response)
        row = MatchingSettings.objects.get(program=program)
        assert row.weights["focus"] == 9.5
        assert row.hard_constraints == ["gender"]

    @pytest.mark.parametrize("bad", ["11", "-1", "ten"])
    def test_weights_outside_0_to_10_change_nothing(self, login, coordinator, program, bad):
        services.matching_settings_for(program=program)
        before = MatchingSettings.objects.get(program=program)
        data = MatchingSettingsFormData.valid() | {"weight_focus": bad, "min_score": "50"}
        response = login(coordinator).post(url("settings", program), data)
        assert response.status_code == 200
        assert response.context["form"].errors["weight_focus"]
        assert "Nothing was saved" in messages_of(response)
        after = MatchingSettings.objects.get(program=program)
        assert (after.weights, after.min_score) == (before.weights, before.min_score)


class MatchingSettingsFormData:
    @staticmethod
    def valid() -> dict:
        data = {
            "objective": "max_total",
            "min_score": "0",
            "proposal_expiry_days": "3",
            "mentee_acceptance_required": "on",
        }
        data.update({f"weight_{c}": str(w) for c, w in scoring.DEFAULT_WEIGHTS.items()})
        return data


class TestIntakes:
    def test_completeness_list(self, login, coordinator, cast, program):
        response = login(coordinator).get(url("intakes", program))
        page = response.content.decode()
        assert "<progress" in page
        assert url("intake_edit", program, member_id=cast["mentee"].pk) in page
        assert {r["membership"].pk for r in response.context["rows"]} >= {cast["mentee"].pk}

    def test_coordinator_edits_a_mentees_intake(self, login, coordinator, mentee, program):
        data = {
            "focus_areas": ["housing"],
            "languages": ["es"],
            "time_zone": "America/Chicago",
            "interests": "Chess, cooking",
        }
        response = login(coordinator).post(
            url("intake_edit", program, member_id=mentee.pk), data, follow=True
        )
        assert "Intake for Jordan saved." in messages_of(response)
        intake = Intake.objects.get(membership=mentee)
        assert intake.focus_areas == ["housing"]
        assert intake.interests == ["chess", "cooking"]
        assert intake.updated_by == coordinator.user

    def test_mentor_form_has_capacity_and_mentee_form_does_not(
        self, login, coordinator, mentor, mentee, program
    ):
        client = login(coordinator)
        mentor_form = client.get(url("intake_edit", program, member_id=mentor.pk)).context["form"]
        mentee_form = client.get(url("intake_edit", program, member_id=mentee.pk)).context["form"]
        assert "capacity" in mentor_form.fields
        assert "capacity" not in mentee_form.fields

    def test_capacity_below_current_load_changes_nothing(
        self, login, coordinator, cast, program, other_mentee
    ):
        mentor = cast["mentor"]
        for person in (cast["mentee"], other_mentee):
            pairing_accepted_by_both(
                services.pairing_propose(mentee=person, mentor=mentor, by=coordinator)
            )
        data = {"time_zone": "America/New_York", "capacity": "1", "focus_areas": ["housing"]}
        response = login(coordinator).post(url("intake_edit", program, member_id=mentor.pk), data)
        assert response.status_code == 200
        assert "capacity cannot be lower" in str(response.context["form"].errors["capacity"])
        intake = Intake.objects.get(membership=mentor)
        assert intake.capacity == 2
        assert "housing" not in intake.focus_areas


class TestRounds:
    def test_new_round_lists_waiting_mentees_all_ticked(
        self, login, coordinator, cast, program, other_mentee
    ):
        response = login(coordinator).get(url("round_new", program))
        form = response.context["form"]
        waiting = {str(cast["mentee"].pk), str(other_mentee.pk)}
        assert {pk for pk, _label in form.fields["mentees"].choices} == waiting
        assert set(form.initial["mentees"]) == waiting
        assert form.initial["objective"] == "max_total"
        assert response.content.decode().count("checked") >= 3  # objective + both mentees

    def test_round_review_remove_and_confirm(self, login, coordinator, cast, program, other_mentee):
        client = login(coordinator)
        MatchingRound.objects.all().delete()
        chosen = [str(cast["mentee"].pk), str(other_mentee.pk)]
        response = client.post(
            url("round_new", program), {"objective": "fairest", "mentees": chosen}
        )
        matching_round = MatchingRound.objects.get(program=program)
        assert response["Location"] == url("round_detail", program, round_id=matching_round.pk)
        assert matching_round.objective == "fairest"
        assert matching_round.status == MatchingRound.Status.READY
        response = client.get(response["Location"])
        page = response.content.decode()
        assert len(response.context["proposals"]) == 2
        assert "Confirm all" in page and "Discard this round" in page
        assert "shared focus areas" in page
        assert 'http-equiv="refresh"' not in page

        removed = matching_round.proposals[0]
        response = client.post(
            url("round_remove", program, round_id=matching_round.pk),
            {"mentee": removed["mentee"]},
            follow=True,
        )
        assert len(response.context["proposals"]) == 1
        groups = {g["code"]: g for g in response.context["unmatched"]}
        assert groups["removed"]["count"] == 1
        assert "You removed their pair from this round." in response.content.decode()

        response = client.post(
            url("round_confirm", program, round_id=matching_round.pk), follow=True
        )
        assert "1 proposal sent." in messages_of(response)
        assert "None were skipped." in messages_of(response)
        created = Pairing.objects.filter(round=matching_round)
        assert created.count() == 1
        assert created.get().status == Pairing.Status.PROPOSED
        assert created.get().mentee_id != removed["mentee"]
        matching_round.refresh_from_db()
        assert matching_round.status == MatchingRound.Status.CONFIRMED
        # Confirming twice writes nothing more.
        response = client.post(
            url("round_confirm", program, round_id=matching_round.pk), follow=True
        )
        assert "already confirmed or discarded" in messages_of(response)
        assert Pairing.objects.filter(round=matching_round).count() == 1

    def test_confirm_reports_skipped_pairs(self, login, coordinator, cast, program):
        matching_round = cast["round"]
        first = matching_round.proposals[0]
        # Meanwhile someone proposes that mentee by hand.
        mentee = MembershipFactory._meta.model.objects.get(pk=first["mentee"])
        mentor = MembershipFactory._meta.model.objects.get(pk=first["mentor"])
        services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
        response = login(coordinator).post(
            url("round_confirm", program, round_id=matching_round.pk), follow=True
        )
        text = messages_of(response)
        assert "1 pair was skipped" in text

    def test_discard_sends_nothing(self, login, coordinator, cast, program):
        matching_round = cast["round"]
        before = Pairing.objects.count()
        response = login(coordinator).post(
            url("round_discard", program, round_id=matching_round.pk), follow=True
        )
        assert "Round discarded" in messages_of(response)
        matching_round.refresh_from_db()
        assert matching_round.status == MatchingRound.Status.DISCARDED
        assert Pairing.objects.count() == before

    def test_a_program_without_mentors_gets_a_clear_message_and_no_round(
        self, login, coordinator, mentee, other_mentee, program
    ):
        give_intake(mentee)
        give_intake(other_mentee)
        response = login(coordinator).post(
            url("round_new", program),
            {"objective": "max_total", "mentees": [str(mentee.pk), str(other_mentee.pk)]},
        )
        assert response.status_code == 200
        assert "This program has no active mentors yet" in response.content.decode()
        assert not MatchingRound.objects.exists()

    def test_choosing_nobody_gets_a_clear_message(self, login, coordinator, cast, program):
        MatchingRound.objects.all().delete()
        response = login(coordinator).post(url("round_new", program), {"objective": "fairest"})
        assert response.status_code == 200
        assert "No one chosen is waiting" in response.content.decode()
        assert not MatchingRound.objects.exists()

    def test_unmatched_mentees_are_grouped_with_plain_reasons(
        self, login, coordinator, cast, program
    ):
        services.matching_settings_update(program=program, hard_constraints=["language"])
        give_intake(cast["mentee"], languages=["ko"])
        MatchingRound.objects.all().delete()
        matching_round = services.round_start(program=program, by=coordinator)
        response = login(coordinator).get(url("round_detail", program, round_id=matching_round.pk))
        groups = {g["code"]: g for g in response.context["unmatched"]}
        assert [p.pk for p in groups["no_eligible"]["people"]] == [cast["mentee"].pk]
        assert "No mentor meets the program" in response.content.decode()

    def test_a_running_round_shows_progress_and_refreshes_without_javascript(
        self, login, coordinator, program
    ):
        matching_round = MatchingRound.objects.create(
            program=program, objective="max_total", status="running", progress=40
        )
        client = login(coordinator)
        page = client.get(url("round_detail", program, round_id=matching_round.pk))
        html = page.content.decode()
        assert '<meta http-equiv="refresh" content="2">' in html
        assert '<progress class="progress" max="100" value="40"' in html
        assert 'hx-trigger="every 1s"' in html
        assert "40% done" in html

        fragment = client.get(
            url("round_detail", program, round_id=matching_round.pk), HTTP_HX_REQUEST="true"
        )
        body = fragment.content.decode()
        assert "<html" not in body and 'id="round-progress"' in body

        MatchingRound.objects.filter(pk=matching_round.pk).update(status="ready", progress=100)
        done = client.get(
            url("round_detail", program, round_id=matching_round.pk), HTTP_HX_REQUEST="true"
        )
        assert done["HX-Refresh"] == "true"


class TestExplanationTag:
    def test_sentences_from_stored_dicts_and_reason_objects(self):
        stored = [
            {
                "criterion": "focus",
                "points": 20.0,
                "shared": ["career", "community", "wellness"],
                "similarity": 1.0,
                "blocking": False,
            },
            {"criterion": "pathway", "points": 9, "shared": ["smart"], "similarity": 1.0},
            {"criterion": "interests", "points": 0.0, "shared": [], "similarity": 0.0},
        ]
        live = [
            scoring.Reason("language", 10.0, ("es",), 1.0, False),
            scoring.Reason("availability", 5.0, ("a", "b", "c", "d"), 1.0, False),
            scoring.Reason("location", 3.0, ("dorchester",), 1.0, False),
            scoring.Reason("location", 1.5, ("America/New_York",), 0.5, False),
            scoring.Reason("gender", 2.0, (), 1.0, False),
            scoring.Reason("format", 0.0, (), 0.0, True),
        ]
        assert reason_sentences(stored) == [
            "3 shared focus areas: Career, Community and belonging, Health and wellness",
            "Both in SMART Recovery",
        ]
        assert reason_sentences(live) == [
            "No shared meeting format (this program requires one)",
            "Both speak Spanish",
            "4 shared availability slots",
            "Same region",
            "Same time zone",
            "Gender preference met",
        ]
        assert reason_sentences(live, 2) == [
            "No shared meeting format (this program requires one)",
            "Both speak Spanish",
        ]

    def test_free_text_interests_are_escaped(self):
        from django.template import Context, Template

        html = Template("{% load matching_tags %}{% explain_reasons reasons %}").render(
            Context(
                {
                    "reasons": [
                        {
                            "criterion": "interests",
                            "points": 4,
                            "shared": ["<b>x</b>"],
                            "similarity": 0.3,
                        }
                    ]
                }
            )
        )
        assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
