"""Accounts' models, one module per topic: `from accounts.models import Membership` works."""

from .invitations import Invitation  # noqa: F401
from .memberships import Membership, Role  # noqa: F401
from .people import Profile, User, UserManager, time_zone_choices, validate_time_zone  # noqa: F401
from .program_settings import CrisisResource, ProgramChange  # noqa: F401
from .programs import (  # noqa: F401
    DEFAULT_CRISIS_CONTACTS,
    DEFAULT_CRISIS_RESOURCES,
    DEFAULT_PRIVACY_NOTICE,
    Program,
    default_invitation_valid_days,
    new_token,
)
from .submissions import FormSubmission  # noqa: F401
