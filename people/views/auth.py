"""Logging in: the password form, the single sign-on button, and SSO_ONLY turning passwords off."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from ..forms import LoginForm


def sso_context() -> dict:
    return {
        "sso_enabled": settings.SSO_ENABLED,
        "sso_only": settings.SSO_ENABLED and settings.SSO_ONLY,
        "sso_provider_name": settings.SSO_PROVIDER_NAME,
    }


def passwords_off(request):
    """The page every password view answers with when SSO_ONLY is on."""
    return render(request, "registration/passwords_off.html", sso_context(), status=403)


def password_view(view):
    """The view, unless SSO_ONLY is on: then a 403 page that sends people to single sign-on."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if settings.SSO_ONLY:
            return passwords_off(request)
        return view(request, *args, **kwargs)

    return wrapped


class LoginView(auth_views.LoginView):
    """The login page: the provider's button when single sign-on is on; the password form unless SSO_ONLY."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if settings.SSO_ONLY:
            return passwords_off(request)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | sso_context()


@login_not_required
def admin_login(request, extra_context=None):
    """The admin site's login: Perfcycle's own login page when SSO_ONLY is on, Django's otherwise."""
    if settings.SSO_ONLY:
        if request.method == "POST":
            return passwords_off(request)
        return redirect_to_login(request.GET.get("next", "/admin/"))
    return admin.site.login(request, extra_context)


# The admin site's own password change, off with SSO_ONLY like the rest.
admin_password_change = password_view(admin.site.admin_view(admin.site.password_change))
