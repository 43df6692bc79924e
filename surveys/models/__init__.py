from .questionnaires import (  # noqa: F401
    CUSTOM_RANGE_LIMITS,
    CUSTOM_RANGE_MAX_POINTS,
    FREE_TEXT_MAX_LENGTH,
    ITEM_TEXT_MAX_LENGTH,
    SCALE_RANGES,
    Item,
    Questionnaire,
    Scale,
)
from .responses import Answer, Response, SurveyExport  # noqa: F401
