from django import forms
from django.utils.translation import gettext_lazy as _


class OrgImportForm(forms.Form):
    file = forms.FileField(
        label=_("Org chart file"),
        help_text=_("CSV (UTF-8) or XLSX with the columns email, full_name, title, unit_path, manager_email, "
                    "hire_date."),
    )
    deactivate_missing = forms.BooleanField(
        label=_("Deactivate people missing from the file"), required=False,
        help_text=_("Active people who are neither in the file nor named in it as a manager are deactivated."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run"), required=False, help_text=_("Check the file and show what would change; write nothing."),
    )
