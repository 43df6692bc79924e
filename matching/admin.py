from django.contrib import admin

from .models import DoNotPair, Intake, MatchingRound, MatchingSettings, Pairing, PairingFeedback


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = ["membership", "capacity", "paused", "updated_at"]
    search_fields = ["membership__user__email", "membership__user__profile__display_name"]
    list_select_related = ["membership__user", "membership__program"]
    raw_id_fields = ["membership", "updated_by"]


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(admin.ModelAdmin):
    list_display = ["program", "objective", "proposal_expiry_days", "self_match_enabled"]
    search_fields = ["program__name"]


@admin.register(DoNotPair)
class DoNotPairAdmin(admin.ModelAdmin):
    list_display = ["program", "mentee", "mentor", "created_at"]
    search_fields = ["mentee__user__email", "mentor__user__email", "program__name"]
    raw_id_fields = ["mentee", "mentor", "created_by"]


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ["mentee", "mentor", "status", "source", "score", "proposed_at"]
    list_filter = ["status", "source", "program"]
    search_fields = ["mentee__user__email", "mentor__user__email", "program__name"]
    list_select_related = ["mentee__user", "mentor__user", "mentee__program", "mentor__program"]
    raw_id_fields = ["mentee", "mentor", "proposed_by", "closed_by", "round"]


@admin.register(PairingFeedback)
class PairingFeedbackAdmin(admin.ModelAdmin):
    list_display = ["pairing", "author", "rating", "created_at"]
    search_fields = ["author__email", "comment"]
    raw_id_fields = ["pairing", "author"]


@admin.register(MatchingRound)
class MatchingRoundAdmin(admin.ModelAdmin):
    list_display = ["program", "status", "objective", "progress", "created_at"]
    list_filter = ["status", "program"]
    search_fields = ["program__name"]
    readonly_fields = ["proposals", "unmatched", "stats"]
