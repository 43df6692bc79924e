"""Accounts' forms, one module per topic: `from accounts.forms import ProfileForm` works
(settings name `accounts.forms.SignupProfileForm` for allauth's sign-up)."""

from .enrollment import EnrollmentForm  # noqa: F401
from .invitations import BulkInviteForm, InvitationForm  # noqa: F401
from .listing import InvitationFilterForm, MemberFilterForm  # noqa: F401
from .memberships import (  # noqa: F401
    MembershipRoleForm,
    MembershipStatusForm,
    PrivacyAcknowledgeForm,
)
from .people import ProfileForm, SignupProfileForm  # noqa: F401
from .program_settings import (  # noqa: F401
    CrisisResourceFormSet,
    OtherCrisisLinesForm,
    PrivacyNoticeForm,
    ProgramSettingsForm,
)
from .time_zones import TimeZoneField  # noqa: F401
