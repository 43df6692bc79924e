"""Surveys in the admin: which questionnaires a program defined (program content), and that
responses, answers and exports exist, who and when, never what anyone answered (no value,
no free text). Read-only: the services are the only writers."""

from django.contrib import admin

from accounts.admin import ReadOnlyInline, RecordAdmin

from ..models import Answer, Item, Questionnaire, Response, SurveyExport


class SurveysAdmin(RecordAdmin):
    read_only = True
    can_delete = False


class ItemInline(ReadOnlyInline, admin.TabularInline):
    model = Item
    fields = ["position", "text", "scale", "min_value", "max_value", "reverse_scored", "subscale"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(SurveysAdmin):
    str_is_safe = True  # the program's title, not a member's words
    list_display = ["title", "program", "due", "every_days", "audience", "is_active", "created_at"]
    list_filter = ["is_active", "due", "audience"]
    search_fields = ["title", "program__name", "program__slug"]
    list_select_related = ["program"]
    fields = [
        "program",
        "title",
        "intro",
        "due",
        "every_days",
        "audience",
        "is_active",
        "created_by",
        "created_at",
    ]
    inlines = [ItemInline]


@admin.register(Item)
class ItemAdmin(SurveysAdmin):
    str_is_safe = True  # the program's question
    list_display = ["record", "questionnaire", "position", "scale", "reverse_scored"]
    search_fields = ["questionnaire__title", "questionnaire__program__name"]
    list_select_related = ["questionnaire"]
    fields = [
        "questionnaire",
        "position",
        "text",
        "scale",
        "min_value",
        "max_value",
        "reverse_scored",
        "subscale",
    ]


@admin.register(Response)
class ResponseAdmin(SurveysAdmin):
    str_is_safe = True  # "Survey response #12"
    list_display = ["record", "questionnaire", "membership", "role", "submitted_at"]
    list_filter = ["role"]
    search_fields = ["membership__user__email", "membership__user__profile__display_name"]
    list_select_related = ["questionnaire", "membership__user", "membership__program"]
    fields = ["questionnaire", "membership", "role", "pairing", "submitted_at"]


@admin.register(Answer)
class AnswerAdmin(SurveysAdmin):
    str_is_safe = True  # "Survey answer #12"
    list_display = ["record", "response", "item"]
    search_fields = ["response__membership__user__email"]
    list_select_related = ["response", "item"]
    fields = ["response", "item"]


@admin.register(SurveyExport)
class SurveyExportAdmin(SurveysAdmin):
    str_is_safe = True
    list_display = ["record", "program", "questionnaire", "exported_by", "created_at"]
    search_fields = ["program__name", "exported_by__email"]
    list_select_related = ["program", "questionnaire", "exported_by"]
    fields = ["program", "questionnaire", "exported_by", "created_at"]
