"""The Django admin of accounts, and the rules every PeerPath admin follows (`records`):
matching and mentoring build their admins on `RecordAdmin`."""

from . import (
    people,  # noqa: F401  (registers the models)
    program_settings,  # noqa: F401,E402
)
from .records import (  # noqa: F401
    ReadOnlyInline,
    RecordAdmin,
    RecordRef,
    deleted_records,
    reaches_free_text,
    record_label,
)
