from django.contrib import admin

from .models import Notification, NotificationSettings


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["person", "key", "day", "channel", "subject", "sent_at", "attempts", "failed_at"]
    list_filter = ["channel", "day", ("failed_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "person__full_name"]
    raw_id_fields = ["person"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    # The webhook URLs are secrets of their owner: the list shows the channels, not the URLs.
    list_display = ["person", "email", "slack", "teams", "updated_at"]
    search_fields = ["person__full_name"]
    raw_id_fields = ["person"]
    exclude = ["slack_webhook", "teams_webhook"]
