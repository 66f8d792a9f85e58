from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from people.roles import roles_of

from .forms import NotificationSettingsForm
from .preferences import notification_settings_update, settings_of


def notification_settings(request: HttpRequest) -> HttpResponse:
    """The caller's own channels: email, Slack, Teams (a person only; 404 for an account without one)."""
    person = roles_of(request.user).person
    if person is None:
        raise Http404("No person for this account.")
    current = settings_of(person)
    form = NotificationSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        notification_settings_update(person=person, **form.cleaned_data)
        messages.success(request, _("Notification settings saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})
