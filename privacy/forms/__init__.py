from .consents import ConsentForm

__all__ = ["ConsentForm"]
