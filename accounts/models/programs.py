"""Programs: a mentoring program with its crisis resources, privacy notice and settings."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from .people import validate_time_zone

# From ../shared/domain/DOMAIN.md: the US list every program starts with.
DEFAULT_CRISIS_RESOURCES = "\n".join(
    [
        "988 Suicide & Crisis Lifeline: call or text 988 (chat at 988lifeline.org).",
        "SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7, English and "
        "Spanish; referrals, not counseling).",
        "Crisis Text Line: text HOME to 741741.",
        "Call 911 if you or someone else is in immediate danger.",
    ]
)

# The same, one row each, as "Get help now" shows it when a program has set none of its own.
DEFAULT_CRISIS_CONTACTS = [
    {
        "name": "988 Suicide & Crisis Lifeline",
        "note": "Call or text, 24/7. Chat at 988lifeline.org.",
        "phone": "988",
        "text_number": "988",
        "text_keyword": "",
        "web_url": "https://988lifeline.org",
    },
    {
        "name": "SAMHSA National Helpline",
        "note": "Free, confidential, 24/7, English and Spanish; referrals, not counseling.",
        "phone": "+18006624357",
        "text_number": "",
        "text_keyword": "",
        "web_url": "https://www.samhsa.gov/find-help/helplines/national-helpline",
    },
    {
        "name": "Crisis Text Line",
        "note": "Text HOME to 741741.",
        "phone": "",
        "text_number": "741741",
        "text_keyword": "HOME",
        "web_url": "https://www.crisistextline.org",
    },
    {
        "name": "Emergency",
        "note": "Call 911 if you or someone else is in immediate danger.",
        "phone": "911",
        "text_number": "",
        "text_keyword": "",
        "web_url": "",
    },
]

# The notice a new program starts with. Stored in English; while a program keeps it unchanged
# each reader sees it in their own language (`Program.privacy_notice_for_reader`). A notice a
# coordinator wrote is shown as written.
DEFAULT_PRIVACY_NOTICE_PARAGRAPHS = [
    gettext_noop(
        "What you record in this program is yours. Your mentor sees only what you choose to "
        "share with them; your private journal is for you alone. Coordinators see how the "
        "program is going (for example, how many meetings took place), not what you wrote, "
        "unless you agree."
    ),
    gettext_noop(
        "Records about substance use are protected by federal law (42 CFR Part 2). We never "
        "share them with anyone outside the program without your written consent, and our "
        "emails never mention recovery."
    ),
    gettext_noop("You can download your data or ask us to delete it at any time."),
]
DEFAULT_PRIVACY_NOTICE = "\n\n".join(DEFAULT_PRIVACY_NOTICE_PARAGRAPHS)


def default_invitation_valid_days() -> int:
    return settings.INVITATION_VALID_DAYS


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Program(models.Model):
    class Kind(models.TextChoices):
        RECOVERY = "recovery", _("Recovery")
        CAREER = "career", _("Career")
        GENERAL = "general", _("General")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in links"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.RECOVERY)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    # Free text shown after the program's crisis resources (CrisisResource rows), one per line.
    crisis_resources = models.TextField(
        _("other crisis information"),
        blank=True,
        help_text=_("Shown under the crisis resources behind “Get help now”. One per line."),
    )
    privacy_notice = models.TextField(_("privacy notice"), default=DEFAULT_PRIVACY_NOTICE)
    privacy_notice_version = models.PositiveIntegerField(
        _("privacy notice version"),
        default=1,
        help_text=_("Raise it when the notice changes: everyone acknowledges the new version."),
    )
    invitation_valid_days = models.PositiveSmallIntegerField(
        _("invitations valid for (days)"), default=default_invitation_valid_days
    )
    open_enrollment = models.BooleanField(
        _("open enrollment"),
        default=False,
        help_text=_("Anyone with the enrollment link can apply to join as a mentee."),
    )
    enrollment_token = models.CharField(max_length=64, default=new_token, editable=False)
    # Coordinators see a whole program: an unattended signed-in screen is a risk. Members keep
    # the site's session length (SESSION_COOKIE_AGE); accounts.middleware applies this one.
    coordinator_idle_minutes = models.PositiveSmallIntegerField(
        _("sign out coordinators after (minutes without activity)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(720)],
    )
    # Program settings that later capabilities add (thresholds, reminder cadence, ...);
    # read them through `setting()`, which knows each default.
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        constraints = [
            models.CheckConstraint(
                condition=Q(invitation_valid_days__gte=1) & Q(invitation_valid_days__lte=60),
                name="program_invitation_days_range",
            ),
            models.CheckConstraint(
                condition=Q(coordinator_idle_minutes__gte=5) & Q(coordinator_idle_minutes__lte=720),
                name="program_coordinator_idle_minutes_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def privacy_notice_for_reader(self) -> str:
        """The notice in the reader's language while it is the default one; as written after a
        coordinator changed it."""
        if self.privacy_notice.replace("\r\n", "\n").strip() == DEFAULT_PRIVACY_NOTICE:
            return "\n\n".join(
                gettext(paragraph) for paragraph in DEFAULT_PRIVACY_NOTICE_PARAGRAPHS
            )
        return self.privacy_notice

    SETTING_DEFAULTS = {
        # Mentor dashboard flags.
        "flag_no_checkin_days": 7,
        "flag_mood_drop_points": 2,
        "flag_no_meeting_days": 14,
        "flag_return_to_use_days": 14,
        # A meeting of a pairing that has ended can still be logged this many days.
        "late_log_days": 14,
    }

    def setting(self, name: str):
        return self.settings.get(name, self.SETTING_DEFAULTS[name])

    @property
    def crisis_resource_lines(self) -> list[str]:
        return [line.strip() for line in self.crisis_resources.splitlines() if line.strip()]
