"""Matching's models, one module per topic: `from matching.models import Pairing` works."""

from .intake import (  # noqa: F401
    AVAILABILITY_SLOTS,
    DAY_PARTS,
    DAYS,
    INDUSTRIES,
    INTAKE_FIELDS,
    LANGUAGES,
    MENTOR_FIELDS,
    SCORING_FIELDS,
    FocusArea,
    Gender,
    GenderPreference,
    Intake,
    MeetingFormat,
    Pathway,
    scoring_intake,
)
from .pairing import Pairing, PairingFeedback  # noqa: F401
from .rounds import MatchingRound  # noqa: F401
from .settings import (  # noqa: F401
    CRITERION_LABELS,
    HARD_CONSTRAINT_CHOICES,
    DoNotPair,
    MatchingSettings,
    default_weights,
)
