"""Questionnaires a program defines, their items and the scale each item is answered on.

The wording belongs to the program (a validated instrument is entered under its licence);
PeerPath itself ships only a short generic example (`EXAMPLE_QUESTIONNAIRE`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Program

ITEM_TEXT_MAX_LENGTH = 500
FREE_TEXT_MAX_LENGTH = 2000
CUSTOM_RANGE_LIMITS = (0, 100)
CUSTOM_RANGE_MAX_POINTS = 11  # a row of radio buttons, like 0 to 10


class Questionnaire(models.Model):
    class Due(models.TextChoices):
        INTAKE = "intake", _("Once, when the person joins (after their intake)")
        INTERVAL = "interval", _("Every N days of an active pairing")
        PAIRING_END = "pairing_end", _("When a pairing ends")

    class Audience(models.TextChoices):
        MENTEES = "mentees", _("Mentees")
        MENTORS = "mentors", _("Mentors")
        BOTH = "both", _("Mentees and mentors")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questionnaires")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    is_active = models.BooleanField(_("active"), default=False)
    due = models.CharField(_("when it is due"), max_length=16, choices=Due.choices)
    every_days = models.PositiveSmallIntegerField(_("every (days)"), null=True, blank=True)
    audience = models.CharField(_("who answers"), max_length=16, choices=Audience.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("questionnaire")
        constraints = [
            # An interval needs its number of days; the other occasions must not have one.
            models.CheckConstraint(
                condition=(
                    Q(due="interval", every_days__gte=7, every_days__lte=365)
                    | (~Q(due="interval") & Q(every_days__isnull=True))
                ),
                name="questionnaire_interval_days",
            ),
        ]
        indexes = [models.Index(fields=["program", "is_active"])]

    def __str__(self) -> str:
        return self.title


class Scale(models.TextChoices):
    AGREE5 = "agree5", _("Agree scale (Strongly disagree to Strongly agree, 1 to 5)")
    ZERO_TO_TEN = "zero_to_ten", _("0 to 10")
    YES_NO = "yes_no", _("Yes or no (1 or 0)")
    CUSTOM = "custom", _("Numbers from … to … (give the range)")
    FREE_TEXT = "free_text", _("Free text (not scored)")


# The range of each fixed scale; CUSTOM takes the item's own.
SCALE_RANGES = {
    Scale.AGREE5: (1, 5),
    Scale.ZERO_TO_TEN: (0, 10),
    Scale.YES_NO: (0, 1),
}


class Item(models.Model):
    """One question. Scored items store their range, so a reverse-scored answer is flipped
    within its own scale in the database: min + max - value."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("question"), max_length=ITEM_TEXT_MAX_LENGTH)
    scale = models.CharField(_("answered on"), max_length=16, choices=Scale.choices)
    min_value = models.SmallIntegerField(null=True, blank=True)
    max_value = models.SmallIntegerField(null=True, blank=True)
    reverse_scored = models.BooleanField(_("reverse-scored"), default=False)
    subscale = models.CharField(_("subscale"), max_length=60, blank=True)

    class Meta:
        ordering = ["questionnaire", "position"]
        verbose_name = _("survey item")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "position"], name="item_position_once"
            ),
            models.CheckConstraint(
                condition=(
                    Q(scale="free_text", min_value__isnull=True, max_value__isnull=True)
                    | (
                        ~Q(scale="free_text")
                        & Q(min_value__isnull=False, max_value__isnull=False)
                        & Q(max_value__gt=models.F("min_value"))
                    )
                ),
                name="item_scale_min_below_max",
            ),
            models.CheckConstraint(
                condition=~Q(scale="free_text", reverse_scored=True),
                name="item_free_text_not_reversed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"

    @property
    def is_scored(self) -> bool:
        return self.scale != Scale.FREE_TEXT
