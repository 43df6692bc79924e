from .answers import AnswerForm  # noqa: F401
from .questionnaires import (  # noqa: F401
    ITEMS_PREFIX,
    ItemForm,
    ItemFormSet,
    QuestionnaireForm,
)
