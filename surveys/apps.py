from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from notifications.delivery import relevance_check_register

        from .services.reminders import KIND, survey_still_due, surveys_still_due

        relevance_check_register(KIND, survey_still_due, many=surveys_still_due)
