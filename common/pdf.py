"""The one PDF renderer: a Django template in ``templates/pdf/`` → PDF bytes, with weasyprint.

Per process (per thread, since pango's font objects are not shared safely between threads of a threaded
server), the font configuration and the shared stylesheet (``templates/pdf/base.css``) are built once and
reused: parsing them is most of weasyprint's fixed cost. Rendering never touches the network: the
URL fetcher refuses everything but files under our own static directories (and inline ``data:`` URLs),
so a stray ``<img src="https://…">`` in user text cannot make the server fetch anything.

Laying out a document allocates a few hundred thousand short-lived objects: with the cyclic garbage collector
on, that triggers a dozen collections per document, some of them over the whole heap of the process (about
10 % of a summary's CPU time). The collector is paused while weasyprint works and one young-generation
collection runs after it, so memory stays flat and each rendering pays for one small collection instead.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header

PDF_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "pdf"
_local = threading.local()


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Serves ``file:`` URLs inside the static directories and ``data:`` URLs; refuses the rest."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in _static_roots()):
                    return super().fetch(url, headers)
            raise ValueError(f"PDF rendering fetches nothing outside our static files: {url}")

    return LocalOnlyFetcher


def _resources() -> dict[str, Any]:
    """Font configuration, parsed stylesheet and URL fetcher, built once per process (and thread)."""
    shared = getattr(_local, "resources", None)
    if shared is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        fetcher = _fetcher_class()(allowed_protocols=("file", "data"), timeout=2)
        css = CSS(filename=str(PDF_TEMPLATES / "base.css"), font_config=font_config, url_fetcher=fetcher)
        shared = _local.resources = {"font_config": font_config, "css": css, "fetcher": fetcher}
    return shared


def url_fetcher(url: str):
    """The fetcher every rendering uses (exposed for tests)."""
    return _resources()["fetcher"](url)


def render_html(template_name: str, context: dict[str, Any], *, language: str | None = None) -> str:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return render_to_string(template_name, context)


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector for one rendering, then collect the young generations once."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(1)


def render_pdf(template_name: str, context: dict[str, Any], *, language: str | None = None) -> bytes:
    """Render ``templates/<template_name>`` in ``language`` and lay it out as an A4 PDF."""
    from weasyprint import HTML

    shared = _resources()
    html = render_html(template_name, context, language=language)
    base_url = Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"
    with _collector_paused():
        document = HTML(string=html, base_url=base_url, url_fetcher=shared["fetcher"])
        return document.write_pdf(stylesheets=[shared["css"]], font_config=shared["font_config"])


def pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """A PDF download that no shared cache keeps (documents carry one reader's view of private data)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Cache-Control"] = "private, no-store"
    return response
