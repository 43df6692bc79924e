"""Who may see and change a mentee's records, as `rules` predicates and permissions. The one
definition mentoring/access.py checks for every record it opens (`*_get_for_member`); its
`*_visible_to` list filters say the same in SQL, and tests/mentoring/test_rules_agreement.py
enumerates records and people to show the two agree.

- mentee_owns: the record is the person's own (in this program).
- is_current_mentor: the person mentors the record's mentee now (active or paused pairing).
- has_consent (privacy.rules): a consent that holds now names the person, for this kind.
- is_program_coordinator (accounts.rules): a coordinator of the record's program.

Check with `rules.has_perm("mentoring.view_checkin", membership, checkin)`."""

from __future__ import annotations

import rules

from accounts.models import Membership, Role
from accounts.rules import in_program, is_program_coordinator, membership_predicate
from matching.models import Pairing
from privacy.rules import has_consent

from .models import Milestone, RecoverySettings, Visibility


@membership_predicate
def mentee_owns(membership: Membership, record) -> bool:
    return record.consent_mentee_id == membership.pk


@membership_predicate
def is_shared(membership: Membership, record) -> bool:
    """Marked "shared with my mentor" (a milestone follows its goal)."""
    owner = record.goal if isinstance(record, Milestone) else record
    return owner.visibility == Visibility.SHARED


@membership_predicate
def is_current_mentor(membership: Membership, record) -> bool:
    return (
        membership.role == Role.MENTOR
        and Pairing.objects.filter(
            mentor=membership, mentee_id=record.consent_mentee_id, status__in=Pairing.CURRENT
        ).exists()
    )


@membership_predicate
def shares_recovery_with_mentor(membership: Membership, period) -> bool:
    """The mentee chose to show their recovery time to their mentor (Recovery page)."""
    return RecoverySettings.objects.filter(
        membership_id=period.consent_mentee_id, share_with_mentor=True
    ).exists()


@membership_predicate
def is_meeting_participant(membership: Membership, meeting) -> bool:
    """The mentee of the meeting's pairing (for good), or its mentor while it is current."""
    pairing = meeting.pairing
    if membership.role == Role.MENTEE:
        return pairing.mentee_id == membership.pk
    return (
        membership.role == Role.MENTOR
        and pairing.mentor_id == membership.pk
        and pairing.status in Pairing.CURRENT
    )


@membership_predicate
def is_assignee(membership: Membership, item) -> bool:
    return item.assignee_id == membership.pk


@membership_predicate
def is_strategy_author(membership: Membership, strategy) -> bool:
    return strategy.author_id == membership.user_id


@membership_predicate
def is_live_strategy(membership: Membership, strategy) -> bool:
    return strategy.archived_at is None


@membership_predicate
def in_library(membership: Membership, strategy) -> bool:
    return strategy.in_library


@membership_predicate
def in_toolkit(membership: Membership, strategy) -> bool:
    return membership.role == Role.MENTEE and strategy.shares.filter(mentee=membership).exists()


@membership_predicate
def is_mentee(membership: Membership, record) -> bool:
    return membership.role == Role.MENTEE


# A mentee's own records; the shared ones for their current mentor; the shared ones for whom
# a valid consent names (coordinators or one member). Only the mentee writes.
SHARED_RECORD = mentee_owns | (is_shared & (is_current_mentor | has_consent))
for model_name in ("goal", "milestone", "habit", "checkin"):
    rules.add_perm(f"mentoring.view_{model_name}", SHARED_RECORD)
    rules.add_perm(f"mentoring.change_{model_name}", mentee_owns)

# The journal: its author, nobody else, ever (no consent covers it).
rules.add_perm("mentoring.view_journalentry", mentee_owns)
rules.add_perm("mentoring.change_journalentry", mentee_owns)

# Recovery periods: their person; their current mentor when the mentee chose to share their
# recovery time; whom a consent names. The private note of a period is never shown to anyone
# but its person, whatever the rule (the pages leave it out).
rules.add_perm(
    "mentoring.view_recoveryperiod",
    mentee_owns | (is_current_mentor & shares_recovery_with_mentor) | has_consent,
)

# Meetings: both people of the pairing (the mentor while it is current) answer and read; a
# consent lets its recipient read.
rules.add_perm("mentoring.view_meeting", is_meeting_participant | has_consent)
rules.add_perm("mentoring.change_meeting", is_meeting_participant)

rules.add_perm("mentoring.change_actionitem", is_assignee)

# Strategies: coordinators curate all of the program's; mentors see the library and their
# own; mentees their toolkit. Their author or a coordinator changes one.
rules.add_perm(
    "mentoring.view_strategy",
    in_program
    & is_live_strategy
    & (
        is_program_coordinator
        | (is_mentee & in_toolkit)
        | (~is_mentee & (in_library | is_strategy_author))
    ),
)
rules.add_perm(
    "mentoring.change_strategy",
    in_program & is_live_strategy & (is_strategy_author | is_program_coordinator),
)

rules.add_perm("mentoring.view_event", in_program)

# A mentee's own strategies: theirs; their current mentor's while marked shared. No consent
# covers them and coordinators never see them. Only the mentee writes.
rules.add_perm("mentoring.view_personalstrategy", mentee_owns | (is_shared & is_current_mentor))
rules.add_perm("mentoring.change_personalstrategy", mentee_owns)


@membership_predicate
def wrote_it(membership: Membership, note) -> bool:
    return note.author_id == membership.user_id


# Encouragement: the mentee it was written to, for good (a note from an ended pairing stays
# theirs); its author while they are still that mentee's mentor. Nobody changes one.
rules.add_perm("mentoring.view_encouragement", mentee_owns | (wrote_it & is_current_mentor))
