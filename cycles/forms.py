"""HR's cycle configuration form: the model's fields, plus one field per phase deadline and per group weight
(stored as JSON on the cycle). The service checks the rest (limits, locked fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from okrs.models import Period
from people.models import Unit

from .models import ReviewCycle
from .services import LOCKED_AFTER_LAUNCH

PHASE_LABELS = dict(ReviewCycle.State.choices)
GROUP_LABELS = {"manager": _("Manager"), "customer": _("Customer"), "peer": _("Peer"), "report": _("Report")}


FIELDS = ["name", "periods", "participant_units", "hired_before", "template", "final_scale", "potential_scale",
          "anonymity", "anonymity_threshold", "min_respondents", "max_respondents", "max_requests_per_respondent",
          "feedback_phase", "calibration_phase"]


class CycleForm(forms.Form):
    """A plain form over the model's fields: the cycle services validate the configuration (one place)."""

    periods = forms.ModelMultipleChoiceField(label=_("OKR periods"), queryset=Period.objects.order_by("-start"),
                                             widget=forms.SelectMultiple(attrs={"size": 6}))
    participant_units = forms.ModelMultipleChoiceField(
        label=_("Participant units"), queryset=Unit.objects.order_by("path"),
        help_text=_("People in these units and the units under them take part."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    HELP = {
        "hired_before": _("People hired after this date are on probation and left out."),
        "anonymity_threshold": _("In anonymous mode, a group with fewer responses is withheld."),
        "max_requests_per_respondent": _("How many open feedback requests one person may hold in the cycle."),
    }

    def __init__(self, *args, instance: ReviewCycle | None = None, **kwargs):
        self.instance = cycle = instance or ReviewCycle()
        if cycle.pk:
            kwargs.setdefault("initial", model_to_dict(cycle, fields=FIELDS))
        super().__init__(*args, **kwargs)
        declared = dict(self.fields)
        model_fields = forms.fields_for_model(
            ReviewCycle, fields=FIELDS, widgets={"hired_before": forms.DateInput(attrs={"type": "date"})},
            help_texts=self.HELP,
        )
        self.fields = {name: declared.get(name) or model_fields[name] for name in FIELDS}
        for phase in ReviewCycle.PHASES:
            self.fields[f"deadline_{phase}"] = forms.DateField(
                label=PHASE_LABELS[phase], required=False, widget=forms.DateInput(attrs={"type": "date"}),
                initial=cycle.deadline(phase) if cycle.pk else None,
            )
        for group in ReviewCycle.GROUPS:
            self.fields[f"weight_{group}"] = forms.FloatField(
                label=GROUP_LABELS[group], min_value=0, max_value=100,
                initial=cycle.weight(group) if cycle.pk else 1,
            )
        if cycle.pk and cycle.state != ReviewCycle.State.DRAFT:
            # The reviews were built on these: shown, not editable.
            for name in LOCKED_AFTER_LAUNCH:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the cycle is launched.")

    def deadline_fields(self):
        return [self[f"deadline_{phase}"] for phase in ReviewCycle.PHASES]

    def weight_fields(self):
        return [self[f"weight_{group}"] for group in ReviewCycle.GROUPS]

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as the cycle services take it."""
        data = {name: self.cleaned_data[name] for name in FIELDS if not self.fields[name].disabled}
        data["deadlines"] = {phase: self.cleaned_data[f"deadline_{phase}"].isoformat()
                             for phase in ReviewCycle.PHASES if self.cleaned_data.get(f"deadline_{phase}")}
        data["group_weights"] = {group: self.cleaned_data[f"weight_{group}"] for group in ReviewCycle.GROUPS}
        return data
