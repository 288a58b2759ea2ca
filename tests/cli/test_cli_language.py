"""The command line's own words (help, usage mistakes, argparse's refusals) follow --lang, else
the system's language, in English and Portuguese (Brazil)."""

from __future__ import annotations

import argparse
import ast
import gettext
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from csdesk.cli import build_parser, main
from csdesk.cli.speaking import ARGPARSE_MESSAGES, ARGPARSE_PLURALS, asked_language, speaking
from csdesk.i18n.lang import Lang

PT = Lang("pt_BR")
EN = Lang("en")
# argparse messages a person typing a csdesk command never reads: mistakes of a program that
# builds a parser, FileType (csdesk takes paths), and the "error:" line csdesk's Parser replaces.
NOT_FOR_PEOPLE = {
    ".__call__() not defined",
    "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional",
    "%r is not callable",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "can't open '%(filename)s': %(error)s",
    "%(prog)s: error: %(message)s\n",
}
NOT_FOR_PEOPLE_PLURAL = {("conflicting option string: %s", "conflicting option strings: %s")}
PERCENT_FIELD = re.compile(r"%(?:\([a-z_]+\))?[sr]")


@pytest.fixture(autouse=True)
def english_system(system_language: Callable[[str], None]) -> None:
    system_language("en_US.UTF-8")


def _argparse_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """The literal messages the running Python's argparse words through gettext."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    single: set[str] = set()
    plural: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if node.func.id == "_" and texts and isinstance(texts[0], str):
            single.add(texts[0])
        elif node.func.id == "ngettext" and len(texts) >= 2:
            plural.add((str(texts[0]), str(texts[1])))
    return single, plural


def test_every_argparse_message_a_person_reads_is_listed_and_translated() -> None:
    single, plural = _argparse_messages()
    assert single, "found no messages in argparse: the check would pass for nothing"
    assert single - NOT_FOR_PEOPLE - set(ARGPARSE_MESSAGES) == set()
    assert plural - NOT_FOR_PEOPLE_PLURAL - set(ARGPARSE_PLURALS) == set()
    for message in ARGPARSE_MESSAGES:
        said = PT(message)
        assert said != message, f"not translated: {message!r}"
        assert sorted(PERCENT_FIELD.findall(said)) == sorted(PERCENT_FIELD.findall(message))
    for singular, many in ARGPARSE_PLURALS:
        for n in (1, 2):
            said = PT.ngettext(singular, many, n)
            assert said not in (singular, many)
            assert PERCENT_FIELD.findall(said) == ["%s"]


def _parsers(
    parser: argparse.ArgumentParser,
) -> Iterator[tuple[list[str], argparse.ArgumentParser]]:
    """Every (sub)command with the words that reach it: ([], csdesk), (["report", "qbr"], ...)."""
    yield [], parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for path, found in _parsers(sub):
                    yield [name, *path], found


def _texts(lang: Lang) -> dict[tuple[str, ...], str]:
    """Each description and help text of the whole command line, built in ``lang``."""
    with speaking(lang):
        parser = build_parser()
    texts: dict[tuple[str, ...], str] = {}
    for path, sub in _parsers(parser):
        if sub.description:
            texts[(*path, "description")] = sub.description
        for action in sub._actions:
            if action.help and action.help != argparse.SUPPRESS:
                texts[(*path, *action.option_strings, action.dest)] = action.help
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    texts[(*path, choice.dest, "help")] = str(choice.help)
    return texts


def test_every_help_text_is_translated_and_every_argument_has_one() -> None:
    english, portuguese = _texts(EN), _texts(PT)
    assert english.keys() == portuguese.keys()
    assert len(english) > 100
    same = {key: text for key, text in english.items() if portuguese[key] == text}
    assert same == {}, "help texts not translated (or not wrapped in _()):\n" + repr(same)
    with speaking(EN):
        parser = build_parser()
    missing = [
        " ".join([*path, action.dest])
        for path, sub in _parsers(parser)
        for action in sub._actions
        if not action.help and not isinstance(action, argparse._SubParsersAction)
    ]
    assert missing == []


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    assert exit_info.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_help_of_every_command_reads_in_the_asked_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with speaking(EN):
        paths = [path for path, _ in _parsers(build_parser())]
    assert ["report", "qbr"] in paths and ["action", "snooze"] in paths
    for path in paths:
        out = _help(capsys, *path, "--help", "--lang", "pt-BR")
        assert out.startswith(f"uso: csdesk {' '.join(path)}".rstrip()), out
        assert "opções:" in out and "mostra esta ajuda e sai" in out
        assert "usage:" not in out and "show this help" not in out
        english = _help(capsys, *path, "--help")
        assert english.startswith("usage: csdesk") and "options:" in english
    out = _help(capsys, "metrics", "--lang=pt-BR", "--help")
    assert "--account ACCOUNT  id externo, nome, ou o começo de um nome" in out
    assert "argumentos posicionais:" in out and "o arquivo do workspace (.csdesk)" in out


def test_the_system_language_speaks_when_no_lang_is_given() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    for lang, usage, options in (("pt_BR.UTF-8", "uso:", "opções:"), ("C", "usage:", "options:")):
        done = subprocess.run(
            [sys.executable, "-m", "csdesk", "demo", "--help"],
            capture_output=True,
            text=True,
            env={**env, "LC_ALL": lang},
            check=True,
        )
        assert done.stdout.startswith(f"{usage} csdesk demo") and options in done.stdout
    # --lang beats the system's language.
    done = subprocess.run(
        [sys.executable, "-m", "csdesk", "demo", "--lang", "en", "--help"],
        capture_output=True,
        text=True,
        env={**env, "LC_ALL": "pt_BR.UTF-8"},
        check=True,
    )
    assert done.stdout.startswith("usage: csdesk demo")


def _refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("csdesk: ")
    return err


@pytest.mark.parametrize(
    ("argv", "english", "portuguese"),
    [
        (
            ["import"],
            "csdesk: the following arguments are required: FILE, PATH "
            "(see 'csdesk import --help')\n",
            "csdesk: estes argumentos são obrigatórios: FILE, PATH (veja 'csdesk import --help')\n",
        ),
        (
            ["demo", "x.csdesk", "--size", "huge"],
            "argument --size: invalid choice: 'huge' (choose from 'small', 'large')",
            "argumento --size: valor inválido: 'huge' (escolha entre 'small', 'large')",
        ),
        (
            ["demo", "x.csdesk", "--seed", "abc"],
            "argument --seed: invalid int value: 'abc'",
            "argumento --seed: valor int inválido: 'abc'",
        ),
        (
            ["undo-import", "x.csdesk", "0"],
            "'0' is not an import batch number (a whole number from 1 to "
            "9,223,372,036,854,775,807)",
            "'0' não é um número de lote de importação (um número inteiro de 1 a "
            "9.223.372.036.854.775.807)",
        ),
        (
            ["report", "audit", "x.csdesk", "-o", "a.pdf", "--as-of", "2026-13"],
            "argument --as-of: '2026-13' is not a month; write it as YYYY-MM, e.g. 2026-03",
            "argumento --as-of: '2026-13' não é um mês; escreva no formato AAAA-MM",
        ),
        (
            ["report", "audit", "x.csdesk", "-o", "a.pdf", "--as-of", "0999-01"],
            "'0999-01': the year must be between 1900 and 2999",
            "'0999-01': o ano deve estar entre 1900 e 2999",
        ),
        (
            ["export", "x.csdesk"],
            "the following arguments are required: -o/--output",
            "estes argumentos são obrigatórios: -o/--output",
        ),
        (
            ["frob"],
            "argument COMMAND: invalid choice: 'frob' (choose from 'open', ",
            "argumento COMMAND: valor inválido: 'frob' (escolha entre 'open', ",
        ),
        (
            ["imports", "x.csdesk", "--jsn"],
            "unrecognized arguments: --jsn",
            "argumentos não reconhecidos: --jsn",
        ),
    ],
)
def test_usage_mistakes_are_one_line_in_the_asked_language(
    capsys: pytest.CaptureFixture[str], argv: list[str], english: str, portuguese: str
) -> None:
    assert english in _refusal(capsys, *argv)
    said = _refusal(capsys, *argv, "--lang", "pt-BR")
    assert portuguese in said, said
    assert "usage" not in said and "Traceback" not in said


def test_a_language_csdesk_lacks_leaves_the_words_to_the_system(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert asked_language(["import", "--lang", "fr"]) == EN
    assert asked_language(["import", "--lang=pt-BR"]) == PT
    assert asked_language(["import", "--", "--lang", "pt-BR"]) == EN
    assert _help(capsys, "import", "--lang", "fr", "--help").startswith("usage: csdesk import")


def test_speaking_leaves_argparse_and_the_ambient_language_as_they_were(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from csdesk.i18n.translation import current_language

    before = current_language()
    _refusal(capsys, "demo", "--lang", "pt-BR")
    assert vars(argparse)["_"] is gettext.gettext
    assert vars(argparse)["ngettext"] is gettext.ngettext
    assert current_language() == before
    # And a parser built afterwards speaks English again.
    assert "show this help message and exit" in build_parser().format_help()


def test_every_command_that_prints_words_takes_lang() -> None:
    with speaking(EN):
        parser = build_parser()
    without = [
        " ".join(path)
        for path, sub in _parsers(parser)
        if path
        and not any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)
        and "--lang" not in sub._option_string_actions
    ]
    # The app and its screenshots speak the language of the app's Settings.
    assert without == ["open", "screenshots"]


def test_lang_words_the_output_and_a_wrong_one_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sample_workspace import build_sample

    path = tmp_path / "w.csdesk"
    build_sample(path).close()
    assert main(["backup", str(path), "-o", str(tmp_path / "b.csdesk"), "--lang", "pt-BR"]) == 0
    assert capsys.readouterr().out.startswith(f"Backup de {path} gravado em ")
    assert main(["health", str(path), "--account", "acme", "--lang", "pt-BR"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Acme Corp — ") and "peso" in out
    assert main(["health", str(path), "--account", "acme"]) == 0
    assert "weight" in capsys.readouterr().out
    before = path.read_bytes()
    said = _refusal(capsys, "today", str(path), "--lang", "fr")
    assert said == (
        "csdesk: argument --lang: 'fr' is not a language csdesk speaks; choose one of: en, "
        "pt-BR (see 'csdesk today --help')\n"
    )
    assert path.read_bytes() == before
