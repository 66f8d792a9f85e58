from django import forms
from django.utils.translation import gettext_lazy as _

from cycles.selectors import cycles_visible_to
from people.selectors import units_visible_to

from .models import PdfBatch


class BatchForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("Review cycle"), queryset=None)
    unit = forms.ModelChoiceField(label=_("Unit (and the units under it)"), queryset=None, required=False,
                                  empty_label=_("Everyone I may see"))
    copy = forms.ChoiceField(label=_("Copy"), choices=PdfBatch.Copy.choices, initial=PdfBatch.Copy.READER)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles_visible_to(user).order_by("-created_at", "-pk")
        self.fields["unit"].queryset = units_visible_to(user).order_by("path")
