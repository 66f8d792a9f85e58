from django.contrib import admin

from .models import FeedbackRequest, Review


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
