from django.apps import AppConfig


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mentoring"

    def ready(self):
        from matching.signals import pairing_ended

        from .services.meetings import cancel_planned_meetings

        pairing_ended.connect(cancel_planned_meetings, dispatch_uid="mentoring-cancel-meetings")
