"""Reads for accounts and programs, one module per topic: `from accounts import selectors`.

Every program page enters through `membership_get_for_user` (in `memberships`): the one
door that decides who may see a program.
"""

from .crisis import Contact, CrisisHelp, crisis_help_for, program_changes  # noqa: F401
from .health import database_responds  # noqa: F401
from .invitations import (  # noqa: F401
    INVITATION_STATES,
    invitation_get_for_coordinator,
    invitation_state_counts,
    invitations_open_for_user,
    invitations_pending,
    invitations_search,
)
from .memberships import (  # noqa: F401
    ACTIVE_STATUSES,
    member_get_for_coordinator,
    members_search,
    membership_get_for_user,
    memberships_for_user,
    name_or_email,
    program_members,
)
from .people import (  # noqa: F401
    MfaStep,
    coordinator_idle_minutes,
    coordinator_mfa_step,
    coordinator_needs_mfa,
    session_completed_mfa,
    user_has_mfa,
)
from .programs import (  # noqa: F401
    home_overview,
    program_get_for_enrollment,
    program_member_counts,
)
