"""Refresh the message template from the code and merge it into every catalogue.

    python -m csdesk.i18n.extract          # rewrite csdesk.pot, merge into each csdesk.po
    python -m csdesk.i18n.extract --check  # exit 1 when the template is out of date

Babel's Python extractor collects ``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``N_``
calls under ``csdesk/``. Merging keeps existing translations, adds new messages empty (or
fuzzy, when Babel finds a close old one) and drops messages the code no longer uses; the test
suite then fails until a translator fills them in, which is the point.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.i18n.translation import DOMAIN, LANGUAGES, SOURCE_LANGUAGE, catalogue_path, locale_dir

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# Builds fonts, never shows text to a person.
_SKIPPED = ("i18n/fontbuild.py",)
_WIDTH = 100
_BUGS = "the csdesk issue tracker"
_HEADER = (
    "# Messages of csdesk (app, command line, reports), extracted from the code.\n"
    "# Do not edit by hand: run `python -m csdesk.i18n.extract`, then translate the .po files."
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("csdesk")
    except PackageNotFoundError:
        return ""


def _set_header(catalog: Catalog) -> None:
    catalog.project = "csdesk"
    catalog.version = _version()
    catalog.msgid_bugs_address = _BUGS


def extract(package_dir: Path = PACKAGE_DIR) -> Catalog:
    """A template catalogue of every marked message in the package's Python files."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    catalog = Catalog(
        domain=DOMAIN,
        header_comment=_HEADER,
        project="csdesk",
        version=_version(),
        msgid_bugs_address=_BUGS,
        copyright_holder="the csdesk authors",
        charset="utf-8",
        fuzzy=False,
    )
    root = package_dir.parent
    for filename, lineno, message, comments, context in extract_from_dir(
        str(package_dir),
        method_map=[("**.py", "python")],
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        relative = (package_dir / filename).relative_to(root).as_posix()
        if relative.removeprefix(f"{package_dir.name}/") in _SKIPPED:
            continue
        catalog.add(
            message,
            None,
            [(relative, lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _message_keys(catalog: Catalog) -> set[tuple[object, object]]:
    return {(message.id, message.context) for message in catalog if message.id}


def _messages_with_places(catalog: Catalog) -> set[tuple[object, object, tuple[object, ...]]]:
    return {
        (message.id, message.context, tuple(sorted({place for place, _line in message.locations})))
        for message in catalog
        if message.id
    }


def template_is_current(template: Path, package_dir: Path = PACKAGE_DIR) -> bool:
    """True when ``template`` holds exactly the messages marked in the code."""
    from babel.messages.pofile import read_po

    if not template.is_file():
        return False
    with template.open("rb") as handle:
        existing = read_po(handle)
    return _message_keys(existing) == _message_keys(extract(package_dir))


def _write(catalog: Catalog, path: Path) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=_WIDTH,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def update(package_dir: Path = PACKAGE_DIR, target_dir: Path | None = None) -> list[Path]:
    """Rewrite the template and merge it into every catalogue; return the files written."""
    from babel.messages.pofile import read_po

    target_dir = target_dir or locale_dir()
    template = extract(package_dir)
    template_file = target_dir / f"{DOMAIN}.pot"
    written = []
    unchanged = False
    if template_file.is_file():
        with template_file.open("rb") as handle:
            previous = read_po(handle)
        # Same messages in the same places: keep the file (and its date) to avoid churn.
        unchanged = _messages_with_places(previous) == _messages_with_places(template)
        if unchanged:
            template = previous
    if not unchanged:
        _write(template, template_file)
        written.append(template_file)
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        path = target_dir / catalogue_path(language).relative_to(locale_dir())
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language, domain=DOMAIN)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=language, domain=DOMAIN, project="csdesk", fuzzy=False)
        catalog.update(template, update_header_comment=False)
        _set_header(catalog)
        _write(catalog, path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Refresh csdesk's message catalogues.")
    parser.add_argument(
        "--check", action="store_true", help="only report whether the template is current"
    )
    args = parser.parse_args(argv)
    if args.check:
        current = template_is_current(locale_dir() / f"{DOMAIN}.pot")
        print("template is current" if current else "template is out of date: run extract")
        return 0 if current else 1
    for path in update():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
