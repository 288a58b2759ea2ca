"""Qt's own words (standard buttons such as Save and Cancel, file dialogs, text field menus)
and its date and number widgets in the language csdesk's words are in.

Qt ships its catalogues beside its libraries; installing one sends every widget a
language-change event, so a dialog's standard buttons follow a live switch too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator


class _State:
    language: str | None = None
    translator: QTranslator | None = None


_state = _State()


def install(language: str) -> bool:
    """Make Qt speak ``language`` (``en``, ``pt_BR``); False when Qt has no catalogue for it
    (Qt's words then stay English, csdesk's are unaffected)."""
    app = QCoreApplication.instance()
    if app is None or _state.language == language:
        return True
    previous = _state.translator
    if previous is not None:
        app.removeTranslator(previous)
        previous.deleteLater()
    _state.language, _state.translator = language, None
    QLocale.setDefault(QLocale(language))
    if language.split("_")[0] == "en":
        return True
    # Loaded here: English, the usual start, needs neither catalogue nor these classes.
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    _state.translator = translator
    return True
