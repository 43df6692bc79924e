"""Writes of surveys (see each module's docstring)."""

from .exports import survey_export_record  # noqa: F401
from .questionnaires import (  # noqa: F401
    EXAMPLE_TITLE,
    ItemData,
    item_range_error,
    questionnaire_create_example,
    questionnaire_save,
    questionnaire_set_active,
)
from .reminders import surveys_due_remind  # noqa: F401
from .responses import response_submit  # noqa: F401
