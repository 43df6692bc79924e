"""The registry of notification kinds: what each is, who it is for, how it goes by default.

`KINDS[code]` is a `Kind`; `kind_get(code)` raises `KeyError` for an unknown code. Templates
for kind `k` are `notifications/email/k_subject.txt`, `k.txt` and `k.html`. Wording rules
(every kind): never name recovery, substance use, or a recovery program; never carry what a
person wrote, only a link into PeerPath.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Channel:
    EMAIL = "email"
    IN_APP = "in_app"
    SMS = "sms"
    OFF = "off"


class Audience:
    MENTEE = "mentee"
    MENTOR = "mentor"
    BOTH = "mentee_or_mentor"
    COORDINATOR = "coordinator"
    ANYONE = "anyone"


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise
    audience: str
    default_channel: str = Channel.EMAIL
    sms_allowed: bool = False
    # Safety kinds go at once, even inside the person's quiet hours.
    urgent: bool = False
    # About the account's own safety: the profile's general "email me updates" switch does
    # not silence it (an explicit choice for this kind still does).
    account_security: bool = False

    @property
    def subject_template(self) -> str:
        return f"notifications/email/{self.code}_subject.txt"

    @property
    def text_template(self) -> str:
        return f"notifications/email/{self.code}.txt"

    @property
    def html_template(self) -> str:
        return f"notifications/email/{self.code}.html"


_ALL = [
    Kind("checkin_reminder", _("Check-in reminders"), Audience.MENTEE, sms_allowed=True),
    Kind(
        "meeting_reminder_24h", _("Meeting reminders a day before"), Audience.BOTH, sms_allowed=True
    ),
    Kind(
        "meeting_reminder_1h",
        _("Meeting reminders an hour before"),
        Audience.BOTH,
        sms_allowed=True,
    ),
    Kind("meeting_proposed", _("A meeting is proposed"), Audience.BOTH),
    Kind("meeting_confirmed", _("A meeting is confirmed"), Audience.BOTH),
    Kind("meeting_moved", _("A meeting is moved"), Audience.BOTH),
    Kind("meeting_cancelled", _("A meeting is cancelled"), Audience.BOTH),
    Kind("pairing_proposed", _("A new pairing is proposed"), Audience.BOTH),
    Kind("pairing_accepted", _("A pairing is accepted"), Audience.ANYONE),
    Kind("pairing_declined", _("A pairing is declined"), Audience.ANYONE),
    Kind("pairing_waiting", _("A pairing is waiting for your answer"), Audience.BOTH),
    Kind(
        "outreach_requested", _("Your mentee asks you to reach out"), Audience.MENTOR, urgent=True
    ),
    Kind(
        "outreach_unassigned",
        _("A mentee without a mentor asks for outreach"),
        Audience.COORDINATOR,
        urgent=True,
    ),
    Kind("return_to_use_shared", _("Your mentee shared an update"), Audience.MENTOR, urgent=True),
    Kind("no_checkin_nudge", _("A mentee has not checked in for a while"), Audience.MENTOR),
    Kind("encouragement", _("Encouragement from your mentor"), Audience.MENTEE),
    Kind("action_item", _("New action items"), Audience.BOTH),
    Kind("pair_stalled", _("A pair has not met for a while"), Audience.COORDINATOR),
    Kind("weekly_digest", _("Weekly program summary"), Audience.COORDINATOR),
    Kind("survey_due", _("A survey is ready for you"), Audience.BOTH),
    Kind("new_message", _("New messages"), Audience.ANYONE),
    Kind("announcement", _("Announcements"), Audience.ANYONE),
    Kind("message_reported", _("A message is reported for review"), Audience.COORDINATOR),
    Kind(
        "delivery_failed",
        _("A notification could not be delivered"),
        Audience.COORDINATOR,
        default_channel=Channel.IN_APP,
    ),
    Kind(
        "sign_in_attempts",
        _("Many failed sign-in attempts on your account"),
        Audience.ANYONE,
        urgent=True,
        account_security=True,
    ),
]

# The kinds the profile's "Email me reminders" switch covers; "program updates" covers the rest.
REMINDER_KINDS = frozenset({"checkin_reminder", "meeting_reminder_24h", "meeting_reminder_1h"})

KINDS: dict[str, Kind] = {kind.code: kind for kind in _ALL}
KIND_CHOICES = [(kind.code, kind.label) for kind in _ALL]


def kind_get(code: str) -> Kind:
    return KINDS[code]
