"""Defining questionnaires: their settings and items, switching them on and off, and the
short generic example PeerPath ships.

Items change only until someone has answered: after that, a change would make earlier and
later answers mean different things (copy the questionnaire instead)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import Program, User

from ..models import (
    CUSTOM_RANGE_LIMITS,
    CUSTOM_RANGE_MAX_POINTS,
    ITEM_TEXT_MAX_LENGTH,
    SCALE_RANGES,
    Item,
    Questionnaire,
    Scale,
)
from .references import check_references_now

MAX_ITEMS = 60
ANSWERED = gettext_lazy(
    "People have already answered this questionnaire, so its questions can no longer change. "
    "Create a new questionnaire instead."
)
INTERVAL_DAYS = (7, 365)


@dataclass(frozen=True)
class ItemData:
    text: str
    scale: str
    reverse_scored: bool = False
    subscale: str = ""
    min_value: int | None = None  # custom ranges only
    max_value: int | None = None


def item_range_error(item: ItemData) -> str | None:
    """What is wrong with an item's scale, or None. Shared with the item form."""
    if item.scale == Scale.FREE_TEXT:
        return (
            _("A free-text question is not scored: it cannot be reverse-scored.")
            if (item.reverse_scored)
            else None
        )
    if item.scale != Scale.CUSTOM:
        return None
    low, high = CUSTOM_RANGE_LIMITS
    if item.min_value is None or item.max_value is None:
        return _("Give the lowest and the highest number of the scale.")
    if item.min_value >= item.max_value:
        return _("The lowest number must be smaller than the highest.")
    if item.min_value < low or item.max_value > high:
        return _("Use numbers from %(low)s to %(high)s.") % {"low": low, "high": high}
    if item.max_value - item.min_value + 1 > CUSTOM_RANGE_MAX_POINTS:
        return _("A scale can have at most %(count)s points.") % {"count": CUSTOM_RANGE_MAX_POINTS}
    return None


def _check(*, title: str, due: str, every_days: int | None, audience: str, items) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the questionnaire a title.")]
    if due not in Questionnaire.Due.values:
        errors["due"] = [_("Choose when it is due.")]
    elif due == Questionnaire.Due.INTERVAL and not (
        every_days is not None and INTERVAL_DAYS[0] <= every_days <= INTERVAL_DAYS[1]
    ):
        errors["every_days"] = [
            _("Give a number of days from %(low)s to %(high)s.")
            % {"low": INTERVAL_DAYS[0], "high": INTERVAL_DAYS[1]}
        ]
    if audience not in Questionnaire.Audience.values:
        errors["audience"] = [_("Choose who answers.")]
    if items is not None:
        if not items:
            errors.setdefault("__all__", []).append(_("Add at least one question."))
        if len(items) > MAX_ITEMS:
            errors.setdefault("__all__", []).append(
                _("A questionnaire can have at most %(count)s questions.") % {"count": MAX_ITEMS}
            )
        for number, item in enumerate(items, start=1):
            problem = None
            if not item.text.strip():
                problem = _("Write the question.")
            elif len(item.text) > ITEM_TEXT_MAX_LENGTH:
                problem = _("A question can have at most %(count)s characters.") % {
                    "count": ITEM_TEXT_MAX_LENGTH
                }
            elif item.scale not in Scale.values:
                problem = _("Choose how it is answered.")
            else:
                problem = item_range_error(item)
            if problem:
                errors.setdefault("__all__", []).append(
                    _("Question %(number)s: %(problem)s") % {"number": number, "problem": problem}
                )
    if errors:
        raise ValidationError(errors)


def _item_rows(questionnaire: Questionnaire, items: list[ItemData]) -> list[Item]:
    rows = []
    for position, item in enumerate(items, start=1):
        low, high = SCALE_RANGES.get(item.scale, (item.min_value, item.max_value))
        scored = item.scale != Scale.FREE_TEXT
        rows.append(
            Item(
                questionnaire=questionnaire,
                position=position,
                text=item.text.strip(),
                scale=item.scale,
                min_value=low if scored else None,
                max_value=high if scored else None,
                reverse_scored=item.reverse_scored and scored,
                subscale=item.subscale.strip() if scored else "",
            )
        )
    return rows


@transaction.atomic
def questionnaire_save(
    *,
    program: Program,
    by: User,
    title: str,
    intro: str,
    due: str,
    every_days: int | None,
    audience: str,
    items: list[ItemData] | None,
    questionnaire: Questionnaire | None = None,
) -> Questionnaire:
    """Create a questionnaire (inactive until switched on) or change one. `items=None` keeps
    the items as they are; a list replaces them, which is refused once anyone has answered."""
    _check(title=title, due=due, every_days=every_days, audience=audience, items=items)
    if due != Questionnaire.Due.INTERVAL:
        every_days = None
    if questionnaire is None:
        if items is None:
            raise ValidationError(_("Add at least one question."))
        questionnaire = Questionnaire(program=program, created_by=by)
    else:
        questionnaire = Questionnaire.objects.select_for_update().get(
            pk=questionnaire.pk, program=program
        )
        if items is not None and questionnaire.responses.exists():
            raise ValidationError(ANSWERED)
    questionnaire.title = title.strip()
    questionnaire.intro = intro.strip()
    questionnaire.due = due
    questionnaire.every_days = every_days
    questionnaire.audience = audience
    questionnaire.full_clean(exclude=["program", "created_by"])
    questionnaire.save()
    if items is not None:
        try:
            with transaction.atomic():
                questionnaire.items.all().delete()
                Item.objects.bulk_create(_item_rows(questionnaire, items))
                check_references_now()
        except IntegrityError as exc:
            # Someone's answers were saved in the meantime: they refer to the old items.
            raise ValidationError(ANSWERED) from exc
    return questionnaire


@transaction.atomic
def questionnaire_set_active(*, questionnaire: Questionnaire, active: bool) -> Questionnaire:
    Questionnaire.objects.filter(pk=questionnaire.pk).update(is_active=active)
    questionnaire.is_active = active
    return questionnaire


# PeerPath's own short example, written for PeerPath (not a validated instrument). Stored in
# the program's language of the moment: marked for translation, translated when created.
EXAMPLE_TITLE = gettext_noop("How is the program going for you?")
EXAMPLE_INTRO = gettext_noop(
    "A few quick questions about how the program is going. There are no right or wrong "
    "answers, and your mentor does not see what you answer."
)
EXAMPLE_ITEMS = [
    (gettext_noop("I feel supported by my mentor."), Scale.AGREE5),
    (gettext_noop("The program helps me work toward my goals."), Scale.AGREE5),
    (gettext_noop("I would recommend this program to someone else."), Scale.AGREE5),
    (gettext_noop("Is there anything you would like to tell the program team?"), Scale.FREE_TEXT),
]
EXAMPLE_EVERY_DAYS = 90


def questionnaire_create_example(*, program: Program, by: User) -> Questionnaire:
    """The example, ready to edit: every 90 days of a pairing, for mentees, not yet active."""
    return questionnaire_save(
        program=program,
        by=by,
        title=_(EXAMPLE_TITLE),
        intro=_(EXAMPLE_INTRO),
        due=Questionnaire.Due.INTERVAL,
        every_days=EXAMPLE_EVERY_DAYS,
        audience=Questionnaire.Audience.MENTEES,
        items=[ItemData(text=_(text), scale=scale) for text, scale in EXAMPLE_ITEMS],
    )
