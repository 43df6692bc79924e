"""Explanations of a pair's score in plain, translated sentences.

Works on `scoring.Reason` objects (fresh suggestions) and on the dicts stored with a pairing or
a round (`criterion`, `points`, `shared`, `similarity`, `blocking`).

    {% load matching_tags %}
    {% explain_reasons pairing.reasons %}              a <ul> of sentences with points
    {% explain_reasons reasons limit=3 points=False %}
    {% for s in pairing.reasons|reason_sentences %}…   plain strings
    {% score_chip suggestion.score %}                  "72 / 100 strong fit" chip
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    CRITERION_LABELS,
    INDUSTRIES,
    LANGUAGES,
    FocusArea,
    MeetingFormat,
    Pathway,
)

register = template.Library()

_FOCUS = dict(FocusArea.choices)
_PATHWAY = dict(Pathway.choices)
_LANGUAGE = dict(LANGUAGES)
_FORMAT = dict(MeetingFormat.choices)
_INDUSTRY = dict(INDUSTRIES)


def _field(reason, name, default=None):
    if isinstance(reason, dict):
        return reason.get(name, default)
    return getattr(reason, name, default)


def _labels(codes: Iterable[str], labels: dict) -> str:
    return ", ".join(str(labels.get(code, code)) for code in codes)


def reason_sentence(reason) -> str:
    """One sentence for one criterion, or "" when it neither added points nor blocked."""
    criterion = _field(reason, "criterion", "")
    points = float(_field(reason, "points", 0) or 0)
    similarity = float(_field(reason, "similarity", 0) or 0)
    blocking = bool(_field(reason, "blocking", False))
    shared = list(_field(reason, "shared", ()) or ())
    if blocking:
        return {
            "gender": _("Gender preference not met"),
            "language": _("No shared language (this program requires one)"),
            "format": _("No shared meeting format (this program requires one)"),
        }.get(criterion, _("Required: %(criterion)s") % {"criterion": _criterion_label(criterion)})
    if points <= 0:
        return ""
    count = len(shared)
    if criterion == "focus":
        return ngettext(
            "%(count)s shared focus area: %(items)s",
            "%(count)s shared focus areas: %(items)s",
            count,
        ) % {"count": count, "items": _labels(shared, _FOCUS)}
    if criterion == "pathway":
        return _("Both in %(items)s") % {"items": _labels(shared, _PATHWAY)}
    if criterion == "language":
        return _("Both speak %(items)s") % {"items": _labels(shared, _LANGUAGE)}
    if criterion == "availability":
        return ngettext(
            "%(count)s shared availability slot",
            "%(count)s shared availability slots",
            count,
        ) % {"count": count}
    if criterion == "format":
        return _("Both can meet by: %(items)s") % {"items": _labels(shared, _FORMAT).lower()}
    if criterion == "location":
        # Full credit means the same region; part credit means the same time zone only.
        return _("Same region") if similarity >= 1 else _("Same time zone")
    if criterion == "interests":
        return ngettext(
            "%(count)s shared interest: %(items)s",
            "%(count)s shared interests: %(items)s",
            count,
        ) % {"count": count, "items": ", ".join(shared)}
    if criterion == "career":
        if shared:
            return _("Work experience in %(items)s") % {"items": _labels(shared, _INDUSTRY)}
        return _("Work experience to share")
    if criterion == "gender":
        return _("Gender preference met")
    return str(_criterion_label(criterion))


def _criterion_label(criterion: str):
    return CRITERION_LABELS.get(criterion, criterion)


def explanation_items(reasons, limit: int | None = None) -> list[dict]:
    """[{"text", "points", "blocking", "criterion"}] for the reasons worth saying, in order."""
    items = []
    for reason in reasons or []:
        text = reason_sentence(reason)
        if not text:
            continue
        items.append(
            {
                "text": text,
                "points": round(float(_field(reason, "points", 0) or 0)),
                "blocking": bool(_field(reason, "blocking", False)),
                "criterion": _field(reason, "criterion", ""),
                "label": _criterion_label(_field(reason, "criterion", "")),
            }
        )
    # Blocking reasons first: they are why a pair cannot happen.
    items.sort(key=lambda item: not item["blocking"])
    return items[:limit] if limit else items


@register.filter
def reason_sentences(reasons, limit=None) -> list[str]:
    """`reasons|reason_sentences` or `reasons|reason_sentences:3` -> list of sentences."""
    return [item["text"] for item in explanation_items(reasons, int(limit) if limit else None)]


@register.simple_tag
def explain_reasons(reasons, limit=None, points=True):
    """A list of sentences; each shows the points it added unless `points=False`."""
    items = explanation_items(reasons, int(limit) if limit else None)
    if not items:
        return format_html('<p class="muted small">{}</p>', _("No shared answers yet."))
    rows = []
    for item in items:
        if item["blocking"]:
            rows.append(
                format_html(
                    '<li class="reason reason--blocking"><strong>{}</strong></li>', item["text"]
                )
            )
        elif points:
            rows.append(
                format_html(
                    '<li class="reason">{} <span class="muted small">({})</span></li>',
                    item["text"],
                    ngettext("+%(points)s point", "+%(points)s points", item["points"])
                    % {"points": item["points"]},
                )
            )
        else:
            rows.append(format_html('<li class="reason">{}</li>', item["text"]))
    return format_html('<ul class="reasons">{}</ul>', mark_safe("".join(rows)))  # noqa: S308


@register.simple_tag
def score_chip(score):
    """A compatibility score out of 100 with a level word, so colour is never the only cue."""
    value = round(float(score or 0))
    if value >= 70:
        level, word = "high", _("strong fit")
    elif value >= 40:
        level, word = "medium", _("good fit")
    else:
        level, word = "low", _("some overlap")
    return format_html(
        '<span class="score-chip score-chip--{}">{} '
        '<span class="score-chip__word">{}</span></span>',
        level,
        _("%(value)s / 100") % {"value": value},
        word,
    )


@register.filter
def focus_label(code: str) -> str:
    return str(_FOCUS.get(code, code))


@register.filter
def language_label(code: str) -> str:
    return str(_LANGUAGE.get(code, code))


@register.filter
def pathway_label(code: str) -> str:
    return str(_PATHWAY.get(code, code))


@register.filter
def format_label(code: str) -> str:
    return str(_FORMAT.get(code, code))
