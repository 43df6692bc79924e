from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("People and programs")

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401  (registers the system checks)
        from .sign_in import on_authenticator_added, on_user_logged_in

        authenticator_added.connect(on_authenticator_added, dispatch_uid="accounts.mfa_added")
        user_logged_in.connect(on_user_logged_in, dispatch_uid="accounts.activity_clock")

        from .dates import install_read_guard
        from .site import site_sync

        # After django.contrib.sites made its "example.com" default (sites is installed first).
        post_migrate.connect(site_sync, sender=self, dispatch_uid="accounts.site_sync")

        # Dates Python can't convert, stored before the bounds or by raw SQL, read as clamped.
        connection_created.connect(install_read_guard, dispatch_uid="accounts.dates.read_guard")
