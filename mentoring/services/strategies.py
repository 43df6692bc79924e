"""The strategies library: mentors write strategies and share them into a mentee's toolkit;
coordinators curate the program library."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from audit.models import Action
from audit.services import audit_record
from matching.models import Pairing

from ..models import Strategy, StrategyCategory, StrategyShare


def _strategy_errors(*, title: str, body: str, category: str) -> dict:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the strategy a short title.")]
    if not body.strip():
        errors["body"] = [_("Describe what helps.")]
    if category not in StrategyCategory.values:
        errors["category"] = [_("Choose a category.")]
    return errors


@transaction.atomic
def strategy_create(
    *, author: Membership, title: str, body: str, category: str, link: str = ""
) -> Strategy:
    """Mentors write strategies for their own use; a coordinator's go to the library."""
    if author.role not in (Role.MENTOR, Role.COORDINATOR):
        raise ValidationError(_("Mentors and coordinators write strategies."))
    errors = _strategy_errors(title=title, body=body, category=category)
    if errors:
        raise ValidationError(errors)
    strategy = Strategy(
        program=author.program,
        author=author.user,
        title=title.strip()[:120],
        body=body.strip(),
        category=category,
        link=link.strip(),
        in_library=author.role == Role.COORDINATOR,
    )
    strategy.full_clean()
    strategy.save()
    audit_record(action=Action.CREATE, actor=author, record=strategy)
    return strategy


@transaction.atomic
def strategy_update(*, strategy: Strategy, title: str, body: str, category: str, link: str = ""):
    errors = _strategy_errors(title=title, body=body, category=category)
    if errors:
        raise ValidationError(errors)
    strategy.title, strategy.body, strategy.category = title.strip()[:120], body.strip(), category
    strategy.link = link.strip()
    strategy.full_clean()
    strategy.save()
    audit_record(action=Action.CHANGE, actor=None, record=strategy, program=strategy.program_id)
    return strategy


@transaction.atomic
def strategy_set_in_library(*, strategy: Strategy, by: Membership, in_library: bool) -> Strategy:
    """Coordinators curate the program-wide library."""
    if not by.is_coordinator or by.program_id != strategy.program_id:
        raise ValidationError(_("Coordinators curate the program library."))
    strategy.in_library = in_library
    strategy.save(update_fields=["in_library", "updated_at"])
    audit_record(action=Action.CHANGE, actor=by, record=strategy)
    return strategy


@transaction.atomic
def strategy_archive(*, strategy: Strategy) -> Strategy:
    strategy.archived_at = timezone.now()
    strategy.save(update_fields=["archived_at", "updated_at"])
    audit_record(action=Action.CHANGE, actor=None, record=strategy, program=strategy.program_id)
    return strategy


@transaction.atomic
def strategy_share(*, strategy: Strategy, mentee: Membership, by: Membership) -> StrategyShare:
    """A mentor shares a strategy with a current mentee in one click (once)."""
    if not Pairing.objects.filter(mentor=by, mentee=mentee, status__in=Pairing.CURRENT).exists():
        raise ValidationError(_("You can share strategies with your current mentees."))
    if strategy.program_id != by.program_id or strategy.archived_at is not None:
        raise ValidationError(_("This strategy can't be shared."))
    if not strategy.in_library and strategy.author_id != by.user_id:
        raise ValidationError(_("This strategy can't be shared."))
    try:
        with transaction.atomic():
            share = StrategyShare.objects.create(
                strategy=strategy, mentee=mentee, shared_by=by.user
            )
    except IntegrityError as exc:
        raise ValidationError(_("Already in their toolkit.")) from exc
    audit_record(action=Action.CREATE, actor=by, subject=mentee, record=share)
    return share
