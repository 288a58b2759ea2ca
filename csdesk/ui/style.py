"""The look of the app in one place: palette, health colours, spacing and the stylesheet.

The palette follows the system's light or dark scheme (Qt's colour-scheme hint, falling back
to the window colour's lightness). Colours are calm neutrals with one accent; the health
colours are the only saturated ones, so that they carry meaning.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from csdesk.domain.enums import HealthBand
from csdesk.ui import style_scheme

SPACING = 12
RADIUS = 6
_FUSION_CHOSEN = "csdesk_fusion"


class Palette(NamedTuple):
    """The app's colours in one scheme. (A named tuple, immutable like a frozen dataclass:
    making a dataclass execs its generated methods, about 1 ms of every start.)"""

    dark: bool
    window: str
    surface: str
    sidebar: str
    border: str
    text: str
    muted: str
    accent: str
    accent_text: str
    selection: str
    health: dict[HealthBand, str]


LIGHT = Palette(
    dark=False,
    window="#f6f7f9",
    surface="#ffffff",
    sidebar="#eef0f3",
    border="#d9dde3",
    text="#1f2933",
    muted="#66717f",
    accent="#2f6f9f",
    accent_text="#ffffff",
    selection="#d7e6f3",
    health={
        HealthBand.HEALTHY: "#2e8b57",
        HealthBand.AT_RISK: "#c98a14",
        HealthBand.CRITICAL: "#c0392b",
    },
)

DARK = Palette(
    dark=True,
    window="#1e2227",
    surface="#252a31",
    sidebar="#1a1d21",
    border="#3a414b",
    text="#e4e7eb",
    muted="#9aa5b1",
    accent="#6aa6d6",
    accent_text="#10151b",
    selection="#2f4a63",
    health={
        HealthBand.HEALTHY: "#5cb88a",
        HealthBand.AT_RISK: "#e0a83a",
        HealthBand.CRITICAL: "#e06c5e",
    },
)


def system_is_dark() -> bool:
    scheme = style_scheme.color_scheme()
    if scheme == style_scheme.DARK:
        return True
    if scheme == style_scheme.LIGHT:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def current() -> Palette:
    return DARK if system_is_dark() else LIGHT


def stylesheet(p: Palette) -> str:
    from csdesk.ui.icons import tinted_file

    arrow = tinted_file("chevron-down", p.muted).as_posix()
    arrow_up = tinted_file("chevron-up", p.muted).as_posix()
    return f"""
QWidget {{ color: {p.text}; font-size: 10pt; }}
QMainWindow, QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget {{
    background: {p.window};
}}
QListWidget#navigation {{
    background: {p.sidebar}; border: none; border-right: 1px solid {p.border};
    padding: {SPACING}px 6px; outline: 0;
}}
QListWidget#navigation::item {{ padding: 8px 10px; border-radius: {RADIUS}px; margin: 1px 0; }}
QListWidget#navigation::item:selected {{ background: {p.selection}; color: {p.text}; }}
QListWidget#navigation::item:hover:!selected {{ background: {p.border}; }}
QLabel#pageTitle {{ font-size: 16pt; font-weight: 600; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: 600; }}
QLabel#muted, QLabel#emptyBody {{ color: {p.muted}; }}
QLabel#warning {{ color: {p.health[HealthBand.AT_RISK]}; }}
QLabel#emptyTitle {{ font-size: 13pt; font-weight: 600; color: {p.muted}; }}
QFrame#card {{
    background: {p.surface}; border: 1px solid {p.border}; border-radius: {RADIUS}px;
}}
QLabel#cardLabel {{ color: {p.muted}; font-size: 9pt; }}
QLabel#cardValue {{ font-size: 15pt; font-weight: 600; }}
QTableView, QTreeView, QListView, QTextBrowser {{
    background: {p.surface}; alternate-background-color: {p.window};
    border: 1px solid {p.border}; border-radius: {RADIUS}px;
    selection-background-color: {p.selection}; selection-color: {p.text};
    gridline-color: {p.border};
}}
QHeaderView::section {{
    background: {p.surface}; color: {p.muted}; border: none;
    border-bottom: 1px solid {p.border}; padding: 6px 8px; font-weight: 600;
}}
QLineEdit, QComboBox, QPlainTextEdit, QAbstractSpinBox {{
    background: {p.surface}; border: 1px solid {p.border}; border-radius: {RADIUS}px;
    padding: 5px 8px; selection-background-color: {p.selection}; selection-color: {p.text};
}}
QComboBox::drop-down {{ border: none; width: 24px; }}
QComboBox::down-arrow {{ image: url("{arrow}"); width: 14px; height: 14px; }}
QComboBox QAbstractItemView {{ background: {p.surface}; border: 1px solid {p.border}; }}
QAbstractSpinBox {{ padding-right: 22px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: border; width: 20px; border: none; background: transparent;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-arrow {{ image: url("{arrow_up}"); width: 11px; height: 11px; }}
QAbstractSpinBox::down-arrow {{ image: url("{arrow}"); width: 11px; height: 11px; }}
QDateTimeEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: top right; width: 24px; border: none;
}}
QDateTimeEdit::down-arrow {{ image: url("{arrow}"); width: 14px; height: 14px; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QAbstractSpinBox:focus {{
    border-color: {p.accent};
}}
QPushButton, QToolButton {{
    background: {p.surface}; border: 1px solid {p.border}; border-radius: {RADIUS}px;
    padding: 5px 12px;
}}
QPushButton:hover, QToolButton:hover {{ border-color: {p.accent}; }}
QPushButton#primary, QToolButton#primary {{
    background: {p.accent}; color: {p.accent_text}; border-color: {p.accent};
}}
QPushButton:disabled, QToolButton:disabled {{ color: {p.muted}; }}
QPushButton#primary:disabled, QToolButton#primary:disabled {{
    background: {p.sidebar}; color: {p.muted}; border-color: {p.border};
}}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    padding: 6px 10px; border: none; border-bottom: 2px solid transparent; color: {p.muted};
}}
QTabBar::tab:selected {{ color: {p.text}; border-bottom-color: {p.accent}; }}
QStatusBar {{ background: {p.sidebar}; border-top: 1px solid {p.border}; color: {p.muted}; }}
QProgressBar {{
    border: 1px solid {p.border}; border-radius: 4px; background: {p.surface};
    max-height: 12px; text-align: center; font-size: 8pt;
}}
QProgressBar::chunk {{ background: {p.accent}; border-radius: 3px; }}
QMenu {{ background: {p.surface}; border: 1px solid {p.border}; }}
QMenu::item {{ padding: 5px 18px; }}
QMenu::item:selected {{ background: {p.selection}; color: {p.text}; }}
"""


def create_application(arguments: list[str]) -> QApplication:
    """The QApplication, created with csdesk's widget style (Fusion, the same on every system,
    which the stylesheet below refines).

    Choosing the style by argument keeps Python away from the QStyle object: setting or even
    reading it from Python makes PySide build its wrapper, 20-30 ms of the app's start.
    """
    app = QApplication([*arguments[:1], "-style", "fusion"])
    app.setProperty(_FUSION_CHOSEN, True)
    return app


def apply(app: QApplication) -> Palette:
    """Style the whole application after the system's scheme; return the palette used.

    Applying the same palette again does nothing: re-styling re-polishes every live widget.
    """
    p = current()
    if app.property("csdesk_palette") == ("dark" if p.dark else "light"):
        return p
    app.setProperty("csdesk_palette", "dark" if p.dark else "light")
    if not app.property(_FUSION_CHOSEN):  # an application csdesk did not create (tests)
        app.setStyle("Fusion")
        app.setProperty(_FUSION_CHOSEN, True)
    qt_palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: p.window,
        QPalette.ColorRole.Base: p.surface,
        QPalette.ColorRole.AlternateBase: p.window,
        QPalette.ColorRole.Text: p.text,
        QPalette.ColorRole.WindowText: p.text,
        QPalette.ColorRole.ButtonText: p.text,
        QPalette.ColorRole.Button: p.surface,
        QPalette.ColorRole.Highlight: p.selection,
        QPalette.ColorRole.HighlightedText: p.text,
        QPalette.ColorRole.PlaceholderText: p.muted,
        QPalette.ColorRole.ToolTipBase: p.surface,
        QPalette.ColorRole.ToolTipText: p.text,
        # Frames and tab-bar base lines: the border colour, not Fusion's white bevels.
        QPalette.ColorRole.Light: p.border,
        QPalette.ColorRole.Midlight: p.border,
        QPalette.ColorRole.Mid: p.border,
        QPalette.ColorRole.Dark: p.border,
        QPalette.ColorRole.Shadow: p.border,
    }
    for role, colour in roles.items():
        qt_palette.setColor(role, QColor(colour))
    app.setPalette(qt_palette)
    app.setStyleSheet(stylesheet(p))
    return p
