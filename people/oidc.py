"""Single sign-on through the company's OpenID Connect provider (mozilla-django-oidc).

The provider proves who someone is; Perfcycle decides whether they may come in: the person whose login
email equals the provider's ``email`` claim (case aside), if their account is active. Nobody is created on
the fly: people arrive through the org import, which gives them a unit and a manager. A refusal is a page
that says why, never a silent bounce back to the login form.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

logger = logging.getLogger(__name__)

# Why a sign-in was refused, as the refusal page says it.
REFUSALS = {
    "unknown": _("No Perfcycle account uses the email address your identity provider gave us. "
                 "Ask your HR team to add you, or to correct the email on your account."),
    "inactive": _("Your Perfcycle account is deactivated. Ask your HR team if you think this is a mistake."),
    "no_email": _("Your identity provider did not give us a verified email address, so we cannot tell "
                  "which account is yours."),
    "denied": _("The sign-in was cancelled at your identity provider."),
    "failed": _("The sign-in could not be completed. Please try again."),
}


class SSOBackend(OIDCAuthenticationBackend):
    """The OIDC code flow, matching the provider's email claim to an existing, active account."""

    def authenticate(self, request, **kwargs):
        """The library's code flow; a provider that errs or cannot be reached is a refusal, not a crash."""
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation, ValueError) as exc:
            logger.warning("single sign-on failed: %s", exc)
            request.sso_refusal = "failed"
            return None

    def verify_token(self, token, **kwargs):
        """The library checks the signature and the nonce; the audience and the issuer are checked here."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was not issued for this client")
        issuer = self.get_settings("OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer")
        return payload

    def retrieve_matching_jwk(self, token):
        """The signing key; a token without a ``kid`` is allowed when the provider has one key (OIDC Core 10.1)."""
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, verify=self.get_settings("OIDC_VERIFY_SSL", True),
                                timeout=self.get_settings("OIDC_TIMEOUT", None))
        response.raise_for_status()
        keys = [key for key in response.json().get("keys", []) if key.get("use", "sig") == "sig"]
        if len(keys) != 1:
            raise SuspiciousOperation("The ID token names no key and the provider has several")
        return jwt.PyJWK(keys[0])

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return self._refuse("no_email", email)
        user = self.UserModel._default_manager.filter(email__iexact=email).first()
        if user is None:
            return self._refuse("unknown", email)
        if not self.user_can_authenticate(user):
            return self._refuse("inactive", email)
        return user

    def get_user(self, user_id):
        """The session's account, as ModelBackend reads it: a deactivated person's session ends at once."""
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def _refuse(self, reason: str, email: str):
        logger.info("single sign-on refused (%s) for %r", reason, email)
        self.request.sso_refusal = reason
        return None


def _sso_on():
    if not settings.SSO_ENABLED:
        raise Http404


@method_decorator(login_not_required, name="dispatch")
class SSOAuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider (404 when single sign-on is not configured)."""

    def get(self, request):
        _sso_on()
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class SSOCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here; a refusal is a 403 page that says why."""

    def get(self, request):
        _sso_on()
        try:
            return super().get(request)
        except SuspiciousOperation as exc:  # a state this session never issued: a replay, or a stale tab
            logger.warning("single sign-on callback refused: %s", exc)
            return self.login_failure()

    def login_failure(self):
        if self.request.GET.get("error"):
            reason = "denied"
        else:
            reason = getattr(self.request, "sso_refusal", "failed")
        return render(
            self.request,
            "registration/sso_refused.html",
            {"reason": REFUSALS[reason]},
            status=403,
        )


def not_a_password_attempt(request, credentials) -> bool:
    """django-axes' whitelist: only password logins are throttled.

    A single sign-on callback carries no password (the provider checked it); counting its refusals would
    lock everyone behind the same proxy out of single sign-on after a few unknown emails.
    """
    return "password" not in (credentials or {})
