from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationSettings
from .preferences import check_settings


class NotificationSettingsForm(forms.ModelForm):
    slack_webhook = forms.URLField(label=_("Slack webhook URL"), max_length=500, required=False, assume_scheme="https")
    teams_webhook = forms.URLField(label=_("Teams webhook URL"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = NotificationSettings
        fields = ["email", "slack", "slack_webhook", "teams", "teams_webhook"]
        labels = {"email": _("Email"), "slack": _("Slack"), "teams": _("Microsoft Teams")}
        help_texts = {
            "slack_webhook": _("An incoming webhook of a Slack app, e.g. https://hooks.slack.com/services/…"),
            "teams_webhook": _("A Teams channel's incoming webhook (Workflows), e.g. https://….logic.azure.com/…"),
        }

    def clean(self):
        data = super().clean()
        for field, messages in check_settings(data).items():
            for message in messages:
                self.add_error(field, message)
        return data
