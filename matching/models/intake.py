"""What a mentee or mentor tells the program for matching, and the codes of each answer.

Codes stored here are the codes `matching.scoring` works on; labels are translatable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, validate_time_zone

from .. import scoring


class FocusArea(models.TextChoices):
    WELLNESS = "wellness", _("Health and wellness")
    MENTAL_WELLBEING = "mental_wellbeing", _("Mental wellbeing")
    SUBSTANCE_RECOVERY = "substance_recovery", _("Recovery from substance use")
    RELATIONSHIPS = "relationships", _("Relationships and family")
    HOUSING = "housing", _("Home and housing")
    CAREER = "career", _("Career")
    EDUCATION = "education", _("Education")
    COMMUNITY = "community", _("Community and belonging")


class Pathway(models.TextChoices):
    TWELVE_STEP = "twelve_step", _("12-step")
    SMART = "smart", _("SMART Recovery")
    FAITH = "faith", _("Faith-based")
    MEDICATION = "medication", _("Medication-supported")
    HARM_REDUCTION = "harm_reduction", _("Harm reduction")
    SECULAR_OTHER = "secular_other", _("Secular or other")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NONBINARY = "nonbinary", _("Non-binary")
    SELF_DESCRIBED = "self_described", _("Another identity")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class GenderPreference(models.TextChoices):
    NONE = "", _("No preference")
    WOMAN = "woman", _("A woman")
    MAN = "man", _("A man")
    NONBINARY = "nonbinary", _("A non-binary person")


LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
    ("ht", _("Haitian Creole")),
    ("zh", _("Chinese")),
    ("vi", _("Vietnamese")),
    ("tl", _("Tagalog")),
    ("ko", _("Korean")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("asl", _("American Sign Language")),
]

DAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
DAY_PARTS = [("morning", _("Morning")), ("afternoon", _("Afternoon")), ("evening", _("Evening"))]
AVAILABILITY_SLOTS = [f"{day}-{part}" for day, _label in DAYS for part, _p in DAY_PARTS]

INDUSTRIES = [
    ("construction", _("Construction and trades")),
    ("healthcare", _("Healthcare")),
    ("hospitality", _("Hospitality and food service")),
    ("retail", _("Retail")),
    ("technology", _("Technology")),
    ("transportation", _("Transportation and logistics")),
    ("manufacturing", _("Manufacturing")),
    ("education", _("Education")),
    ("social_services", _("Social services and peer support")),
    ("business", _("Business and office")),
    ("arts", _("Arts and media")),
    ("public_sector", _("Public sector")),
]

# Every intake question, once: the form shows them, `intake_save` accepts them and the
# scoring pool loads the ones scoring reads.
MENTOR_FIELDS = (
    "lived_experience",
    "years_in_recovery",
    "professional_background",
    "industries",
    "capacity",
    "paused",
)
INTAKE_FIELDS = (
    "focus_areas",
    "pathways",
    "languages",
    "availability",
    "formats",
    "region",
    "time_zone",
    "gender",
    "gender_preference",
    "interests",
    "bio",
    *MENTOR_FIELDS,
)
# Answers that scoring does not read (`Intake.as_scoring_intake`).
UNSCORED_FIELDS = frozenset({"bio", "professional_background", "capacity", "paused"})
SCORING_FIELDS = tuple(name for name in INTAKE_FIELDS if name not in UNSCORED_FIELDS)


def scoring_intake(answers) -> scoring.Intake:
    """The answers scoring reads, from a `.values(*SCORING_FIELDS)` row or a model's fields.
    Taking rows lets a program's thousands of intakes skip building model instances."""
    gender = answers["gender"]
    return scoring.Intake(
        focus_areas=frozenset(answers["focus_areas"]),
        pathways=frozenset(answers["pathways"]),
        languages=frozenset(answers["languages"]),
        availability=frozenset(answers["availability"]),
        formats=frozenset(answers["formats"]),
        region=answers["region"].strip().lower(),
        timezone=answers["time_zone"],
        gender=gender if gender not in ("", Gender.PREFER_NOT) else "",
        gender_preference=answers["gender_preference"],
        interests=frozenset(tag.lower() for tag in answers["interests"]),
        lived_experience=frozenset(answers["lived_experience"]),
        industries=frozenset(answers["industries"]),
        years_in_recovery=answers["years_in_recovery"],
    )


class Intake(models.Model):
    """What a mentee or mentor tells the program for matching. One per membership."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="intake")
    focus_areas = models.JSONField(_("focus areas"), default=list, blank=True)
    pathways = models.JSONField(_("recovery pathways"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    formats = models.JSONField(_("meeting formats"), default=list, blank=True)
    region = models.CharField(_("region"), max_length=80, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    gender_preference = models.CharField(
        _("gender preference for the other person"),
        max_length=20,
        choices=GenderPreference.choices,
        blank=True,
    )
    interests = models.JSONField(_("interests"), default=list, blank=True)
    bio = models.TextField(
        _("short introduction"),
        max_length=600,
        blank=True,
        help_text=_("A few sentences others in the program may read. Share only what you like."),
    )
    # Mentors only.
    lived_experience = models.JSONField(_("lived-experience areas"), default=list, blank=True)
    years_in_recovery = models.PositiveSmallIntegerField(
        _("years in recovery"), null=True, blank=True
    )
    professional_background = models.TextField(
        _("professional background"), max_length=1000, blank=True
    )
    industries = models.JSONField(_("industries"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("how many mentees at once"),
        default=2,
        help_text=_("Between 1 and 10."),
    )
    paused = models.BooleanField(
        _("not taking new mentees"),
        default=False,
        help_text=_("Current mentees stay; no new proposals are made."),
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=10), name="intake_capacity_1_10"
            ),
            models.CheckConstraint(
                condition=Q(years_in_recovery__isnull=True) | Q(years_in_recovery__lte=80),
                name="intake_years_in_recovery_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Intake · {self.membership}"

    def as_scoring_intake(self) -> scoring.Intake:
        return scoring_intake({name: getattr(self, name) for name in SCORING_FIELDS})

    def completeness(self, *, is_mentor: bool) -> int:
        """Percent of the questions that matter for matching that have an answer."""
        answered = [
            bool(self.focus_areas),
            bool(self.pathways),
            bool(self.languages),
            bool(self.availability),
            bool(self.formats),
            bool(self.region),
            bool(self.gender),
            bool(self.interests),
        ]
        if is_mentor:
            answered += [bool(self.lived_experience), bool(self.industries), bool(self.bio)]
        return round(100 * sum(answered) / len(answered))
