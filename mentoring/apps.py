from django.apps import AppConfig


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mentoring"

    def ready(self):
        from accounts.signals import membership_closed
        from audit.fieldlog import track
        from matching.signals import pairing_ended
        from notifications.delivery import relevance_check_register
        from privacy.relations import current_mentors_register

        from . import models
        from .selectors.shared import current_mentors_of
        from .services.feeds import revoke_feed_on_membership_closed
        from .services.meetings import cancel_planned_meetings
        from .services.reminder_checks import RELEVANCE_CHECKS

        pairing_ended.connect(cancel_planned_meetings, dispatch_uid="mentoring-cancel-meetings")
        membership_closed.connect(
            revoke_feed_on_membership_closed, dispatch_uid="mentoring-revoke-feed"
        )
        for kind, (check, many) in RELEVANCE_CHECKS.items():
            relevance_check_register(kind, check, many=many)
        current_mentors_register(current_mentors_of)
        # Field history (django-auditlog) of what pairs record; `track` leaves out every
        # free-text field, so no one's words are copied into the history.
        for model in (
            models.Goal,
            models.Milestone,
            models.Habit,
            models.HabitLog,
            models.CheckIn,
            models.JournalEntry,
            models.RecoverySettings,
            models.RecoveryPeriod,
            models.Meeting,
            models.ActionItem,
            models.Strategy,
            models.StrategyShare,
            models.PersonalStrategy,
            models.Encouragement,
        ):
            track(model)
