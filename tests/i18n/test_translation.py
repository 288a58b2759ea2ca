"""The translation layer: language choice, lookups, plurals, contexts and switching back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from csdesk.errors import CsdeskError
from csdesk.i18n import formatting, translation
from csdesk.i18n.translation import (
    N_,
    _,
    current_language,
    language,
    ngettext,
    resolve_language,
    set_language,
    translations,
)


@pytest.fixture(autouse=True)
def restore_language() -> Iterator[None]:
    previous = translation._default
    yield
    translation._default = previous


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pt-BR", "pt_BR"),
        ("pt_BR", "pt_BR"),
        ("pt_BR.UTF-8", "pt_BR"),
        ("pt", "pt_BR"),
        ("en", "en"),
        ("en_US", "en"),
        ("EN", "en"),
    ],
)
def test_language_names_resolve_to_supported_ones(name: str, expected: str) -> None:
    assert resolve_language(name) == expected


def test_an_unavailable_language_is_a_user_error_naming_the_choices() -> None:
    with pytest.raises(CsdeskError) as raised:
        set_language("fr")
    assert "'fr'" in raised.value.message
    assert "pt-BR" in raised.value.message


def test_the_default_language_is_the_systems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "pt_BR.UTF-8")
    formatting.system_locale.cache_clear()
    try:
        translation._default = None
        assert current_language() == "pt_BR"
        assert _("Healthy") == "Saudável"
    finally:
        formatting.system_locale.cache_clear()


def test_english_passes_messages_through_and_portuguese_translates_them() -> None:
    set_language("en")
    assert _("Critical") == "Critical"
    set_language("pt-BR")
    assert current_language() == "pt_BR"
    assert _("Critical") == "Crítico"
    assert _("MRR movements") == "Movimentos de MRR"
    # A message with no catalogue entry falls back to the English text, never to blank.
    assert _("A sentence nobody marked") == "A sentence nobody marked"


def test_portuguese_plurals_count_zero_and_one_as_singular() -> None:
    set_language("pt_BR")
    forms = [ngettext("{count} renewal", "{count} renewals", n).format(count=n) for n in (0, 1, 2)]
    assert forms == ["0 renovação", "1 renovação", "2 renovações"]
    set_language("en")
    assert ngettext("{count} renewal", "{count} renewals", 0) == "{count} renewals"


def test_language_block_switches_and_restores() -> None:
    set_language("en")
    with language("pt-BR") as chosen:
        assert chosen == "pt_BR"
        assert _("Healthy") == "Saudável"
    assert current_language() == "en"
    assert _("Healthy") == "Healthy"


def test_language_block_restores_after_an_error() -> None:
    set_language("pt_BR")
    with pytest.raises(RuntimeError), language("en"):
        raise RuntimeError("report failed")
    assert current_language() == "pt_BR"


def test_a_lang_serves_one_language_without_switching_the_process() -> None:
    from csdesk.i18n import resolve

    set_language("en")
    portuguese = resolve("pt-BR")
    assert portuguese("Renewals by month") == "Renovações por mês"
    assert current_language() == "en"
    assert _("Renewals by month") == "Renewals by month"
    assert translations("pt_BR").ngettext("{count} renewal", "{count} renewals", 3) == (
        "{count} renovações"
    )


def test_n_marks_without_translating() -> None:
    set_language("pt_BR")
    assert N_("Healthy") == "Healthy"
    assert _(N_("Healthy")) == "Saudável"


def test_the_package_door_is_the_same_function_and_loads_no_babel() -> None:
    import subprocess
    import sys

    code = (
        "import sys, csdesk.i18n as i; "
        "from csdesk.i18n.translation import gettext; "
        "assert i._ is gettext; print(any(m.startswith('babel') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
