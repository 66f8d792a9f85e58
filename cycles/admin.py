from django.contrib import admin

from .checks import ANONYMITY_LOCKED, LOCKED_AFTER_LAUNCH
from .models import Question, RatingScale, ReviewCycle, ReviewTemplate, ScaleLevel


class ScaleLevelInline(admin.TabularInline):
    model = ScaleLevel
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [ScaleLevelInline]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "section", "kind", "author", "texts", "scale", "required"]


@admin.register(ReviewTemplate)
class ReviewTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [QuestionInline]


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    """Configuration only: the state moves through the API's transitions (the runner logs them)."""

    list_display = ["name", "state", "anonymity", "created_at"]
    list_filter = ["state", "anonymity"]
    search_fields = ["name"]
    readonly_fields = ["state", "copied_from"]
    filter_horizontal = ["periods", "participant_units"]

    def get_readonly_fields(self, request, obj=None):
        # The reviews were built on these, and respondents answer under the anonymity: fixed once the cycle is
        # launched, as in the API and the page.
        if obj is not None and obj.state != ReviewCycle.State.DRAFT:
            return [*self.readonly_fields, *LOCKED_AFTER_LAUNCH, *ANONYMITY_LOCKED]
        return self.readonly_fields
