"""Forms of the goals pages. They only clean input: every write goes through ``okrs.services``,
whose refusals land back on the form's fields (``views.common.add_service_errors``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Unit

from .models import DevelopmentGoal, KeyResult, Objective, Period, WeeklyPlan


class ObjectiveForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    level = forms.ChoiceField(label=_("Level"), choices=Objective.Level.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False,
                                  help_text=_("For company, unit and team objectives."))
    period = forms.ModelChoiceField(label=_("Period"), queryset=Period.objects.order_by("start", "-end"))
    parent = forms.ChoiceField(label=_("Serves"), required=False,
                               help_text=_("The objective or key result above that this one contributes to."))
    private = forms.BooleanField(label=_("Private (only you, your managers and HR see it)"), required=False)

    def __init__(self, *args, units=None, parents=(), locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        choices: list = [("", _("— nothing above —"))]
        for objective in parents:
            group = [(f"o{objective.pk}", objective.title)]
            group += [(f"k{kr.pk}", f"↳ {kr.title}") for kr in objective.key_results.all()]
            choices.append((f"{objective.get_level_display()} · {objective.unit.name if objective.unit else ''}",
                            group))
        self.fields["parent"].choices = choices
        if locked:
            # Agreed: the wording is locked, only the private flag may still change.
            for name in ("title", "description", "level", "unit", "period", "parent"):
                self.fields[name].disabled = True

    def service_fields(self) -> dict:
        """The cleaned data as ``objective_create`` / ``objective_update`` take it."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "parent"}
        parent = self.cleaned_data.get("parent") or ""
        data["parent_objective"] = Objective.objects.filter(pk=parent[1:]).first() if parent[:1] == "o" else None
        data["parent_key_result"] = (
            KeyResult.objects.select_related("objective").filter(pk=parent[1:]).first() if parent[:1] == "k" else None
        )
        return data


class KeyResultForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=KeyResult.Kind.choices)
    start = forms.DecimalField(label=_("Start"), max_digits=18, decimal_places=4, initial=0)
    target = forms.DecimalField(label=_("Target"), max_digits=18, decimal_places=4, required=False)
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=40, required=False)
    weight = forms.DecimalField(label=_("Weight"), max_digits=8, decimal_places=2, initial=1)
    reason = forms.CharField(label=_("Reason for the change"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Needed once the objective is agreed; it is logged."))


class CheckInForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=18, decimal_places=4)
    confidence = forms.IntegerField(label=_("Confidence (0–10)"), min_value=0, max_value=10, initial=5)
    note = forms.CharField(label=_("Note"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DevelopmentGoalForm(forms.ModelForm):
    class Meta:
        model = DevelopmentGoal
        fields = ["title", "period", "competency", "actions", "support_needed", "due_date", "status",
                  "progress_notes"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "actions": forms.Textarea(attrs={"rows": 3}),
            "support_needed": forms.Textarea(attrs={"rows": 2}),
            "progress_notes": forms.Textarea(attrs={"rows": 3}),
        }


class WeeklyPlanForm(forms.Form):
    priorities = forms.CharField(label=_("Priorities this week"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 6}))
    plans_next_weeks = forms.CharField(label=_("Plans for the next four weeks"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 6}))
    health = forms.ChoiceField(label=_("Health"), choices=WeeklyPlan.Health.choices)
    health_notes = forms.CharField(label=_("Health notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class DependencyForm(forms.Form):
    to_unit = forms.ModelChoiceField(label=_("Unit asked"), queryset=Unit.objects.order_by("path"))
    key_result = forms.ModelChoiceField(label=_("Key result (optional)"), queryset=KeyResult.objects.none(),
                                        required=False)
    message = forms.CharField(label=_("What you ask for"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, objective: Objective, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = Unit.objects.exclude(pk=objective.unit_id).order_by("path")
        self.fields["key_result"].queryset = objective.key_results.order_by("position", "pk")
