from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Rule


class SilenceForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), choices=Rule.choices)
    key_result = forms.IntegerField(label=_("Key result"), required=False, min_value=1)
    reason = forms.CharField(label=_("Why does it not apply here?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class RuleForm(forms.Form):
    """One rule's switch and thresholds; the threshold fields follow the rule's defaults."""

    enabled = forms.BooleanField(label=_("Enabled"), required=False)

    LABELS = {
        "max": _("At most"), "days": _("Days without a check-in"), "at_least": _("Closed at or above"),
        "at_most": _("Closed at or below"), "periods": _("Periods running"), "after_days": _("Days into the period"),
    }

    def __init__(self, *args, spec, **kwargs):
        super().__init__(*args, **kwargs)
        for name, default in spec.defaults.items():
            low, high = spec.bounds[name]
            field_class = forms.IntegerField if isinstance(default, int) else forms.FloatField
            self.fields[name] = field_class(label=self.LABELS.get(name, name), min_value=low, max_value=high)

    def params(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "enabled"}
