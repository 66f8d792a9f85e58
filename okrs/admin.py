from django.contrib import admin

from .models import CheckIn, Dependency, DevelopmentGoal, KeyResult, KeyResultAdjustment, Objective, Period


class ReadOnlyAdmin(admin.ModelAdmin):
    """Goals change only through their services and flows (locks, logs, recomputed scores): the admin reads."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    """HR adds periods beyond the quarters and halves created automatically."""

    list_display = ["code", "kind", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["code"]
    ordering = ["-start", "-end"]


class KeyResultInline(admin.TabularInline):
    model = KeyResult
    extra = 0
    fields = ["title", "kind", "start", "target", "current", "weight", "owner", "confidence", "progress", "grade"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Objective)
class ObjectiveAdmin(ReadOnlyAdmin):
    list_display = ["title", "level", "unit", "owner", "period", "state", "score"]
    list_filter = ["level", "state", "period"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "owner", "parent_objective", "parent_key_result", "created_by"]
    list_select_related = ["unit", "owner", "period"]
    inlines = [KeyResultInline]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["key_result", "value", "confidence", "author", "created_at"]
    raw_id_fields = ["key_result", "author"]
    list_select_related = ["key_result", "author"]


@admin.register(KeyResultAdjustment)
class KeyResultAdjustmentAdmin(ReadOnlyAdmin):
    list_display = ["key_result", "by", "at", "reason"]
    raw_id_fields = ["key_result", "by"]


@admin.register(Dependency)
class DependencyAdmin(ReadOnlyAdmin):
    list_display = ["objective", "from_unit", "to_unit", "state", "responded_by"]
    list_filter = ["state"]
    raw_id_fields = ["from_unit", "to_unit", "objective", "key_result", "responded_by", "created_by"]


@admin.register(DevelopmentGoal)
class DevelopmentGoalAdmin(ReadOnlyAdmin):
    list_display = ["title", "person", "period", "status", "due_date"]
    list_filter = ["status", "source"]
    raw_id_fields = ["person", "created_by"]
