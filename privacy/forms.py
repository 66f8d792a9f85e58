from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."), required=True)
    reason = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False)
