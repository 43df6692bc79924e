"""The periodic sweep of surveys: tell each member, once per occasion, that a survey is due.

What is due is decided in one place, `surveys_due_for_many`; this only turns it into
notifications (kind `survey_due`, the bell and email by the person's preferences). The key
names the occasion, so a person hears of each survey occasion once however often the sweep
runs, and a survey answered before the email goes out is not sent (`surveys_still_due`)."""

from collections.abc import Iterator
from datetime import datetime
from urllib.parse import quote

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from notifications.services import BulkRow, notifications_send_bulk

from ..models import Questionnaire, Response
from ..selectors.due import surveys_due_for_many

KIND = "survey_due"
# Members read per batch: four queries each, memory bounded at 10,000 members.
SWEEP_BATCH = 2000


def survey_due_key(*, questionnaire_id: int, membership_id: int, due_key: str) -> str:
    return f"{KIND}:{questionnaire_id}:{membership_id}:{due_key}"


def _key_read(key: str) -> tuple[int, int, str] | None:
    parts = key.split(":", 3)
    if len(parts) != 4 or parts[0] != KIND or not (parts[1].isascii() and parts[1].isdigit()):
        return None
    if not (parts[2].isascii() and parts[2].isdigit()):
        return None
    return int(parts[1]), int(parts[2]), parts[3]


def _members(now: datetime) -> Iterator[list[Membership]]:
    """Active mentees and mentors of programs with an active questionnaire, in batches."""
    with_surveys = Questionnaire.objects.filter(program_id=OuterRef("program_id"), is_active=True)
    members = (
        Membership.objects.filter(
            Exists(with_surveys),
            status=Membership.Status.ACTIVE,
            role__in=[Role.MENTEE, Role.MENTOR],
        )
        .select_related("program")
        .only("pk", "user_id", "program_id", "role", "status", "program__slug")
        .order_by("pk")
    )
    last = 0
    while batch := list(members.filter(pk__gt=last)[:SWEEP_BATCH]):
        yield batch
        last = batch[-1].pk


def _rows(now: datetime) -> Iterator[BulkRow]:
    for batch in _members(now):
        by_id = {m.pk: m for m in batch}
        for membership_id, found in surveys_due_for_many(batch, now=now).items():
            membership = by_id[membership_id]
            for due in found:
                url = reverse(
                    "surveys:answer",
                    kwargs={
                        "program_slug": membership.program.slug,
                        "questionnaire_id": due.questionnaire.pk,
                    },
                )
                yield BulkRow(
                    recipient_id=membership.user_id,
                    kind=KIND,
                    key=survey_due_key(
                        questionnaire_id=due.questionnaire.pk,
                        membership_id=membership_id,
                        due_key=due.due_key,
                    ),
                    url=f"{url}?due={quote(due.due_key)}",
                    program_id=membership.program_id,
                )


def surveys_due_remind(*, now: datetime | None = None) -> int:
    """Stores a `survey_due` notification for each survey occasion not yet told; returns
    how many were new. Four queries per 2,000 members, plus the notification inserts."""
    return notifications_send_bulk(_rows(now or timezone.now()))


def surveys_still_due(notifications) -> set[int]:
    """Checked at send time for a chunk of deliveries, in one query: the ids of the
    notifications whose survey is still unanswered and still active."""
    keys = {n.pk: _key_read(n.key) for n in notifications}
    relevant = {pk for pk, parsed in keys.items() if parsed is None}
    wanted = {parsed for parsed in keys.values() if parsed is not None}
    if not wanted:
        return relevant
    answered = set(
        Response.objects.filter(
            membership_id__in={m for _, m, _ in wanted},
            questionnaire_id__in={q for q, _, _ in wanted},
        ).values_list("questionnaire_id", "membership_id", "due_key")
    )
    active = set(
        Questionnaire.objects.filter(pk__in={q for q, _, _ in wanted}, is_active=True).values_list(
            "pk", flat=True
        )
    )
    return relevant | {
        pk
        for pk, parsed in keys.items()
        if parsed is not None and parsed not in answered and parsed[0] in active
    }


def survey_still_due(notification) -> bool:
    return notification.pk in surveys_still_due([notification])
