from django.apps import AppConfig


class MatchingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "matching"

    def ready(self):
        from accounts.signals import membership_closed
        from notifications.delivery import relevance_check_register

        from .services.membership_closed import on_membership_closed
        from .services.reminders import (
            waiting_proposal_still_relevant,
            waiting_proposals_still_relevant,
        )

        relevance_check_register(
            "pairing_waiting",
            waiting_proposal_still_relevant,
            many=waiting_proposals_still_relevant,
        )
        membership_closed.connect(on_membership_closed, dispatch_uid="matching-close-pairings")
