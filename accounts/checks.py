"""System checks of the settings this app owns."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security, deploy=True)
def check_field_encryption_keys_set(app_configs, **kwargs):
    """Production must bring its own keys: the development key derives from SECRET_KEY."""
    if settings.FIELD_ENCRYPTION_KEYS or settings.FIELD_ENCRYPTION_KEY_FROM_SECRET_KEY:
        return []
    return [
        checks.Error(
            "FIELD_ENCRYPTION_KEYS is not set: private text (journal, notes, messages) "
            "cannot be stored.",
            hint="Set FIELD_ENCRYPTION_KEYS to one or more Fernet keys, comma-separated "
            "(.env.example says how to generate one). Keep them apart from database backups.",
            id="accounts.E010",
        )
    ]


@checks.register(checks.Tags.security)
def check_field_encryption_keys_valid(app_configs, **kwargs):
    from .crypto import _fernets

    keys = tuple(key.strip() for key in settings.FIELD_ENCRYPTION_KEYS if key.strip())
    if not keys:
        return []
    try:
        _fernets(keys)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="accounts.E011")]
    return []
