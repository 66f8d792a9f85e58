"""Page forms of praise, feedback, asks, notes and HR's settings: they check the shape of the input; the
services decide the rest. Each free-text field carries the writing coach's findings (``coaching``), none yet."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.widgets import RemotePicker
from people.models import Person

from . import coaching
from .models import LANGUAGES, TEXT_LIMIT, CompanyValue, Feedback, FeedbackSettings
from .services.feedback import MAX_RESPONDENTS, QUESTION_LIMIT
from .services.notes import NOTE_LIMIT
from .services.praise import MAX_RECIPIENTS, MESSAGE_LIMIT
from .services.settings import DESCRIPTION_LIMIT, NAME_LIMIT

PEOPLE_URL = reverse_lazy("cycles:people_choices")
LANGUAGE_NAMES = {"en": _("English"), "ru": _("Russian"), "zh-hans": _("Simplified Chinese")}


class Form(forms.Form):
    # The free-text fields the writing coach reads.
    coached: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def coach_findings(self) -> dict[str, list]:
        """Per coached field, what the writing coach says of the text typed so far ([] while none is built)."""
        return {name: coaching.findings(str(self[name].value() or ""), language=get_language())
                for name in self.coached}


def people_field(label, *, most: int, help_text="") -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label, help_text=help_text, queryset=Person.objects.filter(state=Person.State.ACTIVE),
        widget=RemotePicker(url=PEOPLE_URL, placeholder=_("Type a colleague's name"),
                            attrs={"data-most": str(most)}))


class PraiseForm(Form):
    coached = ("message",)
    recipients = people_field(_("Who deserves it"), most=MAX_RECIPIENTS,
                              help_text=_("One colleague or several: a whole team can share one praise."))
    value = forms.ChoiceField(label=_("Company value"), required=False)
    message = forms.CharField(label=_("What they did"), max_length=MESSAGE_LIMIT, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("Name what they did and what it changed: everyone in the company reads it."))

    def __init__(self, *args, values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [("", _("No value"))] + [(v.code, v.name) for v in values]


class FeedbackForm(Form):
    coached = ("text",)
    about = people_field(_("About"), most=1)
    text = forms.CharField(label=_("Your feedback"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("What you saw them do, and what it led to; what to keep or change."))
    visibility = forms.ChoiceField(label=_("Who reads it"), widget=forms.RadioSelect, choices=[
        (Feedback.Visibility.SHARED_WITH_PERSON, _("Them, their managers and HR")),
        (Feedback.Visibility.PRIVATE_TO_MANAGER, _("Only their managers and HR, not them")),
    ], initial=Feedback.Visibility.SHARED_WITH_PERSON)
    request = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_about(self):
        people = list(self.cleaned_data["about"])
        if len(people) != 1:
            raise forms.ValidationError(_("Choose one colleague."))
        return people[0]


class AnswerForm(Form):
    """The answer to an ask: the person it is about is the ask's, so only the text and who reads it."""

    coached = ("text",)
    text = FeedbackForm.base_fields["text"]
    visibility = FeedbackForm.base_fields["visibility"]


class AskForm(Form):
    coached = ("question",)
    about = forms.TypedChoiceField(label=_("About"), coerce=int, required=False)
    respondents = people_field(_("Ask"), most=MAX_RESPONDENTS,
                               help_text=_("Up to %(n)s colleagues who worked with them.") % {"n": MAX_RESPONDENTS})
    question = forms.CharField(label=_("Your question"), max_length=QUESTION_LIMIT, widget=forms.Textarea(
        attrs={"rows": 2}), help_text=_("One concrete question gets better answers, such as “How did the launch "
                                        "planning go from where you sat?”"))

    def __init__(self, *args, me: Person | None = None, reports=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(me.pk, _("Myself"))] if me is not None else []
        self.fields["about"].choices = choices + [(p.pk, p.full_name) for p in reports]
        if len(self.fields["about"].choices) <= 1:
            self.fields["about"].widget = forms.HiddenInput()


class NoteForm(Form):
    coached = ("text",)
    about = forms.TypedChoiceField(label=_("About"), coerce=int)
    text = forms.CharField(label=_("Note"), max_length=NOTE_LIMIT, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Only you read it (and HR admins). Dated, so it helps at review time."))

    def __init__(self, *args, reports=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [(p.pk, p.full_name) for p in reports]


class NoteEditForm(Form):
    coached = ("text",)
    text = NoteForm.base_fields["text"]


class SettingsForm(Form):
    channel = forms.ChoiceField(label=_("Post praise to"), choices=FeedbackSettings.Channel.choices, required=False)
    channel_webhook = forms.CharField(label=_("Channel webhook URL"), required=False, max_length=500, help_text=_(
        "An incoming webhook of the channel: Slack's hooks.slack.com, or a Teams Workflows webhook."))
    channel_language = forms.ChoiceField(label=_("Language of the posts"),
                                         choices=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES])
    nudge_weeks = forms.IntegerField(label=_("Remind a manager after how many weeks without feedback"), min_value=0,
                                     max_value=52, help_text=_("0 turns the reminder off."))


class ValueForm(Form):
    code = forms.SlugField(label=_("Code"), max_length=40, required=False,
                           help_text=_("Latin letters, digits and dashes; made from the English name when empty."))
    active = forms.BooleanField(label=_("Offered when praising"), required=False, initial=True)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1000, required=False)

    def __init__(self, *args, value: CompanyValue | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            key = language.replace("-", "_")
            self.fields[f"name_{key}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": LANGUAGE_NAMES[language]}, max_length=NAME_LIMIT,
                required=language == "en")
            self.fields[f"description_{key}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": LANGUAGE_NAMES[language]},
                max_length=DESCRIPTION_LIMIT, required=False)
        self.order_fields([f"{kind}_{language.replace('-', '_')}" for language in LANGUAGES
                           for kind in ("name", "description")] + ["code", "position", "active"])
        if value is not None:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("A value's code stays: the API names it.")

    def labels(self, prefix: str) -> dict[str, str]:
        return {language: self.cleaned_data.get(f"{prefix}_{language.replace('-', '_')}") or ""
                for language in LANGUAGES}

    @staticmethod
    def initial_for(value: CompanyValue) -> dict:
        initial = {"code": value.code, "active": value.active, "position": value.position}
        for language in LANGUAGES:
            key = language.replace("-", "_")
            initial[f"name_{key}"] = value.names.get(language, "")
            initial[f"description_{key}"] = value.descriptions.get(language, "")
        return initial
