"""Answers sent at the same moment from several tabs (each with its own form key) make one
response: the unique (person, questionnaire, occasion) constraint decides."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.services import DUPLICATE_SUBMISSION, new_submission_key
from surveys import services
from surveys.models import Answer, Response
from surveys.selectors import surveys_due_for
from tests.factories import IntakeFactory, ItemFactory, MembershipFactory, QuestionnaireFactory

THREADS = 8

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: concurrent transactions are what is tested; SQLite serialises "
    "every writer. CI runs this on PostgreSQL.",
)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_answers_make_one_response():
    questionnaire = QuestionnaireFactory(due="intake")
    item = ItemFactory(questionnaire=questionnaire)
    mentee = MembershipFactory(program=questionnaire.program)
    IntakeFactory(membership=mentee, submitted_at=questionnaire.created_at)
    [due] = surveys_due_for(mentee)
    barrier = threading.Barrier(THREADS)
    saved, refused, unexpected = [], [], []

    def submit(value):
        try:
            barrier.wait(timeout=30)
            services.response_submit(
                membership=mentee,
                due=due,
                answers={item.pk: value},
                submission_key=new_submission_key(),
            )
            saved.append(value)
        except ValidationError as exc:
            (refused if exc.code == DUPLICATE_SUBMISSION else unexpected).append(repr(exc))
        except Exception as exc:  # noqa: BLE001 - any other failure must fail the test
            unexpected.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(1 + i % 5,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not unexpected
    assert len(saved) == 1 and len(refused) == THREADS - 1
    assert Response.objects.count() == 1
    assert list(Answer.objects.values_list("value", flat=True)) == saved


@pytest.mark.django_db(transaction=True)
def test_questions_replaced_while_someone_answers_keep_the_answers():
    """The coordinator saves new questions while a member's answers are being saved: the
    answers win, the coordinator is told the questions can no longer change."""
    from django.db import transaction

    from surveys.services import ItemData, questionnaire_save

    questionnaire = QuestionnaireFactory(due="intake")
    item = ItemFactory(questionnaire=questionnaire, text="Original")
    mentee = MembershipFactory(program=questionnaire.program)
    coordinator = MembershipFactory(program=questionnaire.program, role="coordinator")
    IntakeFactory(membership=mentee, submitted_at=questionnaire.created_at)
    [due] = surveys_due_for(mentee)
    answers_saved, release = threading.Event(), threading.Event()
    outcome = {}

    def answer():
        try:
            with transaction.atomic():
                services.response_submit(
                    membership=mentee,
                    due=due,
                    answers={item.pk: 4},
                    submission_key=new_submission_key(),
                )
                answers_saved.set()
                release.wait(timeout=30)  # still uncommitted while the coordinator saves
        finally:
            connection.close()

    def replace():
        try:
            questionnaire_save(
                program=questionnaire.program,
                by=coordinator.user,
                questionnaire=questionnaire,
                title="Changed",
                intro="",
                due="intake",
                every_days=None,
                audience="mentees",
                items=[ItemData(text="Replacement", scale="agree5")],
            )
            outcome["replace"] = "saved"
        except ValidationError as exc:
            outcome["replace"] = exc.messages
        except Exception as exc:  # noqa: BLE001 - any other failure must fail the test
            outcome["replace"] = repr(exc)
        finally:
            connection.close()

    answering = threading.Thread(target=answer)
    answering.start()
    assert answers_saved.wait(timeout=30)
    replacing = threading.Thread(target=replace)
    replacing.start()
    replacing.join(timeout=1)  # it waits on the answer's lock of the old question
    release.set()
    answering.join(timeout=30)
    replacing.join(timeout=30)
    assert outcome["replace"] == [
        "People have already answered this questionnaire, so its questions can no longer "
        "change. Create a new questionnaire instead."
    ]
    assert list(questionnaire.items.values_list("text", flat=True)) == ["Original"]
    assert list(Answer.objects.values_list("item__text", "value")) == [("Original", 4)]
