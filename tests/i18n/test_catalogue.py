"""The pt-BR catalogue is complete, and the template holds exactly what the code marks."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from csdesk.i18n import extract
from csdesk.i18n.translation import LANGUAGES, SOURCE_LANGUAGE, catalogue_path, template_path


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _forms(value: object) -> list[str]:
    if isinstance(value, tuple | list):
        return [str(form) for form in value]
    return [str(value or "")]


def test_the_template_lists_every_message_marked_in_the_code() -> None:
    assert extract.template_is_current(template_path()), (
        "resources/locale/csdesk.pot is out of date: run `python -m csdesk.i18n.extract` "
        "and translate the new entries of resources/locale/pt_BR/LC_MESSAGES/csdesk.po"
    )


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_template_entry_is_translated_and_keeps_its_placeholders(language: str) -> None:
    template = _read(template_path())
    catalogue = _read(catalogue_path(language))
    problems = []
    for entry in template:
        if not entry.id:
            continue
        found = catalogue.get(entry.id, context=entry.context)
        if found is None:
            problems.append(f"missing: {entry.id!r}")
            continue
        forms = _forms(found.string)
        if not all(forms):
            problems.append(f"empty: {entry.id!r}")
        elif found.fuzzy:
            problems.append(f"fuzzy: {entry.id!r}")
        else:
            wanted = set().union(*(_fields(text) for text in _forms(entry.id)))
            for form in forms:
                if _fields(form) != wanted:
                    problems.append(f"placeholders differ: {entry.id!r} -> {form!r}")
    assert problems == [], "\n".join(problems)


def test_extraction_finds_marked_calls_and_merge_keeps_translations(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "module.py").write_text(
        "from csdesk.i18n import N_, _, ngettext, pgettext\n"
        "TITLE = N_('Healthy')\n"
        "def show(n):\n"
        "    return _('A brand new message'), ngettext('{n} account', '{n} accounts', n), "
        "pgettext('menu', 'Open')\n",
        encoding="utf-8",
    )
    target = tmp_path / "locale"
    po = target / "pt_BR" / "LC_MESSAGES" / "csdesk.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(catalogue_path("pt_BR").read_bytes())

    written = extract.update(package, target)

    assert target / "csdesk.pot" in written
    template = _read(target / "csdesk.pot")
    ids = {(entry.id, entry.context) for entry in template if entry.id}
    assert ids == {
        ("Healthy", None),
        ("A brand new message", None),
        (("{n} account", "{n} accounts"), None),
        ("Open", "menu"),
    }
    merged = _read(po)
    assert merged.get("Healthy").string == "Saudável"
    assert merged.get("A brand new message").string == ""
    assert extract.template_is_current(target / "csdesk.pot", package)
    # A second run with nothing changed leaves the template alone.
    assert target / "csdesk.pot" not in extract.update(package, target)


def test_check_mode_reports_an_out_of_date_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(extract, "locale_dir", lambda: tmp_path)
    assert extract.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().out


def test_portuguese_calls_a_support_ticket_chamado_outside_quoted_values() -> None:
    """The app's pt-BR glossary: prose says "chamado"; "ticket" stays only as a value the
    person types or reads in a file (quoted, or in a bracketed list of kinds)."""
    catalogue = _read(catalogue_path("pt_BR"))
    values = re.compile(r"\([^)]*\)|\"[^\"]*\"|'[^']*'")  # (call, ticket...), "tickets"
    wrong = [
        form
        for entry in catalogue
        if entry.id
        for form in _forms(entry.string)
        if re.search(r"\btickets?\b", values.sub("", form), re.IGNORECASE)
    ]
    assert wrong == []
