"""Reads for consents: `from privacy import selectors`."""

from .consents import (
    consent_recipients_offerable,
    consenting_mentee_ids,
    consents_for_mentee,
    consents_valid_for,
    program_today,
    valid_q,
)

__all__ = [
    "consent_recipients_offerable",
    "consenting_mentee_ids",
    "consents_for_mentee",
    "consents_valid_for",
    "program_today",
    "valid_q",
]
