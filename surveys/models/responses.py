"""What members answered. A response belongs to one due occasion (`due_key`), so a person
answers each occasion once: "intake", "pairing:12:day:90", "pairing:12:end"."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from accounts.models import Membership, Program, Role
from matching.models import Pairing

from .questionnaires import FREE_TEXT_MAX_LENGTH, Item, Questionnaire


class Response(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="survey_responses"
    )
    # The role the person answered in (a role can change later).
    role = models.CharField(max_length=16, choices=Role.choices)
    pairing = models.ForeignKey(
        Pairing, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_key = models.CharField(max_length=60)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("survey response")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "questionnaire", "due_key"], name="response_once_per_due"
            ),
        ]
        indexes = [models.Index(fields=["questionnaire", "submitted_at"])]

    def __str__(self) -> str:
        return f"Survey response #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True)
    text = EncryptedTextField(blank=True, max_length=FREE_TEXT_MAX_LENGTH)

    class Meta:
        verbose_name = _("survey answer")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item"),
            # A scored answer is a number, a free-text answer is words: never both.
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(text=""), name="answer_value_or_text"
            ),
        ]

    def __str__(self) -> str:
        return f"Survey answer #{self.pk}"


class SurveyExport(models.Model):
    """Who exported survey answers, of which questionnaire (all when empty), and when."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey export")

    def __str__(self) -> str:
        return f"Survey export #{self.pk}"
