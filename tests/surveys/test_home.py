"""A survey that is due shows on the member's home, with a link to answer it."""

import pytest
from django.urls import reverse

from tests.factories import ItemFactory, QuestionnaireFactory

pytestmark = pytest.mark.django_db


def test_a_due_survey_is_on_the_mentees_home(login, pairing, mentee, program):
    questionnaire = QuestionnaireFactory(program=program, title="How is it going?")
    ItemFactory(questionnaire=questionnaire)
    page = login(mentee).get(reverse("program_home", kwargs={"program_slug": program.slug}))
    body = page.content.decode()
    assert "How is it going?" in body
    assert (
        reverse(
            "surveys:answer",
            kwargs={"program_slug": program.slug, "questionnaire_id": questionnaire.pk},
        )
        in body
    )


def test_an_inactive_survey_is_not(login, pairing, mentee, program):
    questionnaire = QuestionnaireFactory(program=program, title="Not yet", is_active=False)
    ItemFactory(questionnaire=questionnaire)
    page = login(mentee).get(reverse("program_home", kwargs={"program_slug": program.slug}))
    assert "Not yet" not in page.content.decode()
