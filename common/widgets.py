"""The searchable picker: a real ``<select multiple>`` that ``static/js/picker.js`` turns into a search box
with the chosen items as removable chips (keyboard: arrows, Enter, Escape, Backspace). Without the script it
stays a working multiple select. Its words come from here, translated at render time, because the content
security policy keeps every script in a static file.

``Picker`` filters the select's own options in the browser (periods, units: hundreds at most).
``RemotePicker`` renders only the chosen options and asks ``url`` (``?q=``) for matches, for lists too long to
send (people): the answer is ``{"results": [{"value", "label", "hint"}]}``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _


class Picker(forms.SelectMultiple):
    def __init__(self, *, placeholder: str = "", size: int = 6, attrs: dict | None = None):
        super().__init__(attrs={"size": size, **(attrs or {})})
        self.placeholder = placeholder

    def picker_attrs(self) -> dict[str, str]:
        return {
            "data-picker": "", "data-picker-placeholder": str(self.placeholder or _("Type to search")),
            "data-picker-remove": _("Remove %s"), "data-picker-none": _("Nothing matches."),
            "data-picker-chosen": _("Chosen"), "data-picker-count": _("%s matches; use the arrow keys to choose."),
            "data-picker-more": _("More match: type more to narrow the list."),
            "data-picker-added": _("%s added."), "data-picker-removed": _("%s removed."),
            "data-picker-empty": _("None chosen yet."),
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(self.picker_attrs())
        return context


class RemotePicker(Picker):
    """Only the chosen options are rendered; the rest are found through ``url``."""

    def __init__(self, *, url: str = "", **kwargs):
        super().__init__(**kwargs)
        self.url = url

    def picker_attrs(self) -> dict[str, str]:
        return {**super().picker_attrs(), "data-picker-url": str(self.url),
                "data-picker-short": _("Type at least two letters of a name or email.")}

    def optgroups(self, name, value, attrs=None):
        # A queryset's choices would be every row (every person): render the chosen ones only, in one query.
        choices = self.choices
        queryset = getattr(choices, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        ids = [v for v in value if str(v).isdigit()]
        chosen = queryset.filter(pk__in=ids) if ids else queryset.none()
        self.choices = [(obj.pk, choices.field.label_from_instance(obj)) for obj in chosen]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = choices
