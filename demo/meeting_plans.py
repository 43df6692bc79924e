"""The meetings each demo pair has held so far: when (weeks ago), how, what about, the
mentor's log and the action items. `story.meetings_seed` logs them through the services."""

from __future__ import annotations

from matching.models import MeetingFormat
from mentoring.models import ContactType

MENTEE1_MEETINGS = [
    dict(
        days_ago=54,
        type=ContactType.GOAL_PLANNING,
        topics=["getting to know each other", "goals"],
        narrative="First meeting at the coffee shop near Jordan's work. Talked about what "
        "Jordan wants from the program: steady meetings and a better job. Set two goals together.",
        next=[
            ("Find two recovery meetings near work", "mentee", True),
            ("Send Jordan the list of evening meetings", "mentor", True),
        ],
    ),
    dict(
        days_ago=47,
        type=ContactType.CHECK_IN,
        topics=["routines", "sleep"],
        narrative="Jordan went to three meetings this week. We talked about mornings and sleep; "
        "Jordan wants to try a morning walk.",
        next=[("Try a morning walk three days this week", "mentee", True)],
    ),
    dict(
        days_ago=40,
        hour=19,
        type=ContactType.COMMUNITY,
        topics=["recovery meeting"],
        narrative="Went together to the Thursday evening meeting in Dorchester. Jordan shared "
        "for the first time.",
    ),
    dict(
        days_ago=33,
        missed=True,
        narrative="Jordan did not come and was not answering texts. Left a voicemail and "
        "will call tomorrow.",
    ),
    dict(
        days_ago=32,
        hour=12,
        minutes=30,
        setting=MeetingFormat.PHONE,
        type=ContactType.RECOVERY_SUPPORT,
        topics=["hard week", "work", "support plan"],
        narrative="Phone call. Jordan lost shifts at work and is having a hard week. Went "
        "through who to call and what to do in the evenings. Agreed to talk every day this week.",
        next=[
            ("Short daily call with Marcus until Sunday", "mentee", True),
            ("Share the program's list of job resources", "mentor", True),
        ],
    ),
    dict(
        days_ago=25,
        type=ContactType.CHECK_IN,
        topics=["hard week", "what helped"],
        narrative="The week is behind Jordan. Talked about what helped: the daily calls, "
        "meetings, dinner at his sister's. Jordan feels steadier.",
    ),
    dict(
        days_ago=18,
        type=ContactType.CAREER,
        topics=["CV", "job search"],
        narrative="Worked on Jordan's CV together: listed jobs and skills from the last "
        "ten years. Jordan wants to apply for a warehouse lead role.",
        next=[
            ("Finish the CV draft", "mentee", True),
            ("Ask a friend at the union hall about openings", "mentor", False),
        ],
    ),
    dict(
        days_ago=11,
        type=ContactType.RESOURCE_LINKAGE,
        topics=["job search", "housing"],
        narrative="Looked at the job fair on the events page and the county's rental help. "
        "Jordan will apply to two jobs.",
        next=[
            ("Apply to two jobs", "mentee", False),
            ("Go to the job fair together", "mentee", False),
        ],
    ),
    dict(
        days_ago=4,
        setting=MeetingFormat.PHONE,
        minutes=45,
        type=ContactType.CHECK_IN,
        topics=["good month", "family"],
        narrative="Good month: meetings every week, walks most mornings. Some tension with his "
        "brother; talked about how to step away when it gets heated.",
    ),
]
MENTEE2_MEETINGS = [
    dict(
        days_ago=19,
        setting=MeetingFormat.PHONE,
        type=ContactType.GOAL_PLANNING,
        topics=["getting to know each other", "housing"],
        narrative="First call. Alex is looking for a steadier place to live and wants to "
        "meet more people in recovery.",
        next=[("Call the housing line at the community center", "mentee", True)],
    ),
    dict(
        days_ago=12,
        setting=MeetingFormat.PHONE,
        type=ContactType.RESOURCE_LINKAGE,
        topics=["housing", "community"],
        narrative="Alex has an appointment with the housing office. Talked about the SMART "
        "group on Saturdays.",
        next=[("Try the Saturday SMART meeting", "mentee", False)],
    ),
    dict(
        days_ago=5,
        setting=MeetingFormat.PHONE,
        minutes=40,
        type=ContactType.CHECK_IN,
        topics=["housing"],
        narrative="Housing appointment went well; waiting for an answer. Alex sounded hopeful.",
    ),
]
MENTEE3_MEETINGS = [
    dict(
        days_ago=33,
        hour=9,
        setting=MeetingFormat.VIDEO,
        type=ContactType.GOAL_PLANNING,
        topics=["getting to know each other", "stress"],
        narrative="First video call. Priya wants tools for stress at work and more time for "
        "herself.",
        next=[("Try the breathing exercise before work", "mentee", True)],
    ),
    dict(
        days_ago=19,
        hour=9,
        setting=MeetingFormat.VIDEO,
        type=ContactType.CHECK_IN,
        topics=["stress", "yoga"],
        narrative="Priya found a yoga class she likes. Work is still busy.",
        next=[("Sign up for the Saturday wellness workshop", "mentee", False)],
    ),
    dict(
        days_ago=5,
        hour=9,
        setting=MeetingFormat.VIDEO,
        type=ContactType.CHECK_IN,
        topics=["relationships"],
        narrative="Talked about setting limits with a friend. Priya feels good about the month.",
    ),
]
MEETINGS = {
    "mentee1@example.org": MENTEE1_MEETINGS,
    "mentee2@example.org": MENTEE2_MEETINGS,
    "mentee3@example.org": MENTEE3_MEETINGS,
}
