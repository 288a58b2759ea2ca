"""One language value: what the resolver gives at every door, and what ``Lang`` renders."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from csdesk.domain.enums import Role
from csdesk.errors import CsdeskError
from csdesk.i18n import Lang, current_language, language, resolve, workspace_lang
from csdesk.i18n.locales import SUPPORTED
from csdesk.store import Workspace
from csdesk.store.settings import LOCALE


@pytest.mark.parametrize(
    ("asked", "code"),
    [("pt-BR", "pt_BR"), ("pt_BR.UTF-8", "pt_BR"), ("pt", "pt_BR"), ("en_US", "en")],
)
def test_what_a_person_asks_for_names_one_supported_language(asked: str, code: str) -> None:
    assert resolve(asked) == Lang(code)
    assert resolve(asked, stored="en").code == code  # the ask wins over the stored setting


def test_asking_for_a_language_without_catalogue_is_refused_with_the_choices() -> None:
    with pytest.raises(CsdeskError) as raised:
        resolve("fr")
    assert "'fr'" in raised.value.message
    assert "en, pt-BR" in raised.value.message


def test_a_stored_locale_without_catalogue_falls_back_to_the_systems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from csdesk.i18n.locales import system_locale

    monkeypatch.setenv("LC_ALL", "pt_BR.UTF-8")
    system_locale.cache_clear()
    try:
        assert resolve(None, stored="fr_FR") == Lang("pt_BR")
        assert resolve(None, stored="en") == Lang("en")
    finally:
        system_locale.cache_clear()


def test_the_workspace_setting_is_read_through_the_same_resolver(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "w.csdesk") as ws:
        LOCALE.set(ws, "pt-BR")
        assert workspace_lang(ws) == Lang("pt_BR")
        assert workspace_lang(ws, "en") == Lang("en")


def test_a_lang_translates_and_formats_in_its_own_language_whatever_the_ambient_one() -> None:
    pt = Lang("pt_BR")
    with language("en"):
        assert pt("Healthy") == "Saudável"
        assert pt.label(Role.AM) == "Gerente de Contas"
        assert (
            pt.ngettext(
                "Dry run: {count} row would be imported.",
                "Dry run: {count} rows would be imported.",
                2,
            )
            == "Simulação: {count} linhas seriam importadas."
        )
        assert pt.number(1234.5, decimals=1) == "1.234,5"
        assert Lang("en").number(1234.5, decimals=1) == "1,234.5"
    assert pt.tag == "pt-BR"
    assert set(SUPPORTED) == {"en", "pt_BR"}
    with pytest.raises(ValueError):
        Lang("fr")


def test_a_language_block_in_one_thread_is_not_seen_by_another() -> None:
    inside = threading.Event()
    done = threading.Event()
    seen: list[str] = []

    def worker() -> None:
        with language("pt_BR"):
            seen.append(current_language())
            inside.set()
            done.wait(5)
        seen.append(current_language())

    before = current_language()
    thread = threading.Thread(target=worker)
    with language("en"):
        thread.start()
        assert inside.wait(5)
        assert current_language() == "en"
        done.set()
        thread.join(5)
    assert seen[0] == "pt_BR"
    assert current_language() == before


def test_languages_and_errors_cross_to_worker_processes() -> None:
    """QBR packs are written by worker processes, which receive the Lang and may send back
    an error with its message and remedy."""
    import pickle

    from csdesk.errors import CsdeskError, Message, Remedy
    from csdesk.i18n.lang import Lang

    lang = pickle.loads(pickle.dumps(Lang("pt_BR")))
    assert lang == Lang("pt_BR") and hash(lang) == hash(Lang("pt_BR"))
    error = CsdeskError(Message("{path} is damaged."), remedy=Remedy("restore_any"))
    back = pickle.loads(pickle.dumps(error.said))
    assert back == error.said and pickle.loads(pickle.dumps(error.remedy)) == error.remedy
    with pytest.raises(AttributeError):
        lang.code = "en"  # type: ignore[misc]
