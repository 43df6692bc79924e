"""Audit rows in plain words: "Your mentor Ana viewed your check-ins"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership, Role

from .models import Action, AuditEvent

# What a record type is called, seen by the person whose records they are.
YOUR_RECORDS = {
    "goal": gettext_lazy("your goals"),
    "milestone": gettext_lazy("your goal milestones"),
    "checkin": gettext_lazy("your check-ins"),
    "habit": gettext_lazy("your habits"),
    "journalentry": gettext_lazy("your journal"),
    "recoveryperiod": gettext_lazy("your recovery time"),
    "recoverysettings": gettext_lazy("your recovery settings"),
    "meeting": gettext_lazy("a meeting's notes"),
    "actionitem": gettext_lazy("your action items"),
    "strategyshare": gettext_lazy("your toolkit"),
    "personalstrategy": gettext_lazy("your own strategies"),
    "encouragement": gettext_lazy("your encouragements"),
    "shared_records": gettext_lazy("what you share"),
    "intake": gettext_lazy("your intake answers"),
    "mentee_summary": gettext_lazy("your progress summary"),
    "member_summary": gettext_lazy("your member page (dates and counts)"),
    "attention": gettext_lazy("your progress figures (the attention list)"),
    "export_members": gettext_lazy("the program's member list"),
    "export_pairings": gettext_lazy("the program's pairings"),
    "export_meetings": gettext_lazy("the program's meeting records, yours included"),
    "export_funder": gettext_lazy("the program's funder report (counts only)"),
    "export_surveys": gettext_lazy("the program's survey answers, yours included"),
}


def person_name(user) -> str:
    if user is None:
        return _("someone whose account no longer exists")
    return user.display_name


def who(event: AuditEvent, *, subject: Membership | None = None) -> str:
    """The actor with their role, as the subject would say it."""
    if event.actor_user_id is None:
        return _("PeerPath (automatic)")
    name = person_name(event.actor_user)
    role = event.actor_membership.role if event.actor_membership else None
    if role == Role.MENTOR:
        return (
            _("Your mentor %(name)s") % {"name": name}
            if subject
            else _("Mentor %(name)s") % {"name": name}
        )
    if role == Role.COORDINATOR:
        return _("Coordinator %(name)s") % {"name": name}
    if role == Role.MENTEE:
        return _("Mentee %(name)s") % {"name": name}
    return name


def what(event: AuditEvent) -> str:
    return str(YOUR_RECORDS.get(event.record_type, _("your records")))


def sentence(event: AuditEvent, *, subject: Membership) -> str:
    """One line of a person's access history."""
    params = {"who": who(event, subject=subject), "what": what(event)}
    if event.action == Action.EXPORT:
        return _("%(who)s exported %(what)s") % params
    return _("%(who)s viewed %(what)s") % params


def record_label(event: AuditEvent) -> str:
    """The record as the coordinator's trail names it: its kind and number, no content."""
    if not event.record_type:
        return ""
    if event.record_id is None:
        return event.record_type
    return f"{event.record_type} #{event.record_id}"
