"""Qt's own words (standard buttons such as Save and Cancel, file dialogs, text field menus)
and its date and number widgets in the language csdesk's words are in.

Qt ships its catalogues beside its libraries; installing one sends every widget a
language-change event, so a dialog's standard buttons follow a live switch too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_state: dict[str, object] = {"language": None, "translator": None}


def install(language: str) -> bool:
    """Make Qt speak ``language`` (``en``, ``pt_BR``); False when Qt has no catalogue for it
    (Qt's words then stay English, csdesk's are unaffected)."""
    app = QCoreApplication.instance()
    if app is None or _state["language"] == language:
        return True
    previous = _state["translator"]
    if isinstance(previous, QTranslator):
        app.removeTranslator(previous)
        previous.deleteLater()
    _state["language"], _state["translator"] = language, None
    QLocale.setDefault(QLocale(language))
    if language.split("_")[0] == "en":
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    _state["translator"] = translator
    return True
