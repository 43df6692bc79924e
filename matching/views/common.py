"""Helpers that several matching views share: page rendering, service errors and the
labels and availability grids pages show."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render

from accounts.models import Membership

from ..models import DAY_PARTS, DAYS


def coordinator_page(request, template: str, membership: Membership, **context):
    context.update(membership=membership, program=membership.program)
    return render(request, f"matching/coordinator/{template}", context)


def member_context(membership: Membership, **extra) -> dict:
    return {"membership": membership, "program": membership.program, **extra}


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, if the form has
    that field, otherwise above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def choice_labels(codes, choices) -> list[str]:
    names = dict(choices)
    return [str(names[code]) for code in codes or [] if code in names]


def availability_rows(bound_field) -> list[dict]:
    """The 21 availability checkboxes as 7 weekday rows of morning/afternoon/evening."""
    boxes = {box.data["value"]: box for box in bound_field.subwidgets}
    return [
        {"day": label, "boxes": [boxes[f"{day}-{part}"] for part, _part_label in DAY_PARTS]}
        for day, label in DAYS
    ]


def availability_table(slots) -> list[dict]:
    chosen = set(slots or [])
    return [
        {"day": label, "cells": [f"{day}-{part}" in chosen for part, _p in DAY_PARTS]}
        for day, label in DAYS
    ]
