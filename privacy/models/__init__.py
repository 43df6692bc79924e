from .consents import REVOCATION_STATEMENT, Category, Consent, Purpose, RecipientKind

__all__ = ["REVOCATION_STATEMENT", "Category", "Consent", "Purpose", "RecipientKind"]
