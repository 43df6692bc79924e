"""Intake answers, program matching settings, exclusions, pairings and matching rounds.

Codes stored here are the codes `matching.scoring` works on; labels are translatable.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Program, validate_time_zone

from . import scoring


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

CRITERION_LABELS = {
    "focus": _("Focus areas"),
    "pathway": _("Recovery pathway"),
    "language": _("Shared language"),
    "availability": _("Availability"),
    "format": _("Meeting format"),
    "location": _("Region and time zone"),
    "interests": _("Interests"),
    "career": _("Career and industries"),
    "gender": _("Gender preference"),
}
HARD_CONSTRAINT_CHOICES = [
    ("gender", _("Respect gender preferences")),
    ("language", _("Require a shared language")),
    ("format", _("Require a shared meeting format")),
]


def default_weights() -> dict[str, float]:
    return dict(scoring.DEFAULT_WEIGHTS)


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
        return scoring.Intake(
            focus_areas=frozenset(self.focus_areas),
            pathways=frozenset(self.pathways),
            languages=frozenset(self.languages),
            availability=frozenset(self.availability),
            formats=frozenset(self.formats),
            region=self.region.strip().lower(),
            timezone=self.time_zone,
            gender=self.gender if self.gender not in ("", Gender.PREFER_NOT) else "",
            gender_preference=self.gender_preference,
            interests=frozenset(tag.lower() for tag in self.interests),
            lived_experience=frozenset(self.lived_experience),
            industries=frozenset(self.industries),
            years_in_recovery=self.years_in_recovery,
        )

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


class MatchingSettings(models.Model):
    class Objective(models.TextChoices):
        MAX_TOTAL = "max_total", _("Best overall: the highest total compatibility")
        FAIREST = "fairest", _("Fairest: raise the lowest match first, then the total")

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="matching_settings"
    )
    weights = models.JSONField(_("criterion weights"), default=default_weights)
    hard_constraints = models.JSONField(_("hard constraints"), default=list, blank=True)
    objective = models.CharField(
        _("bulk matching objective"),
        max_length=16,
        choices=Objective.choices,
        default=Objective.MAX_TOTAL,
    )
    min_score = models.FloatField(_("lowest score to propose"), default=0.0)
    proposal_expiry_days = models.PositiveSmallIntegerField(
        _("proposals expire after (days)"), default=3
    )
    mentee_acceptance_required = models.BooleanField(
        _("mentees accept proposals too"),
        default=True,
        help_text=_("Off: a coordinator's proposal stands for the mentee; the mentor accepts."),
    )
    self_match_enabled = models.BooleanField(
        _("mentees may request a mentor from their suggestions"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("matching settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_score__gte=0) & Q(min_score__lte=100),
                name="matching_settings_min_score_range",
            ),
            models.CheckConstraint(
                condition=Q(proposal_expiry_days__gte=1) & Q(proposal_expiry_days__lte=30),
                name="matching_settings_expiry_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Matching settings · {self.program}"


class DoNotPair(models.Model):
    """A coordinator's exclusion, e.g. a conflict of interest."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("do-not-pair rule")
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="donotpair_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"Do not pair {self.mentee_id} with {self.mentor_id}"


class MatchingRound(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        READY = "ready", _("Ready to review")
        CONFIRMED = "confirmed", _("Confirmed")
        FAILED = "failed", _("Failed")
        DISCARDED = "discarded", _("Discarded")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="matching_rounds")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    objective = models.CharField(max_length=16, choices=MatchingSettings.Objective.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    mentee_ids = models.JSONField(default=list)
    # [{"mentee": id, "mentor": id, "score": float, "reasons": [...]}, ...]
    proposals = models.JSONField(default=list, blank=True)
    # [{"mentee": id, "reason": code}, ...]
    unmatched = models.JSONField(default=list, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Round {self.pk} · {self.program} · {self.get_status_display()}"


class Pairing(models.Model):
    """A mentee-mentor pair from proposal to end. Never deleted: it is the history."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")
        ENDED = "ended", _("Ended")

    class Source(models.TextChoices):
        COORDINATOR = "coordinator", _("Proposed by a coordinator")
        ROUND = "round", _("Bulk matching round")
        MENTEE_REQUEST = "mentee_request", _("Requested by the mentee")

    CURRENT = (Status.ACTIVE, Status.PAUSED)
    OPEN = (Status.PROPOSED, Status.ACTIVE, Status.PAUSED)

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pairings")
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="mentee_pairings")
    mentor = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="mentor_pairings")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.COORDINATOR)
    round = models.ForeignKey(
        MatchingRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="pairings"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    overrides_previous_mentor = models.BooleanField(default=False)
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    close_reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            # One mentor at a time per mentee (a mentee membership belongs to one program).
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=["active", "paused"]),
                name="pairing_one_current_mentor_per_mentee",
            ),
            # One open proposal per mentee: no double booking while people decide.
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status="proposed"),
                name="pairing_one_open_proposal_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=F("mentor")), name="pairing_mentee_is_not_mentor"
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["program", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} ↔ {self.mentor} ({self.status})"

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT


class PairingFeedback(models.Model):
    """Short feedback when a pairing ends. Seen by coordinators, not by the other person."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(_("how helpful was this pairing? (1-5)"))
    comment = models.TextField(_("anything you'd like to tell the coordinator"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pairing", "author"], name="feedback_once_per_author"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.pairing_id}"
