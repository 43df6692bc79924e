"""One-time form keys: a form's write happens once however often it is sent."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import FormSubmission, User

DUPLICATE_SUBMISSION = "duplicate_submission"


def new_submission_key() -> str:
    return uuid.uuid4().hex


def form_submission_claim(*, user: User, key: str) -> None:
    """Claim a form's one-time key inside the caller's transaction.

    Raises ValidationError(code=DUPLICATE_SUBMISSION) when the key was used: the caller's
    write is then not repeated. If the caller's transaction rolls back (bad input), the
    claim goes with it and the corrected form can be sent with the same key.
    """
    if not key or len(key) > 64 or not key.isalnum():
        raise ValidationError(
            _("This form was open too long or already sent. Please check it and save again.")
        )
    try:
        with transaction.atomic():
            FormSubmission.objects.create(user=user, key=key)
    except IntegrityError as exc:
        raise ValidationError(_("This form was already sent."), code=DUPLICATE_SUBMISSION) from exc
