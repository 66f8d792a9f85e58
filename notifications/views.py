from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.roles import roles_of

from .forms import NotificationSettingsForm
from .preferences import notification_settings_update, notification_test_send, settings_of


def _person(request: HttpRequest):
    person = roles_of(request.user).person
    if person is None:
        raise Http404("No person for this account.")
    return person


def notification_settings(request: HttpRequest) -> HttpResponse:
    """The caller's own channels: email, Slack, Teams (a person only; 404 for an account without one)."""
    person = _person(request)
    current = settings_of(person)
    form = NotificationSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        notification_settings_update(person=person, **form.cleaned_data)
        messages.success(request, _("Notification settings saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@require_POST
def notification_test(request: HttpRequest) -> HttpResponse:
    """Send a test message on the caller's saved channels (in the background, like every message)."""
    if notification_test_send(person=_person(request)):
        messages.success(request, _("A test message is on its way to each of your channels."))
    else:
        messages.info(request, _("A test message was sent a moment ago; try again in a minute."))
    return redirect("notifications:settings")
