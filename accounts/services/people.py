"""Profiles: what a person tells the program about themselves."""

from __future__ import annotations

from django.db import transaction

from ..models import Profile, User


@transaction.atomic
def profile_update(*, user: User, **fields) -> Profile:
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    allowed = {
        "display_name",
        "pronouns",
        "time_zone",
        "preferred_language",
        "email_reminders",
        "email_updates",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile
