"""Starter goals a mentee can pick to prefill the new-goal form, across SAMHSA's four
dimensions of recovery (health, home, purpose, community) plus career and education.
Everything in them can be changed before saving."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import GoalCategory


@dataclass(frozen=True)
class GoalTemplate:
    key: str
    title: str
    category: str
    why: str
    measure: str
    milestones: tuple[str, ...]

    @property
    def category_label(self) -> str:
        return GoalCategory(self.category).label


GOAL_TEMPLATES: tuple[GoalTemplate, ...] = (
    GoalTemplate(
        key="recovery-meetings",
        title=_("Attend 3 recovery meetings a week"),
        category=GoalCategory.COMMUNITY,
        why=_("Meetings keep me connected to people who understand."),
        measure=_("3 meetings a week, 4 weeks in a row"),
        milestones=(
            _("Find 3 meetings that fit my week"),
            _("Go to my first meeting"),
            _("Attend 3 meetings in one week"),
            _("Keep it up for 4 weeks"),
        ),
    ),
    GoalTemplate(
        key="morning-routine",
        title=_("A morning routine"),
        category=GoalCategory.HEALTH,
        why=_("A steady start makes the rest of the day easier."),
        measure=_("My routine on 5 mornings a week for a month"),
        milestones=(
            _("Write down my routine (wake time, breakfast, one calm activity)"),
            _("Follow it for 3 days"),
            _("Follow it on 5 mornings in one week"),
            _("Keep it up for a month"),
        ),
    ),
    GoalTemplate(
        key="update-cv",
        title=_("Update my CV"),
        category=GoalCategory.CAREER,
        why=_("A current CV lets me apply when the right job comes up."),
        measure=_("An up-to-date CV that someone I trust has read"),
        milestones=(
            _("List my jobs, volunteering and skills"),
            _("Write a first draft"),
            _("Ask my mentor or a job coach for feedback"),
            _("Finish the CV and save a copy I can send"),
        ),
    ),
    GoalTemplate(
        key="reconnect-family",
        title=_("Reconnect with family"),
        category=GoalCategory.COMMUNITY,
        why=_("The people I love matter to me and to my recovery."),
        measure=_("Regular contact with one family member I choose"),
        milestones=(
            _("Decide who I'd like to reach out to"),
            _("Talk it through with my mentor"),
            _("Send a first message or make a call"),
            _("Plan a visit or a regular call"),
        ),
    ),
    GoalTemplate(
        key="stable-housing",
        title=_("Find a stable place to live"),
        category=GoalCategory.HOME,
        why=_("A safe, stable home gives me a base for everything else."),
        measure=_("A signed lease or a confirmed place in recovery housing"),
        milestones=(
            _("Work out what I can afford each month"),
            _("Gather my ID and documents"),
            _("Apply to at least 3 places"),
            _("Move in"),
        ),
    ),
    GoalTemplate(
        key="volunteer",
        title=_("Volunteer in my community"),
        category=GoalCategory.PURPOSE,
        why=_("Giving back helps me feel useful and connected."),
        measure=_("2 hours of volunteering a week for a month"),
        milestones=(
            _("Pick a cause I care about"),
            _("Contact one organization"),
            _("Do my first volunteer shift"),
        ),
    ),
    GoalTemplate(
        key="course",
        title=_("Finish a course or class"),
        category=GoalCategory.EDUCATION,
        why=_("Learning something new opens doors and builds confidence."),
        measure=_("A completed course or certificate"),
        milestones=(
            _("Choose a course (GED, college, trade or online)"),
            _("Enrol"),
            _("Reach the halfway point"),
            _("Complete the course"),
        ),
    ),
)

TEMPLATES_BY_KEY = {template.key: template for template in GOAL_TEMPLATES}


def goal_template_get(key: str | None) -> GoalTemplate | None:
    return TEMPLATES_BY_KEY.get(key or "")
