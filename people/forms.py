from django import forms
from django.contrib.auth import forms as auth_forms
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .emails import canonical_email
from .language import stored_language
from .models import Person

# 200,000 rows of an org chart are about 25 MB of CSV; anything much bigger is not an org chart.
MAX_IMPORT_BYTES = 50 * 1024 * 1024


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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.") % {"limit": filesizeformat(MAX_IMPORT_BYTES)}
            )
        return upload


class LoginForm(auth_forms.AuthenticationForm):
    """Django's, with the email in its one spelling (people.emails) before the backends and the throttle read it."""

    def clean_username(self) -> str:
        return canonical_email(self.cleaned_data.get("username"))


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, with the email in the language the person chose (else the language of the page they asked on)."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        person = Person.objects.filter(user=context["user"]).first()
        with translation.override(stored_language(person) or translation.get_language()):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
