"""Slack and Microsoft Teams incoming webhooks: which URLs are allowed, what is posted, how an answer reads.

A webhook URL is a place the server will POST to, so a person could aim it at something inside the network
(SSRF). Only hosts in ``CHAT_WEBHOOK_HOSTS`` are accepted (Slack's and Microsoft's webhook hosts by
default), over HTTPS on the default port, with no credentials in the URL; redirects are not followed.
``CHAT_WEBHOOK_ALLOW_HTTP`` (on with ``DEBUG``) also accepts plain HTTP on any port, for a local receiver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SLACK = "slack"
TEAMS = "teams"
DEFAULT_HOSTS = ("hooks.slack.com", "*.webhook.office.com", "*.logic.azure.com")


def _host_allowed(host: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        pattern = pattern.strip().lower()
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]) and len(host) > len(pattern) - 1:
                return True
        elif host == pattern:
            return True
    return False


def webhook_problem(url: str) -> str | None:
    """Why ``url`` may not be used as a webhook, or None when it may."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("Enter a valid URL.")
    allow_http = getattr(settings, "CHAT_WEBHOOK_ALLOW_HTTP", False)
    if parts.scheme != "https" and not (allow_http and parts.scheme == "http"):
        return _("The webhook URL must start with https://.")
    if parts.username or parts.password:
        return _("The webhook URL may not contain a user name or password.")
    host = (parts.hostname or "").lower()
    if not host:
        return _("Enter a valid URL.")
    patterns = list(getattr(settings, "CHAT_WEBHOOK_HOSTS", DEFAULT_HOSTS))
    if not _host_allowed(host, patterns):
        return _("Webhooks may only point to: %(hosts)s.") % {"hosts": ", ".join(patterns)}
    if port not in (None, 443) and not allow_http:
        return _("The webhook URL may not name a port.")
    return None


def validate_webhook(url: str) -> None:
    problem = webhook_problem(url)
    if problem:
        raise ValidationError(problem)


def payload(channel: str, *, title: str, text: str, url: str = "") -> dict[str, Any]:
    """What Slack or Teams is sent: Slack's ``{"text"}`` (with blocks), Teams' Adaptive Card message."""
    if channel == SLACK:
        blocks: list[dict[str, Any]] = [
            {"type": "header", "text": {"type": "plain_text", "text": title[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}},
        ]
        if url:
            blocks.append({"type": "actions", "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": _("Open in Perfcycle")}, "url": url},
            ]})
        return {"text": f"*{title}*\n{text}", "blocks": blocks}
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": title, "weight": "Bolder", "size": "Medium", "wrap": True},
            {"type": "TextBlock", "text": text, "wrap": True},
        ],
    }
    if url:
        card["actions"] = [{"type": "Action.OpenUrl", "title": _("Open in Perfcycle"), "url": url}]
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card},
    ]}


@dataclass(frozen=True)
class Outcome:
    ok: bool
    # A retry may succeed (timeouts, connection errors, 429 and 5xx); anything else is final.
    retry: bool
    error: str = ""


def post(url: str, body: dict[str, Any]) -> Outcome:
    """POST ``body`` as JSON to ``url`` once, with the configured timeout; never follows a redirect."""
    problem = webhook_problem(url)
    if problem:
        return Outcome(ok=False, retry=False, error=problem)
    try:
        response = httpx.post(url, json=body, timeout=getattr(settings, "CHAT_WEBHOOK_TIMEOUT", 5.0),
                              follow_redirects=False)
    except httpx.TimeoutException as exc:
        return Outcome(ok=False, retry=True, error=f"timeout: {type(exc).__name__}")
    except httpx.HTTPError as exc:
        return Outcome(ok=False, retry=True, error=f"connection: {type(exc).__name__}")
    if response.is_success:
        return Outcome(ok=True, retry=False)
    code = response.status_code
    return Outcome(ok=False, retry=code == 429 or code >= 500, error=f"HTTP {code}: {response.text[:200]}")
