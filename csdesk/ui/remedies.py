"""What the app says for each remedy an error carries: its menu items, never a command.

An error of the core says what happened and names what can be done by a key
(:class:`csdesk.errors.Remedy`); the command line words the key with its commands
(``csdesk.cli.common.COMMAND_LINE``), the app with the menu items below, written from the very
labels the menu bar shows (``main_window.MainWindow._build_menus``), so the two never differ.
"""

from __future__ import annotations

from csdesk.errors import CsdeskError, Door, Message
from csdesk.i18n.lang import Lang, ambient
from csdesk.ui.translate import N_

# The menu labels the remedies point to, exactly as the menu bar is built from them.
FILE_MENU = N_("&File")
NEW_WORKSPACE = N_("&New workspace…")
IMPORT_SPREADSHEET = N_("&Import spreadsheet…")
RESTORE_BACKUP = N_("Restore from &backup…")
TODAY_PAGE = N_("Today")
IMPORTS_PAGE = N_("Imports")


def menu_path(lang: Lang, *labels: str) -> str:
    """``File ▸ Restore from backup…`` in ``lang``: each label translated, its Qt mnemonic
    marker (``&``, ``&&`` for a literal one) taken out."""
    return " ▸ ".join(
        lang(label).replace("&&", "\0").replace("&", "").replace("\0", "&") for label in labels
    )


APP: Door = {
    "restore_newest": Message(
        N_("The newest good backup is {backup}; choose {menu} to restore it."),
        {"menu": lambda lang: menu_path(lang, FILE_MENU, RESTORE_BACKUP)},
    ),
    "restore_any": Message(
        N_("Choose {menu} to get it back from a backup."),
        {"menu": lambda lang: menu_path(lang, FILE_MENU, RESTORE_BACKUP)},
    ),
    "create_workspace": Message(
        N_("Choose {new_menu} to create one, or {import_menu} to start from a spreadsheet."),
        {
            "new_menu": lambda lang: menu_path(lang, FILE_MENU, NEW_WORKSPACE),
            "import_menu": lambda lang: menu_path(lang, FILE_MENU, IMPORT_SPREADSHEET),
        },
    ),
    "list_actions": Message(
        N_("The {page} page lists them."), {"page": lambda lang: lang(TODAY_PAGE)}
    ),
    "import_again": Message(
        N_("To import it again, undo batch {batch} first on the {page} page."),
        {"page": lambda lang: lang(IMPORTS_PAGE)},
    ),
}


def error_text(error: CsdeskError, lang: Lang | None = None, *, remedy: bool = True) -> str:
    """An error as the app shows it: in the app's language (the session's ``Lang``, else the
    GUI's), what to do said with the app's menu items."""
    return error.render(lang or ambient(), APP, remedy=remedy)
