"""Goals with milestones: services, the mentee's pages, bad input, access and query counts."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from mentoring import access, services
from mentoring.models import Goal, GoalCategory, Milestone, Visibility
from mentoring.selectors.goals import goal_detail, goal_progress, goals_for
from tests.factories import MembershipFactory, PairingFactory

pytestmark = pytest.mark.django_db


def today_for(membership):
    return services.local_today(membership)


def make_goal(membership, title="Walk every morning", milestones=(), **kwargs):
    kwargs.setdefault("category", GoalCategory.HEALTH)
    return services.goal_create(
        membership=membership,
        title=title,
        milestones=[{"title": label, "due_date": None} for label in milestones],
        **kwargs,
    )


def url(name, membership, *args):
    return reverse(f"goals:{name}", args=[membership.program.slug, *args])


def new_goal_token(client, membership) -> str:
    response = client.get(url("new", membership))
    match = re.search(r'name="form_token" value="([0-9a-f]+)"', response.content.decode())
    assert match, "the new-goal form carries a one-time token"
    return match.group(1)


def new_goal_data(token, **overrides):
    data = {
        "form_token": token,
        "title": "Attend 3 recovery meetings a week",
        "category": GoalCategory.COMMUNITY,
        "why": "People who understand",
        "measure": "3 a week for a month",
        "target_date": "",
        "milestone_1": "Find 3 meetings",
        "milestone_1_due": "",
        "milestone_2": "Go to the first one",
        "milestone_2_due": "",
    }
    data.update(overrides)
    return data


# SERVICES


def test_goal_create_keeps_milestones_in_order(mentee):
    due = today_for(mentee) + timedelta(days=10)
    goal = services.goal_create(
        membership=mentee,
        title="  Update my CV ",
        category=GoalCategory.CAREER,
        target_date=due,
        milestones=[
            {"title": "List my jobs", "due_date": due},
            {"title": "", "due_date": None},  # an empty row is ignored
            {"title": "Write a draft", "due_date": None},
        ],
    )
    assert goal.title == "Update my CV"
    assert goal.visibility == Visibility.SHARED
    assert goal.status == Goal.Status.ACTIVE
    assert list(goal.milestones.values_list("title", "position", "due_date")) == [
        ("List my jobs", 0, due),
        ("Write a draft", 1, None),
    ]


def test_progress_comes_from_milestones_not_the_manual_percentage(mentee):
    goal = make_goal(mentee, milestones=["One", "Two", "Three", "Four"], manual_progress=90)
    first, second = goal.milestones.all()[:2]
    services.milestone_set_done(milestone=first, done=True)
    services.milestone_set_done(milestone=second, done=True)
    listed = goals_for(membership=mentee, viewer=mentee).get(pk=goal.pk)
    assert goal_progress(listed) == 50
    assert goal_detail(goal=goal)["progress"] == 50

    services.milestone_set_done(milestone=second, done=False)
    assert goal_detail(goal=goal)["progress"] == 25


def test_manual_progress_is_used_when_a_goal_has_no_milestones(mentee):
    goal = make_goal(mentee)
    assert goal_detail(goal=goal)["progress"] == 0
    services.goal_update(goal=goal, manual_progress=30)
    listed = goals_for(membership=mentee, viewer=mentee).get(pk=goal.pk)
    assert goal_progress(listed) == 30
    with pytest.raises(ValidationError):
        services.goal_update(goal=goal, manual_progress=101)
    goal.refresh_from_db()
    assert goal.manual_progress == 30


def test_status_changes_and_achieved_at(mentee):
    goal = make_goal(mentee)
    goal = services.goal_set_status(goal=goal, status=Goal.Status.ACHIEVED)
    assert goal.achieved_at is not None
    goal = services.goal_set_status(goal=goal, status=Goal.Status.LET_GO)
    assert goal.status == Goal.Status.LET_GO and goal.achieved_at is None
    with pytest.raises(ValidationError):
        services.goal_set_status(goal=goal, status="finished")


def test_visibility_decides_what_the_mentor_sees(program, mentee, mentor):
    PairingFactory(mentee=mentee, mentor=mentor)
    goal = make_goal(mentee)
    assert access.goals_visible_to(mentor).filter(pk=goal.pk).exists()
    services.goal_update(goal=goal, visibility=Visibility.PRIVATE)
    assert not access.goals_visible_to(mentor).filter(pk=goal.pk).exists()
    assert access.goals_visible_to(mentee).filter(pk=goal.pk).exists()


def test_service_refuses_a_past_target_date_for_a_new_goal(mentee):
    with pytest.raises(ValidationError) as exc:
        make_goal(mentee, target_date=today_for(mentee) - timedelta(days=1))
    assert "target_date" in exc.value.error_dict
    assert not Goal.objects.exists()


# PAGES: HAPPY PATH


def test_index_lists_active_goals_first_with_progress_bars_and_starter_ideas(login, mentee):
    done_goal = make_goal(mentee, title="Finish a course")
    services.goal_set_status(goal=done_goal, status=Goal.Status.ACHIEVED)
    active = make_goal(mentee, title="Reconnect with my sister", milestones=["Call", "Visit"])
    services.milestone_set_done(milestone=active.milestones.first(), done=True)
    manual = make_goal(mentee, title="Sleep routine", manual_progress=40)

    response = login(mentee).get(url("index", mentee))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Reconnect with my sister") < html.index("Finish a course")
    assert html.index("Sleep routine") < html.index("Finish a course")
    assert 'value="50"' in html and 'value="40"' in html
    assert "1 of 2 milestones done" in html
    assert url("detail", mentee, active.pk) in html
    assert url("detail", mentee, manual.pk) in html
    assert f"{url('new', mentee)}?template=recovery-meetings" in html
    for idea in (
        "Attend 3 recovery meetings a week",
        "A morning routine",
        "Update my CV",
        "Reconnect with family",
    ):
        assert idea in html
    assert "New goal" in html


def test_starter_template_prefills_the_form(login, mentee):
    response = login(mentee).get(url("new", mentee) + "?template=update-cv")
    html = response.content.decode()
    assert 'value="Update my CV"' in html
    assert '<option value="career" selected>' in html
    assert 'value="List my jobs, volunteering and skills"' in html


def test_unknown_template_gives_an_empty_form(login, mentee):
    response = login(mentee).get(url("new", mentee) + "?template=nope")
    assert response.status_code == 200
    assert not response.context["form"].initial.get("title")


def test_new_goal_form_labels(login, mentee):
    html = login(mentee).get(url("new", mentee)).content.decode()
    for text in ("Title", "Target date", "Milestone 1", "Milestone 5", "Due date", "Private"):
        assert re.search(rf"<label[^>]*for=\"[^\"]+\"[^>]*>{text}:?</label>", html), text
    assert "Only you can see it. Your mentor sees shared items only." in html
    assert 'type="date"' in html
    assert html.count("<label") >= 5 + 2 * 5


def test_create_a_goal_with_two_milestones(login, mentee):
    client = login(mentee)
    token = new_goal_token(client, mentee)
    target = today_for(mentee) + timedelta(days=30)
    response = client.post(
        url("new", mentee),
        new_goal_data(token, target_date=target.isoformat(), private="on"),
    )
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", mentee, goal.pk)
    assert goal.membership == mentee
    assert goal.visibility == Visibility.PRIVATE
    assert goal.target_date == target
    assert [m.title for m in goal.milestones.all()] == ["Find 3 meetings", "Go to the first one"]

    page = client.get(response["Location"]).content.decode()
    assert "Your goal is saved." in page
    assert "Find 3 meetings" in page and "Go to the first one" in page


def test_goal_is_shared_by_default(login, mentee):
    client = login(mentee)
    client.post(url("new", mentee), new_goal_data(new_goal_token(client, mentee)))
    assert Goal.objects.get().visibility == Visibility.SHARED


def test_check_off_and_uncheck_a_milestone(login, mentee):
    goal = make_goal(mentee, milestones=["Call", "Visit"])
    milestone = goal.milestones.first()
    client = login(mentee)
    response = client.post(url("milestone_toggle", mentee, goal.pk, milestone.pk), {"done": "on"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    page = client.get(url("detail", mentee, goal.pk)).content.decode()
    assert "is done" in page and 'value="50"' in page

    client.post(url("milestone_toggle", mentee, goal.pk, milestone.pk), {})
    milestone.refresh_from_db()
    assert milestone.done_at is None


def test_milestone_toggle_with_htmx_returns_the_fragment(login, mentee):
    goal = make_goal(mentee, milestones=["Call", "Visit"])
    milestone = goal.milestones.first()
    response = login(mentee).post(
        url("milestone_toggle", mentee, goal.pk, milestone.pk),
        {"done": "on"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="goal-work"' in html and "<html" not in html
    assert 'value="50"' in html
    assert 'hx-swap-oob="true"' in html


def test_add_and_delete_a_milestone(login, mentee):
    goal = make_goal(mentee)
    client = login(mentee)
    due = today_for(mentee) + timedelta(days=7)
    response = client.post(
        url("milestone_add", mentee, goal.pk), {"title": "Buy running shoes", "due_date": due}
    )
    assert response.status_code == 302
    milestone = goal.milestones.get()
    assert (milestone.title, milestone.due_date) == ("Buy running shoes", due)

    response = client.post(url("milestone_delete", mentee, goal.pk, milestone.pk))
    assert response.status_code == 302
    assert not goal.milestones.exists()


def test_add_milestone_with_htmx_and_bad_input_shows_the_error_in_the_fragment(login, mentee):
    goal = make_goal(mentee)
    past = today_for(mentee) - timedelta(days=2)
    response = login(mentee).post(
        url("milestone_add", mentee, goal.pk),
        {"title": "Too late", "due_date": past.isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "can&#x27;t be in the past" in response.content.decode()
    assert not goal.milestones.exists()


def test_detail_shows_labels_encouragement_and_status_buttons(login, mentee, mentor):
    from mentoring.models import Encouragement

    goal = make_goal(mentee, why="For my kids", measure="Two calls a month")
    Encouragement.objects.create(mentee=mentee, author=mentor.user, goal=goal, text="Proud of you")
    html = login(mentee).get(url("detail", mentee, goal.pk)).content.decode()
    assert "For my kids" in html and "Two calls a month" in html
    assert "Proud of you" in html and "Marcus" in html
    assert re.search(r"<label[^>]*>Milestone:?</label>", html)
    assert re.search(r"<label[^>]*>Due date:?</label>", html)
    assert re.search(r"<label[^>]*>Private</label>", html)
    assert "Mark achieved" in html and "Let it go" in html


def test_change_status(login, mentee):
    goal = make_goal(mentee)
    client = login(mentee)
    response = client.post(url("status", mentee, goal.pk), {"status": "achieved"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACHIEVED

    client.post(url("status", mentee, goal.pk), {"status": "finished"})
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACHIEVED


def test_visibility_toggle(login, mentee):
    goal = make_goal(mentee)
    client = login(mentee)
    client.post(url("visibility", mentee, goal.pk), {"private": "on"})
    goal.refresh_from_db()
    assert goal.visibility == Visibility.PRIVATE
    client.post(url("visibility", mentee, goal.pk), {})
    goal.refresh_from_db()
    assert goal.visibility == Visibility.SHARED


def test_manual_progress_on_a_goal_without_milestones(login, mentee):
    goal = make_goal(mentee)
    client = login(mentee)
    response = client.post(url("progress", mentee, goal.pk), {"manual_progress": "35"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.manual_progress == 35

    response = client.post(url("progress", mentee, goal.pk), {"manual_progress": "150"})
    assert response.status_code == 200
    assert "less than or equal to 100" in response.content.decode()
    goal.refresh_from_db()
    assert goal.manual_progress == 35


def test_edit_a_goal(login, mentee):
    goal = make_goal(mentee)
    client = login(mentee)
    page = client.get(url("edit", mentee, goal.pk)).content.decode()
    assert 'value="Walk every morning"' in page
    response = client.post(
        url("edit", mentee, goal.pk),
        {
            "title": "Walk 20 minutes every morning",
            "category": "health",
            "why": "",
            "measure": "",
            "target_date": "",
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Walk 20 minutes every morning"
    assert goal.visibility == Visibility.SHARED


# BAD INPUT


def test_past_target_date_for_a_new_goal_is_refused_on_the_form(login, mentee):
    client = login(mentee)
    token = new_goal_token(client, mentee)
    past = today_for(mentee) - timedelta(days=1)
    response = client.post(url("new", mentee), new_goal_data(token, target_date=past.isoformat()))
    assert response.status_code == 200
    assert "The target date can&#x27;t be in the past for a new goal." in response.content.decode()
    assert not Goal.objects.exists() and not Milestone.objects.exists()

    # Fixed and sent again, the same form saves once.
    fresh = re.search(r'name="form_token" value="([0-9a-f]+)"', response.content.decode())
    future = today_for(mentee) + timedelta(days=1)
    response = client.post(
        url("new", mentee), new_goal_data(fresh.group(1), target_date=future.isoformat())
    )
    assert response.status_code == 302
    assert Goal.objects.count() == 1


def test_missing_title_and_category_are_shown_and_nothing_is_saved(login, mentee):
    client = login(mentee)
    token = new_goal_token(client, mentee)
    response = client.post(url("new", mentee), new_goal_data(token, title="", category="x"))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"title", "category"}
    assert not Goal.objects.exists()


def test_double_posted_form_creates_one_goal(login, mentee):
    client = login(mentee)
    token = new_goal_token(client, mentee)
    data = new_goal_data(token)
    first = client.post(url("new", mentee), data)
    second = client.post(url("new", mentee), data, follow=True)
    assert first.status_code == 302
    assert Goal.objects.count() == 1
    assert Milestone.objects.count() == 2
    assert "This goal was already saved." in second.content.decode()


def test_a_post_without_a_token_saves_nothing(login, mentee):
    response = login(mentee).post(url("new", mentee), new_goal_data(""))
    assert response.status_code == 200
    assert "Please check it and save again" in response.content.decode()
    assert not Goal.objects.exists()


def test_milestone_on_somebody_elses_goal_is_404(login, mentee, other_mentee):
    theirs = make_goal(other_mentee, milestones=["Their step"])
    their_milestone = theirs.milestones.get()
    mine = make_goal(mentee, milestones=["My step"])
    client = login(mentee)

    assert (
        client.post(url("milestone_add", mentee, theirs.pk), {"title": "Sneaky"}).status_code == 404
    )
    # Their milestone, through their goal's id or through mine.
    for goal_id in (theirs.pk, mine.pk):
        assert (
            client.post(
                url("milestone_toggle", mentee, goal_id, their_milestone.pk), {"done": "on"}
            ).status_code
            == 404
        )
        assert (
            client.post(url("milestone_delete", mentee, goal_id, their_milestone.pk)).status_code
            == 404
        )
    their_milestone.refresh_from_db()
    assert their_milestone.done_at is None
    assert list(theirs.milestones.values_list("title", flat=True)) == ["Their step"]


def test_editing_another_persons_goal_by_changing_the_id_is_404(login, mentee, other_mentee):
    theirs = make_goal(other_mentee, title="Their goal")
    client = login(mentee)
    assert client.get(url("edit", mentee, theirs.pk)).status_code == 404
    response = client.post(
        url("edit", mentee, theirs.pk),
        {"title": "Changed", "category": "health", "target_date": ""},
    )
    assert response.status_code == 404
    for name, data in (
        ("detail", None),
        ("status", {"status": "let_go"}),
        ("visibility", {"private": "on"}),
        ("progress", {"manual_progress": "10"}),
    ):
        method = client.get if data is None else client.post
        assert method(url(name, mentee, theirs.pk), data or {}).status_code == 404, name
    theirs.refresh_from_db()
    assert (theirs.title, theirs.status, theirs.visibility, theirs.manual_progress) == (
        "Their goal",
        Goal.Status.ACTIVE,
        Visibility.SHARED,
        None,
    )


def test_own_goal_in_another_program_is_404_here(login, mentee, other_program):
    elsewhere = MembershipFactory(program=other_program, role=Role.MENTEE, user=mentee.user)
    goal = make_goal(elsewhere)
    assert login(mentee).get(url("detail", mentee, goal.pk)).status_code == 404


def test_no_500_for_malformed_input(login, mentee):
    goal = make_goal(mentee, milestones=["Step"])
    milestone = goal.milestones.get()
    client = login(mentee)
    token = new_goal_token(client, mentee)
    response = client.post(
        url("new", mentee),
        new_goal_data(token, target_date="31/31/2020", milestone_1_due="soon", title="x" * 500),
    )
    assert response.status_code == 200 and not Goal.objects.exclude(pk=goal.pk).exists()
    assert client.post(url("milestone_add", mentee, goal.pk), {"due_date": "x"}).status_code == 200
    assert (
        client.post(
            url("milestone_toggle", mentee, goal.pk, milestone.pk), {"done": "maybe"}
        ).status_code
        == 302
    )
    assert (
        client.post(url("progress", mentee, goal.pk), {"manual_progress": "-"}).status_code == 200
    )
    assert client.get(url("milestone_toggle", mentee, goal.pk, milestone.pk)).status_code == 405


# ACCESS


def test_current_mentor_sees_shared_goals_only(program, mentee, mentor):
    PairingFactory(mentee=mentee, mentor=mentor)
    shared = make_goal(mentee, title="Shared")
    private = make_goal(mentee, title="Private one", visibility=Visibility.PRIVATE)
    assert list(access.goals_visible_to(mentor)) == [shared]
    assert access.goal_get_for_member(membership=mentor, goal_id=shared.pk) == shared
    with pytest.raises(Http404):
        access.goal_get_for_member(membership=mentor, goal_id=private.pk)
    listed = goals_for(membership=mentee, viewer=mentor)
    assert [goal.title for goal in listed] == ["Shared"]


def test_mentor_writing_gets_permission_denied(program, mentee, mentor):
    PairingFactory(mentee=mentee, mentor=mentor)
    goal = make_goal(mentee, milestones=["Step"])
    with pytest.raises(PermissionDenied):
        access.goal_get_for_member(membership=mentor, goal_id=goal.pk, for_write=True)
    with pytest.raises(PermissionDenied):
        access.milestone_get_for_member(
            membership=mentor, milestone_id=goal.milestones.get().pk, for_write=True
        )


def test_former_mentor_and_unpaired_mentor_see_nothing(program, mentee, mentor, other_mentor):
    pairing = PairingFactory(mentee=mentee, mentor=mentor)
    goal = make_goal(mentee)
    assert not access.goals_visible_to(other_mentor).exists()
    pairing.status = "ended"
    pairing.save()
    with pytest.raises(Http404):
        access.goal_get_for_member(membership=mentor, goal_id=goal.pk)


def test_outsider_gets_404(mentee, outsider, login):
    goal = make_goal(mentee, milestones=["Step"])
    with pytest.raises(Http404):
        access.goal_get_for_member(membership=outsider, goal_id=goal.pk)
    with pytest.raises(Http404):
        access.milestone_get_for_member(membership=outsider, milestone_id=goal.milestones.get().pk)
    client = login(outsider)
    assert client.get(url("index", mentee)).status_code == 404
    assert client.get(url("detail", mentee, goal.pk)).status_code == 404


def test_mentor_and_coordinator_cannot_use_the_mentee_pages(
    program, mentee, mentor, coordinator, login, client
):
    PairingFactory(mentee=mentee, mentor=mentor)
    goal = make_goal(mentee)
    assert login(mentor).get(url("detail", mentee, goal.pk)).status_code == 403
    assert client.post(url("status", mentee, goal.pk), {"status": "let_go"}).status_code == 403
    assert login(coordinator).get(url("index", mentee)).status_code == 403
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACTIVE


def test_anonymous_is_sent_to_log_in(client, mentee):
    response = client.get(url("index", mentee))
    assert response.status_code == 302 and "login" in response["Location"]


# PERFORMANCE


def _index_queries(client, membership) -> int:
    client.get(url("index", membership))  # warm session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("index", membership))
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_goals(program, login, mentee, other_mentee):
    for number in range(2):
        make_goal(mentee, title=f"Goal {number}")
    for number in range(40):
        goal = make_goal(other_mentee, title=f"Goal {number}", milestones=["A", "B", "C"])
        services.milestone_set_done(milestone=goal.milestones.first(), done=True)
        if number % 4 == 0:
            services.goal_set_status(goal=goal, status=Goal.Status.PAUSED)
    few = _index_queries(login(mentee), mentee)
    many = _index_queries(login(other_mentee), other_mentee)
    assert few == many


def test_detail_query_count_does_not_grow_with_milestones(login, mentee, mentor):
    from mentoring.models import Encouragement

    small = make_goal(mentee, milestones=["A"])
    large = make_goal(mentee, milestones=[f"Step {n}" for n in range(20)])
    for _ in range(5):
        Encouragement.objects.create(mentee=mentee, author=mentor.user, goal=large, text="Yes")
    client = login(mentee)
    counts = []
    for goal in (small, large):
        client.get(url("detail", mentee, goal.pk))
        with CaptureQueriesContext(connection) as queries:
            client.get(url("detail", mentee, goal.pk))
        counts.append(len(queries))
    assert counts[0] == counts[1]
