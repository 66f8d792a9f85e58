"""Every message of the interface speaks Russian and Simplified Chinese.

Fails, naming each message, when the code marks a message the catalogues (locale/*/LC_MESSAGES/django.po) do
not hold, when a catalogue holds a message untranslated or fuzzy, when a plural message has the wrong number of
forms (Russian three, Chinese one), when a translation drops or changes a placeholder, or when the committed
.mo files are not the compiled .po files.

The code's messages are found the way the catalogues are made — Django's ``makemessages`` (xgettext), run on a
copy so the real files are never touched. To update the catalogues themselves (then translate, then compile):

    python manage.py makemessages -l ru -l zh_Hans -e html,txt,py -i tests -i bench -i test-artifacts -i deploy
    python manage.py compilemessages -l ru -l zh_Hans -i .venv
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
PLURALS = {"ru": 3, "zh_Hans": 1}
# What makemessages reads: the apps, config, common and the templates; not the tests or the benchmark.
NOT_SCANNED = {"tests", "bench"}
needs_gettext = pytest.mark.skipif(not shutil.which("xgettext") or not shutil.which("msgfmt"),
                                   reason="GNU gettext (xgettext, msgfmt) is not installed")


@dataclass
class Entry:
    fields: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return self.fields.get("msgctxt"), self.fields["msgid"]

    @property
    def forms(self) -> list[str]:
        return [value for name, value in self.fields.items() if name.startswith("msgstr")]

    def __str__(self) -> str:
        context, msgid = self.key
        return f"{context}|{msgid!r}" if context else repr(msgid)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header left out): enough of the format for these checks."""
    entries: list[Entry] = []
    flags: set[str] = set()
    entry, name = None, ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line or line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.fields[name] += ast.literal_eval(line)
        else:
            name, _, value = line.partition(" ")
            if entry is None or name == "msgctxt" or (name == "msgid" and "msgid" in entry.fields):
                entry = Entry(flags=flags, obsolete=obsolete)
                entries.append(entry)
                flags = set()
            entry.fields[name] = ast.literal_eval(value)
    return [e for e in entries if e.fields.get("msgid") or e.fields.get("msgctxt")]


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def code_messages(tmp_path_factory) -> set[tuple[str | None, str]]:
    """Every message the code marks for translation, read by makemessages from a copy of the sources."""
    work = tmp_path_factory.mktemp("messages")
    sources, locale = work / "src", work / "locale"
    sources.mkdir()
    (locale / "ru" / "LC_MESSAGES").mkdir(parents=True)
    for path in ROOT.iterdir():
        if path.name not in NOT_SCANNED and (path.name == "templates" or (path / "__init__.py").exists()):
            (sources / path.name).symlink_to(path)
    here = Path.cwd()
    os.chdir(sources)  # makemessages reads the current directory
    try:
        with override_settings(LOCALE_PATHS=[str(locale)]):
            call_command("makemessages", locale=["ru"], extensions=["html", "txt", "py"], symlinks=True,
                         keep_pot=True, verbosity=0)
    finally:
        os.chdir(here)
    return {entry.key for entry in read_po(locale / "django.pot") if not entry.obsolete}


@needs_gettext
@pytest.mark.parametrize("language", PLURALS)
def test_the_catalogue_holds_every_message_of_the_code(language, code_messages):
    held = {entry.key for entry in read_po(catalogue(language)) if not entry.obsolete}
    missing = sorted(code_messages - held, key=str)
    assert not missing, (
        f"{len(missing)} messages of the code are not in {catalogue(language).relative_to(ROOT)} "
        f"(run makemessages, see this module's docstring): " + "; ".join(
            f"{context}|{msgid!r}" if context else repr(msgid) for context, msgid in missing))


@pytest.mark.parametrize("language", PLURALS)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = [entry for entry in read_po(catalogue(language)) if not entry.obsolete]
    untranslated = [str(e) for e in entries if not all(form.strip() for form in e.forms)]
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: " + "; ".join(untranslated)
    assert not fuzzy, f"{len(fuzzy)} fuzzy (check, then drop the flag) in {language}: " + "; ".join(fuzzy)


@pytest.mark.parametrize(("language", "forms"), PLURALS.items())
def test_plural_messages_have_the_languages_number_of_forms(language, forms):
    header = catalogue(language).read_text(encoding="utf-8")
    assert re.search(rf"Plural-Forms: nplurals={forms};", header.replace('"\n"', "")), "the header's Plural-Forms"
    wrong = [f"{e} ({len(e.forms)})" for e in read_po(catalogue(language))
             if not e.obsolete and "msgid_plural" in e.fields and len(e.forms) != forms]
    assert not wrong, f"plural messages in {language} without exactly {forms} forms: " + "; ".join(wrong)


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@pytest.mark.parametrize("language", PLURALS)
def test_translations_keep_every_placeholder(language):
    wrong = []
    for entry in read_po(catalogue(language)):
        if entry.obsolete:
            continue
        wanted = set(PLACEHOLDER.findall(entry.fields["msgid"] + entry.fields.get("msgid_plural", "")))
        for form in entry.forms:  # every form, the singular's too: Russian uses it for 21, 31, …
            if set(PLACEHOLDER.findall(form)) != set(wanted):
                wrong.append(f"{entry}: {form!r}")
    assert not wrong, f"placeholders changed in {language}: " + "; ".join(wrong)


@needs_gettext
@pytest.mark.parametrize("language", PLURALS)
def test_the_committed_mo_file_is_the_compiled_po_file(language, tmp_path):
    po = catalogue(language)
    compiled = tmp_path / "django.mo"
    result = subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)],  # noqa: S603, S607
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with compiled.open("rb") as fresh, po.with_suffix(".mo").open("rb") as committed:
        fresh_messages = gettext.GNUTranslations(fresh)._catalog
        committed_messages = gettext.GNUTranslations(committed)._catalog
    keys = set(fresh_messages) | set(committed_messages)
    stale = sorted(str(k) for k in keys if fresh_messages.get(k) != committed_messages.get(k))
    mo = po.with_suffix(".mo").relative_to(ROOT)
    assert not stale, f"{mo} is stale (run compilemessages): " + "; ".join(stale[:50])
