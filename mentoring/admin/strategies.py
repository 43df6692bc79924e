"""Strategies, and which were shared with whom."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mentoring import services
from mentoring.models import PersonalStrategy, Strategy, StrategyShare

from .common import MEMBER_SEARCH, MentoringAdmin, record_link


@admin.register(Strategy)
class StrategyAdmin(MentoringAdmin):
    """Strategies are written to be shared (a mentor's own, or the program library that
    coordinators curate in the app)."""

    str_is_safe = True
    list_display = ["title", "program", "category", "in_library", "archived_at"]
    list_filter = ["category", "in_library", "program"]
    search_fields = ["title", "body", "author__email"]
    fields = [
        "program",
        "author",
        "category",
        "title",
        "body",
        "link",
        "in_library",
        "created_at",
        "updated_at",
        "archived_at",
    ]


@admin.register(StrategyShare)
class StrategyShareAdmin(MentoringAdmin):
    """Which strategies a mentor shared with a mentee says something about the mentee:
    strategies are named by number here."""

    list_display = ["record", "strategy_link", "mentee", "shared_at"]
    search_fields = ["mentee__user__email"]
    list_select_related = ["strategy", "mentee__user", "mentee__program"]
    fields = ["strategy_link", "mentee", "shared_by", "shared_at"]
    readonly_fields = ["strategy_link"]

    @admin.display(description=_("strategy"))
    def strategy_link(self, share):
        return record_link(share.strategy)


@admin.register(PersonalStrategy)
class PersonalStrategyAdmin(MentoringAdmin):
    """A mentee's own strategy: that it exists and who may see it, never what it says (the
    title and steps are the mentee's words). An operator may delete one (through
    `personal_strategy_delete`), never read it."""

    can_delete = True
    str_is_safe = True  # "Personal strategy #12", by design
    list_display = ["record", "membership", "visibility", "created_at", "updated_at"]
    list_filter = ["visibility"]
    search_fields = MEMBER_SEARCH
    list_select_related = ["membership__user", "membership__program"]
    fields = ["membership", "visibility", "created_at", "updated_at"]

    def delete_model(self, request, obj):
        services.personal_strategy_delete(strategy=obj)

    def delete_queryset(self, request, queryset):
        for strategy in queryset:
            services.personal_strategy_delete(strategy=strategy)
