"""The consent predicate of the access rules (mentoring/rules.py combines it with the others).

Predicates take the membership the `program_view` door resolved (not a user: a person holds a
different role in each program) and the record. Check them with `rules.has_perm(name,
membership, record)`, never `user.has_perm`, which lets an active superuser through."""

from __future__ import annotations

import rules

from accounts.models import Membership

from .selectors.consents import consents_valid_for


@rules.predicate
def has_consent(membership, record) -> bool:
    """A consent that holds now lets this membership read this record: the record's kind
    (`consent_category`; None for the journal) and its mentee (`consent_mentee_id`)."""
    if not isinstance(membership, Membership) or record is None:
        return False
    category = getattr(record, "consent_category", None)
    if category is None:
        return False
    return (
        consents_valid_for(recipient=membership, category=category)
        .filter(mentee_id=record.consent_mentee_id)
        .exists()
    )
