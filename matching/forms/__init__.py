"""Matching's forms, one module per topic: `from matching.forms import IntakeForm` works."""

from .board import BoardFilterForm, IntakeFilterForm  # noqa: F401
from .intake import AVAILABILITY_CHOICES, IntakeForm  # noqa: F401
from .pairing import EndPairingForm, ReasonForm  # noqa: F401
from .rounds import RoundForm, RoundRemoveForm  # noqa: F401
from .settings import MatchingSettingsForm  # noqa: F401
from .suggestions import DoNotPairForm, ProposeForm  # noqa: F401
