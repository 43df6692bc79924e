import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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

DEFAULT_PRIVACY_NOTICE = "\n\n".join(
    [
        "What you record in this program is yours. Your mentor sees only what you choose to "
        "share with them; your private journal is for you alone. Coordinators see how the "
        "program is going (for example, how many meetings took place), not what you wrote, "
        "unless you agree.",
        "Records about substance use are protected by federal law (42 CFR Part 2). We never "
        "share them with anyone outside the program without your written consent, and our "
        "emails never mention recovery.",
        "You can download your data or ask us to delete it at any time.",
    ]
)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def default_invitation_valid_days() -> int:
    return settings.INVITATION_VALID_DAYS


def new_token() -> str:
    return secrets.token_urlsafe(24)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        # Every person has a profile from the start: pages never have to check.
        Profile.objects.get_or_create(user=user)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Email is the login; there is no username."""

    email = models.EmailField(_("email address"), unique=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return profile.display_name
        return self.email.split("@")[0]


class Profile(models.Model):
    """What a person tells the program about themselves. An alias is fine as display name."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("The name others in your program see. A first name or an alias is fine."),
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    email_reminders = models.BooleanField(
        _("email me reminders"),
        default=True,
        help_text=_("Check-in and meeting reminders. They never mention recovery."),
    )
    email_updates = models.BooleanField(
        _("email me program updates"),
        default=True,
        help_text=_("Messages from your mentor or coordinator, events and proposals."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")

    def __str__(self) -> str:
        return self.display_name or str(self.user)


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
    crisis_resources = models.TextField(
        _("crisis resources"),
        default=DEFAULT_CRISIS_RESOURCES,
        help_text=_("Shown behind every “Get help now” link in this program. One per line."),
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
        ]

    def __str__(self) -> str:
        return self.name

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


class Role(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    COORDINATOR = "coordinator", _("Coordinator")


class Membership(models.Model):
    """A person's place in one program. One per person per program."""

    class Status(models.TextChoices):
        # Joined, but has not yet acknowledged the privacy notice.
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        LEFT = "left", _("Left")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INVITED
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    privacy_notice_version = models.PositiveIntegerField(null=True, blank=True)
    privacy_acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["program__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="membership_one_per_program"),
        ]
        indexes = [models.Index(fields=["program", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.program} · {self.get_role_display()}"

    @property
    def has_acknowledged_privacy(self) -> bool:
        return (
            self.privacy_notice_version is not None
            and self.privacy_notice_version >= self.program.privacy_notice_version
        )

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR

    @property
    def is_mentee(self) -> bool:
        return self.role == Role.MENTEE


class Invitation(models.Model):
    """A coordinator's invitation to join a program with a role, sent by email.

    The link carries a signed (invitation id, nonce) pair: a forged link fails the
    signature, an expired one fails max_age, a used one has accepted_at set.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nonce = models.CharField(max_length=64, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address per program: a double-posted form or two
            # coordinators at once cannot send two.
            models.UniqueConstraint(
                "program",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.program} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.is_expired():
            return "expired"
        return "pending"


class FormSubmission(models.Model):
    """A form's one-time key, claimed in the same transaction as the write it protects.

    A double click, a reload or the back button sends the same key again; the unique
    constraint refuses it, so the write happens once even when both posts race.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="form_submission_once"),
        ]

    def __str__(self) -> str:
        return f"Form submission {self.key[:8]}…"
