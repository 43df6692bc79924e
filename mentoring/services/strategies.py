"""The strategies library: mentors write strategies and share them into a mentee's toolkit;
coordinators curate the program library."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from accounts.services import form_submission_claim
from audit.models import Action
from audit.services import audit_record
from matching.models import Pairing

from ..models import PersonalStrategy, Strategy, StrategyCategory, StrategyShare, Visibility


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


# A MENTEE'S OWN STRATEGIES


def _personal_clean(*, title: str, body: str, category: str, visibility: str) -> dict:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give your strategy a short title.")]
    if not body.strip():
        errors["body"] = [_("Write what you do, in a few words or steps.")]
    if category not in StrategyCategory.values:
        errors["category"] = [_("Choose a category.")]
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who can see it.")]
    if errors:
        raise ValidationError(errors)
    return {
        "title": title.strip()[:120],
        "body": body.strip(),
        "category": category,
        "visibility": visibility,
    }


@transaction.atomic
def personal_strategy_create(
    *,
    membership: Membership,
    title: str,
    body: str,
    category: str,
    visibility: str = Visibility.PRIVATE,
    submission_key: str | None = None,
) -> PersonalStrategy:
    """A mentee adds a strategy of their own to their toolkit: private unless they chose
    to share it with their mentor. A double-posted form (same `submission_key`) saves once."""
    if membership.role != Role.MENTEE:
        raise ValidationError(_("Mentees add their own strategies to their toolkit."))
    fields = _personal_clean(title=title, body=body, category=category, visibility=visibility)
    if submission_key is not None:
        form_submission_claim(user=membership.user, key=submission_key)
    strategy = PersonalStrategy(membership=membership, **fields)
    strategy.full_clean()
    strategy.save()
    audit_record(action=Action.CREATE, actor=membership, subject=membership, record=strategy)
    return strategy


@transaction.atomic
def personal_strategy_update(
    *, strategy: PersonalStrategy, title: str, body: str, category: str, visibility: str
) -> PersonalStrategy:
    fields = _personal_clean(title=title, body=body, category=category, visibility=visibility)
    for name, value in fields.items():
        setattr(strategy, name, value)
    strategy.full_clean()
    strategy.save(update_fields=[*fields, "updated_at"])
    audit_record(action=Action.CHANGE, actor=None, subject=strategy.membership, record=strategy)
    return strategy


@transaction.atomic
def personal_strategy_delete(*, strategy: PersonalStrategy) -> None:
    record = ("personalstrategy", strategy.pk)
    subject = strategy.membership
    strategy.delete()
    audit_record(action=Action.DELETE, actor=None, subject=subject, record=record)
