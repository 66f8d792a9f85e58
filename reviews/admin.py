from django.contrib import admin

from .models import CalibrationChange, CalibrationSession, Conversation, FeedbackRequest, Review


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Read-mostly: content is written through the API, states only through the flows."""

    list_display = ["person", "cycle", "manager", "state", "preliminary_rating", "calibrated_rating"]
    list_filter = ["state", "cycle"]
    search_fields = ["person__full_name"]
    raw_id_fields = ["person", "manager", "unit", "cycle"]
    readonly_fields = ["state", "version"]


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(admin.ModelAdmin):
    list_display = ["review", "respondent", "group", "state"]
    list_filter = ["state", "group"]
    raw_id_fields = ["review", "respondent", "cycle", "created_by"]
    readonly_fields = ["state", "version"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    """States only through ConversationFlow; private notes stay visible here to staff (HR) only."""

    list_display = ["review", "state", "scheduled_at", "held_at"]
    list_filter = ["state"]
    raw_id_fields = ["review", "created_by"]
    readonly_fields = ["state", "employee_acknowledged_at", "manager_acknowledged_at"]


@admin.register(CalibrationSession)
class CalibrationSessionAdmin(admin.ModelAdmin):
    list_display = ["name", "cycle", "created_by", "created_at"]
    list_filter = ["cycle"]
    raw_id_fields = ["cycle", "created_by", "participants"]
    filter_horizontal = ["units"]


@admin.register(CalibrationChange)
class CalibrationChangeAdmin(admin.ModelAdmin):
    """The log is written by the calibrate transition only."""

    list_display = ["review", "by", "from_rating", "to_rating", "at"]
    raw_id_fields = ["review", "by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
