"""Operators' admin for matching: read-only, because every change here has consequences
(capacity, proposals, the `pairing_ended` signal). Ending a pairing is an action that calls
`services.pairing_end`. Reasons, feedback comments and the scoring explanations built from
people's intake answers are not shown."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.models import CHANGE
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import RecordAdmin
from accounts.models import Membership, Role
from accounts.selectors import coordinator_needs_mfa
from matching import services
from matching.models import (
    DoNotPair,
    Intake,
    MatchingRound,
    MatchingSettings,
    Pairing,
    PairingFeedback,
)

PAIRING_SEARCH = ["pairing__mentee__user__email", "pairing__mentor__user__email"]


class MatchingAdmin(RecordAdmin):
    read_only = True
    can_delete = False  # the history of who was matched with whom
    str_is_safe = True  # names people, programs and states, never what they wrote


@admin.register(Intake)
class IntakeAdmin(MatchingAdmin):
    """People edit their intake in the app (`intake_save`); its answers are shown only there,
    to the coordinators who match them."""

    list_display = ["membership", "capacity", "paused", "submitted_at", "updated_at"]
    list_filter = ["paused", "membership__program"]
    search_fields = ["membership__user__email", "membership__user__profile__display_name"]
    list_select_related = ["membership__user", "membership__program"]
    fields = ["membership", "capacity", "paused", "submitted_at", "updated_at", "updated_by"]


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(MatchingAdmin):
    """Coordinators change these on the program's matching settings page."""

    list_display = ["program", "objective", "proposal_expiry_days", "self_match_enabled"]
    search_fields = ["program__name"]
    fields = [
        "program",
        "weights",
        "hard_constraints",
        "objective",
        "min_score",
        "proposal_expiry_days",
        "mentee_acceptance_required",
        "self_match_enabled",
        "updated_at",
    ]


@admin.register(DoNotPair)
class DoNotPairAdmin(MatchingAdmin):
    list_display = ["program", "mentee", "mentor", "created_at"]
    list_filter = ["program"]
    search_fields = ["mentee__user__email", "mentor__user__email", "program__name"]
    fields = ["program", "mentee", "mentor", "created_by", "created_at"]


class PairingActionForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason (to end pairings)"),
        required=False,
        max_length=500,
        help_text=_("Kept with the pairing; not shown in the admin."),
    )


@admin.register(Pairing)
class PairingAdmin(MatchingAdmin):
    list_display = ["mentee", "mentor", "status", "source", "score", "proposed_at"]
    list_filter = ["status", "source", "program"]
    search_fields = ["mentee__user__email", "mentor__user__email", "program__name"]
    list_select_related = ["mentee__user", "mentor__user", "mentee__program", "mentor__program"]
    fields = [
        "program",
        "mentee",
        "mentor",
        "status",
        "source",
        "round",
        "score",
        "overrides_previous_mentor",
        "proposed_by",
        "proposed_at",
        "expires_at",
        "mentor_accepted_at",
        "mentee_accepted_at",
        "activated_at",
        "paused_at",
        "closed_at",
        "closed_by",
    ]
    action_form = PairingActionForm
    actions = ["end_pairings"]

    def has_end_permission(self, request) -> bool:
        return request.user.has_perm("matching.change_pairing")

    @admin.action(
        description=_("End the selected pairings (cancels their planned meetings)"),
        permissions=["end"],
    )
    def end_pairings(self, request, queryset):
        """Each pairing ends through `pairing_end`, acting as the operator's coordinator
        membership in its program: the service's rules and `pairing_ended` apply as in the
        app, and a pairing in a program the operator does not coordinate stays as it is.
        Like the coordinator's pages, this needs two-factor authentication."""
        if coordinator_needs_mfa(request=request, user=request.user):
            # The coordinator's pages ask for two-factor authentication: so does this.
            self.message_user(
                request,
                _("Coordinators see a whole program: turn on two-factor authentication first."),
                messages.ERROR,
            )
            return
        reason = request.POST.get("reason", "").strip()
        if not reason:
            self.message_user(
                request,
                _("Write the reason for ending in the box next to the action."),
                messages.ERROR,
            )
            return
        ended = 0
        for pairing in queryset.select_related("program"):
            by = Membership.objects.filter(
                user=request.user,
                program_id=pairing.program_id,
                role=Role.COORDINATOR,
                status=Membership.Status.ACTIVE,
            ).first()
            if by is None:
                self.message_user(
                    request,
                    _(
                        "Pairing #%(id)s was not ended: only a coordinator of %(program)s can "
                        "end it."
                    )
                    % {"id": pairing.pk, "program": pairing.program},
                    messages.ERROR,
                )
                continue
            try:
                services.pairing_end(pairing=pairing, by=by, reason=reason)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("Pairing #%(id)s was not ended: %(error)s")
                    % {"id": pairing.pk, "error": " ".join(error.messages)},
                    messages.ERROR,
                )
                continue
            self.log_record(request, [pairing], CHANGE, "Ended through the admin.")
            ended += 1
        if ended:
            self.message_user(
                request,
                ngettext("%(count)d pairing ended.", "%(count)d pairings ended.", ended)
                % {"count": ended},
                messages.SUCCESS,
            )


@admin.register(PairingFeedback)
class PairingFeedbackAdmin(MatchingAdmin):
    """The comment is for the program's coordinators, in the app: not shown here."""

    list_display = ["pairing", "author", "rating", "created_at"]
    search_fields = ["author__email", *PAIRING_SEARCH]
    fields = ["pairing", "author", "rating", "created_at"]


@admin.register(MatchingRound)
class MatchingRoundAdmin(MatchingAdmin):
    """Rounds start, are reviewed and confirmed by coordinators in the app. The proposals'
    explanations come from intake answers: only their number is shown."""

    list_display = ["program", "status", "objective", "progress", "created_at"]
    list_filter = ["status", "program"]
    search_fields = ["program__name"]
    fields = [
        "program",
        "created_by",
        "objective",
        "status",
        "progress",
        "proposal_count",
        "unmatched_count",
        "error",
        "created_at",
        "finished_at",
        "confirmed_at",
    ]
    readonly_fields = ["proposal_count", "unmatched_count"]

    @admin.display(description=_("proposed pairs"))
    def proposal_count(self, matching_round) -> int:
        return len(matching_round.proposals)

    @admin.display(description=_("mentees left unmatched"))
    def unmatched_count(self, matching_round) -> int:
        return len(matching_round.unmatched)
