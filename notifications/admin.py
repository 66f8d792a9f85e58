from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["person", "key", "day", "channel", "subject", "sent_at"]
    list_filter = ["channel", "day"]
    search_fields = ["key", "person__full_name"]
    raw_id_fields = ["person"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
