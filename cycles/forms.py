"""HR's cycle configuration form: the model's fields, plus one field per phase deadline and per group weight
(stored as JSON on the cycle). The configuration is checked by the cycle services' ``cycle_problems`` (one
place, the API's too), from ``clean`` so every problem shows at once, each beside its own field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from common.widgets import Picker
from okrs.models import Period
from people.models import Unit

from .checks import ANONYMITY_LOCKED, LOCKED_AFTER_LAUNCH, Problem, cycle_problems, default_scale, default_template
from .models import ReviewCycle

PHASE_LABELS = dict(ReviewCycle.State.choices)
GROUP_LABELS = {"manager": _("Manager"), "customer": _("Customer"), "peer": _("Peer"), "report": _("Report")}


FIELDS = ["name", "periods", "participant_units", "hired_before", "template", "final_scale", "potential_scale",
          "anonymity", "anonymity_threshold", "min_respondents", "max_respondents", "max_requests_per_respondent",
          "feedback_phase", "calibration_phase"]


def date_input() -> forms.DateInput:
    # A browser's date field reads only ISO dates: never the language's own format (04.09.2026 in Russian).
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        return unit.path  # "Acme/Engineering/Platform": two teams may share a name


class CycleForm(forms.Form):
    """A plain form over the model's fields: the cycle services validate the configuration (one place)."""

    periods = forms.ModelMultipleChoiceField(label=_("OKR periods"), queryset=Period.objects.order_by("-start"),
                                             widget=Picker(placeholder=_("Find a period, e.g. 2027-Q1"), size=6))
    participant_units = UnitChoices(
        label=_("Participant units"), queryset=Unit.objects.order_by("path"),
        help_text=_("People in these units and the units under them take part."),
        widget=Picker(placeholder=_("Find a unit by name"), size=8),
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
        else:  # a new cycle starts from the ready template and scales
            kwargs.setdefault("initial", {"template": default_template(), "final_scale": default_scale("final-rating"),
                                          "potential_scale": default_scale("potential")})
        super().__init__(*args, **kwargs)
        declared = dict(self.fields)
        model_fields = forms.fields_for_model(
            ReviewCycle, fields=FIELDS, widgets={"hired_before": date_input()},
            help_texts=self.HELP,
        )
        self.fields = {name: declared.get(name) or model_fields[name] for name in FIELDS}
        for phase in ReviewCycle.PHASES:
            self.fields[f"deadline_{phase}"] = forms.DateField(
                label=PHASE_LABELS[phase], required=False, widget=date_input(),
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
            # Respondents answer under these: changing them would reveal what they were promised to keep hidden.
            locked_anonymity = [name for name in ANONYMITY_LOCKED if name in self.fields]
            locked_anonymity += [f"weight_{group}" for group in ReviewCycle.GROUPS]
            for name in locked_anonymity:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the cycle is launched: respondents answer under the "
                                                "anonymity they were promised.")

    def deadline_fields(self):
        return [self[f"deadline_{phase}"] for phase in ReviewCycle.PHASES]

    def weight_fields(self):
        return [self[f"weight_{group}"] for group in ReviewCycle.GROUPS]

    def clean(self) -> dict[str, Any]:
        """The service's check over whatever passed the fields' own checks, so every problem shows at once."""
        cleaned = super().clean()
        fields = self.service_fields()
        name = fields.pop("name", self.instance.name if self.instance.pk else "")
        for problem in cycle_problems(cycle=self.instance if self.instance.pk else None, name=name, **fields):
            self.add_problem(problem)
        return cleaned

    def field_of(self, problem: Problem) -> str | None:
        """The form field a service problem belongs beside (a deadline or weight by its phase or group)."""
        name = {"deadlines": f"deadline_{problem.part}", "group_weights": f"weight_{problem.part}"}.get(
            problem.field, problem.field) if problem.part else problem.field
        return name if name in self.fields else None

    def add_problem(self, problem: Problem) -> None:
        name = self.field_of(problem)
        if name is not None and self.has_error(name):
            return  # the field's own check has said what is wrong with it
        self.add_error(name, problem.message)

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as the cycle services take it (only the fields that passed their own checks)."""
        data = {name: self.cleaned_data[name] for name in FIELDS
                if not self.fields[name].disabled and name in self.cleaned_data}
        data["deadlines"] = {phase: self.cleaned_data[f"deadline_{phase}"].isoformat()
                             for phase in ReviewCycle.PHASES if self.cleaned_data.get(f"deadline_{phase}")}
        if not any(self[field.name].field.disabled for field in self.weight_fields()):  # fixed once launched
            data["group_weights"] = {group: self.cleaned_data[f"weight_{group}"] for group in ReviewCycle.GROUPS
                                     if self.cleaned_data.get(f"weight_{group}") is not None}
        return data
