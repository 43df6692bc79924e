from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("People and programs")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from .sign_in import on_authenticator_added

        authenticator_added.connect(on_authenticator_added, dispatch_uid="accounts.mfa_added")
