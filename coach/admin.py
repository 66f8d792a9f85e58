from django.contrib import admin

from .models import CoachRule, Silence


@admin.register(CoachRule)
class CoachRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "enabled", "params", "updated_by", "updated_at"]
    list_editable = ["enabled"]
    readonly_fields = ["code", "updated_by", "updated_at"]

    def has_add_permission(self, request) -> bool:
        # Every rule has its row from the data migration; rules are code, so none is added here.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Silence)
class SilenceAdmin(admin.ModelAdmin):
    list_display = ["rule", "objective", "key_result", "by", "at"]
    list_filter = ["rule"]
    search_fields = ["objective__title", "reason"]
    raw_id_fields = ["objective", "key_result", "by"]
