"""Reads of surveys (see each module's docstring)."""

from .due import (  # noqa: F401
    INTAKE_KEY,
    DueSurvey,
    end_key,
    interval_key,
    surveys_due_for,
    surveys_due_for_many,
)
from .exports import HEADER, answer_rows, person_pseudonym  # noqa: F401
from .outcomes import (  # noqa: F401
    MIN_GROUP,
    Outcomes,
    ProgramOutcome,
    program_outcomes,
    questionnaire_outcomes,
)
from .questionnaires import questionnaire_is_answered, questionnaire_list  # noqa: F401
from .scores import Score, response_scores  # noqa: F401
