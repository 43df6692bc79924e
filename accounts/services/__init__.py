"""Business actions for people, programs, memberships and invitations, one module per topic.

Import from here: `from accounts import services`.
"""

from .enrollment import enrollment_join  # noqa: F401
from .invitations import (  # noqa: F401
    INVITATION_SALT,
    InvitationInvalid,
    invitation_accept,
    invitation_accept_url,
    invitation_create,
    invitation_from_token,
    invitation_resend,
    invitation_revoke,
    invitation_send_email,
    invitation_token,
)
from .invitations_bulk import LineResult, invitations_bulk_create  # noqa: F401
from .memberships import (  # noqa: F401
    membership_acknowledge_privacy,
    membership_add,
    membership_change_role,
    membership_leave,
    membership_set_status,
)
from .people import profile_update  # noqa: F401
from .program_settings import (  # noqa: F401
    crisis_number_clean,
    crisis_resources_replace,
    privacy_notice_update,
    program_settings_update,
)
from .programs import program_create, program_update_enrollment  # noqa: F401
from .submissions import (  # noqa: F401
    DUPLICATE_SUBMISSION,
    form_submission_claim,
    new_submission_key,
)
