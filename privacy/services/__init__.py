"""Writes for consents: `from privacy import services`."""

from .consents import consent_grant, consent_revoke, signature_matches

__all__ = ["consent_grant", "consent_revoke", "signature_matches"]
