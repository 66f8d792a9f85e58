from django.contrib import admin

from .models import PrivacyLog


@admin.register(PrivacyLog)
class PrivacyLogAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "subject_label", "subject_id", "actor_name"]
    list_filter = ["action"]
    search_fields = ["subject_label", "actor_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
