"""Surveys in the admin: read-only, and never what anyone answered (no free text, no value)."""

import pytest

from tests.factories import AnswerFactory, ItemFactory, ResponseFactory, admin_url

pytestmark = pytest.mark.django_db


def test_answers_are_never_shown(operator):
    response = ResponseFactory()
    free = ItemFactory(
        questionnaire=response.questionnaire,
        scale="free_text",
        min_value=None,
        max_value=None,
        text="Anything else?",
    )
    answer = AnswerFactory(response=response, item=free, value=None, text="Secret words 7731")
    scored = AnswerFactory(response=response, value=4)
    pages = [
        admin_url(answer, "change", answer.pk),
        admin_url(scored, "change", scored.pk),
        admin_url(answer, "changelist"),
        admin_url(response, "change", response.pk),
        admin_url(response.questionnaire, "change", response.questionnaire.pk),
    ]
    for url in pages:
        page = operator.get(url).content.decode()
        assert "Secret words 7731" not in page, url
        assert "Value:" not in page and "field-value" not in page, url
    page = operator.get(admin_url(answer, "changelist"), {"text__icontains": "Secret"})
    assert "Secret words 7731" not in page.content.decode()


def test_nothing_is_added_changed_or_deleted_in_the_admin(operator):
    response = ResponseFactory()
    assert operator.get(admin_url(response, "add")).status_code == 403
    change = admin_url(response, "change", response.pk)
    assert operator.post(change, {"due_key": "x"}).status_code == 403
    delete = admin_url(response, "delete", response.pk)
    assert operator.post(delete, {"post": "yes"}).status_code == 403
    assert type(response).objects.filter(pk=response.pk, due_key="intake").exists()
