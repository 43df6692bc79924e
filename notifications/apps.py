from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from .sign_in_alerts import on_user_login_failed

        user_login_failed.connect(on_user_login_failed, dispatch_uid="notifications.sign_in_alerts")
