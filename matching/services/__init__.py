"""Business actions for matching. Import from here: `from matching import services`."""

from .intake import intake_for, intake_save  # noqa: F401
from .pairing import (  # noqa: F401
    pairing_accept,
    pairing_decline,
    pairing_end,
    pairing_pause,
    pairing_resume,
    pairing_withdraw,
    pairings_expire,
)
from .proposals import pairing_propose, pairing_request  # noqa: F401
from .reminders import waiting_proposals_remind  # noqa: F401
from .rounds import (  # noqa: F401
    round_compute,
    round_confirm,
    round_discard,
    round_remove_pair,
    round_start,
)
from .settings import (  # noqa: F401
    do_not_pair_add,
    do_not_pair_remove,
    matching_settings_for,
    matching_settings_update,
)
