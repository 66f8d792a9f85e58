"""Page forms of meetings: they check the shape of the input; the services decide the rest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Note, Series
from .services import TEXT_LIMIT


class Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SeriesForm(Form):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Series.Weekday.choices, coerce=int)
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=240)
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=8,
        help_text=_("Weekly syncs and one-on-ones; the monthly review meets on the month's last chosen weekday, "
                    "the quarterly retrospective on the first chosen weekday after the quarter."))
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class TalkingPointForm(Form):
    text = forms.CharField(label=_("Talking point"), max_length=TEXT_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Note.Kind.choices, initial=Note.Kind.NOTE)
    text = forms.CharField(label=_("Text"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))


class ActionItemForm(Form):
    text = forms.CharField(label=_("Action"), max_length=TEXT_LIMIT)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, choices=())
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(p.pk, p.full_name) for p in people]
