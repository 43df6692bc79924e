"""Reads for matching, each page in a fixed number of queries, one module per topic.

Import from here: `from matching import selectors`. The doors: `pairing_get_for_user` (a
pairing), `mentee_get_for_mentor` (a mentee's records, only while currently paired),
`member_get_for_coordinator` and `round_get_for_coordinator` (the coordinator's own program).
"""

from .board import (  # noqa: F401
    LOAD_FILTERS,
    board_mentees,
    board_mentors,
    board_proposals,
    json_list_has,
    member_get_for_coordinator,
    mentor_get_for_request,
    mentors_with_load,
    waiting_mentees,
    with_days_waiting,
)
from .intake import (  # noqa: F401
    INTAKE_STATES,
    intake_completeness,
    intake_or_none,
    intake_rows,
    intake_search,
    member_intake_summary,
)
from .pairing import (  # noqa: F401
    home_pairing_state,
    mentee_get_for_mentor,
    pairing_current_with_mentee,
    pairing_get_for_user,
    pairing_history,
    pairing_visible_to,
    pairings_for_member,
)
from .pool import Pool, exclusion_mask, scoring_pool  # noqa: F401
from .rounds import members_by_id, round_get_for_coordinator, rounds_recent  # noqa: F401
from .suggestions import Suggestion, suggestions_for_mentee  # noqa: F401
