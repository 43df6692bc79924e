"""The person's account, programs, intake answers and pairings (of the other person, the
display name only)."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import Membership, User
from matching.models import Intake, Pairing, PairingFeedback

from .rows import Row, plain, rows_of


def account(user: User, memberships: list[Membership]) -> list[Row]:
    profile = user.profile
    return [
        {
            "email": user.email,
            "date_joined": plain(user.date_joined),
            "last_login": plain(user.last_login),
            "display_name": profile.display_name,
            "pronouns": profile.pronouns,
            "time_zone": profile.time_zone,
            "preferred_language": profile.preferred_language,
            "email_reminders": profile.email_reminders,
            "email_updates": profile.email_updates,
        }
    ]


def memberships(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        Membership.objects.filter(user=user),
        program="program__name",
        role="role",
        status="status",
        joined_at="joined_at",
        left_at="left_at",
        privacy_notice_version="privacy_notice_version",
        privacy_acknowledged_at="privacy_acknowledged_at",
    )


def intake(user: User, memberships: list[Membership]) -> list[Row]:
    fields = {
        name: name
        for name in (
            "focus_areas",
            "pathways",
            "languages",
            "availability",
            "formats",
            "region",
            "time_zone",
            "gender",
            "gender_preference",
            "interests",
            "bio",
            "lived_experience",
            "years_in_recovery",
            "professional_background",
            "industries",
            "capacity",
            "paused",
            "submitted_at",
        )
    }
    return rows_of(
        Intake.objects.filter(membership__in=memberships),
        program="membership__program__name",
        **fields,
    )


def pairings(user: User, memberships: list[Membership]) -> list[Row]:
    rows = []
    queryset = (
        Pairing.objects.filter(Q(mentee__in=memberships) | Q(mentor__in=memberships))
        .select_related("program", "mentee__user__profile", "mentor__user__profile")
        .order_by("pk")
    )
    for pairing in queryset:
        i_am_mentee = pairing.mentee.user_id == user.pk
        other = pairing.mentor if i_am_mentee else pairing.mentee
        rows.append(
            {
                "id": pairing.pk,
                "program": pairing.program.name,
                "my_role": "mentee" if i_am_mentee else "mentor",
                "other_person": other.user.display_name,
                "status": pairing.status,
                "proposed_at": plain(pairing.proposed_at),
                "activated_at": plain(pairing.activated_at),
                "closed_at": plain(pairing.closed_at),
            }
        )
    return rows


def pairing_feedback(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        PairingFeedback.objects.filter(author=user),
        pairing="pairing_id",
        rating="rating",
        comment="comment",
        created_at="created_at",
    )
