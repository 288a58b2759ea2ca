"""The currency of each amount: a symbol or ISO code in the cell, a currency column, or the
money column's header (``MRR (USD)``) for the cells that name none.

All money in a workspace is in its currency (DESIGN.md). A file mixing ``R$ 100``,
``US$ 100`` and ``€ 100`` must not add up to 300: an amount in another currency is converted
with a rate the user gave (the workspace's rates table, or ``--rate USD=5.40``), or the file
is refused with one line naming the currencies found and how to give rates. ``$`` alone is
read as US dollars, and the column's decision says so. Words and symbols are data
(``vocabulary.json``, section ``currencies``).
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from csdesk.ingest.vocabulary import normalise, vocabulary
from csdesk.store.settings import Setting

RATES: Setting[dict[str, Any]] = Setting(
    "currency.rates",
    {},
    "Exchange rates into the workspace currency: ISO code -> {rate, date}",
)

_CODE = re.compile(r"^[A-Za-z]{3}$")
_IN_CELL = re.compile(r"(?i)(?<![A-Za-z])([A-Z]{0,2}\$|€|£)|\b([A-Z]{3})\b")
# A character without which _IN_CELL cannot match (beyond ASCII: letters that match [A-Z]
# ignoring case, such as the Kelvin sign, and the other symbols).
_MAY_NAME_CURRENCY = re.compile("[A-Za-z$\u0080-\U0010ffff]")


@cache
def _words() -> dict[str, str]:
    return {
        normalise(word) or word.lower(): code
        for code, words in vocabulary()["currencies"].items()
        for word in [code, *words]
    }


def known_codes() -> list[str]:
    """The currencies csdesk reads by their words and symbols, as the vocabulary lists them."""
    return list(vocabulary()["currencies"])


@cache
def _symbols() -> dict[str, str]:
    """Symbols as written in cells (``r$``, ``us$``, ``€``), lowercase."""
    return {
        word.lower(): code
        for code, words in vocabulary()["currencies"].items()
        for word in words
        if not word.isalpha()
    }


def code_of(word: object) -> str | None:
    """``R$``, ``usd``, ``Dólar``, ``CHF`` -> an ISO 4217 code; None when not a currency."""
    if word is None:
        return None
    text = str(word).strip()
    if not text:
        return None
    found = _symbols().get(text.lower()) or _words().get(normalise(text))
    if found:
        return found
    return text.upper() if _CODE.match(text) else None


def _code_in_cell(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _IN_CELL.search(value)
    if match is None:
        return None
    symbol, code = match.groups()
    if symbol:
        return _symbols().get(symbol.lower())
    known = set(vocabulary()["currencies"])
    return code.upper() if code and code.upper() in known else None


# What pandas.api.types.infer_dtype says of cells among which a text may be.
_MAY_HOLD_TEXT = frozenset({"string", "mixed", "mixed-integer", "unknown-array"})


def codes_in_cells(values: np.ndarray, blank: np.ndarray) -> np.ndarray | None:
    """The currency written in each cell (object array, None where none), or None when no
    cell of the column names one (the common case: a workbook's plain numbers)."""
    positions = np.flatnonzero(~blank)
    if not len(positions):
        return None
    kind = "" if values.dtype != object else pd.api.types.infer_dtype(values[positions])
    if kind not in _MAY_HOLD_TEXT:
        return None  # only a text cell names a currency
    written = values[positions].tolist()
    # A column of texts only (a CSV's) is joined as it is; one with numbers among its texts
    # (a workbook's) keeps its texts.
    texts = "\n".join(written if kind == "string" else (v for v in written if isinstance(v, str)))
    # The common column of plain amounts has no letter nor symbol at all: one quick scan of
    # all its texts at once (a match of _IN_CELL needs one of these characters).
    if _MAY_NAME_CURRENCY.search(texts) is None:
        return None
    cells = pd.Series(values[positions], dtype=object)
    codes, uniques = pd.factorize(cells)
    found = [_code_in_cell(u) for u in uniques]
    if not any(found):
        return None
    out = np.full(len(values), None, dtype=object)
    out[positions] = np.array([*found, None], dtype=object)[codes]
    return out


# Words of the vocabulary that name a currency in a cell but are other words in a header:
# "Receita real" is actual revenue, "Peso (libras)" a weight.
_NOT_IN_HEADERS = frozenset({"real", "libra", "libras", "pound", "pounds"})


@cache
def _header_words() -> dict[str, str]:
    """Currency words and codes as ``normalise_header`` leaves them, symbols lowercased."""
    from csdesk.ingest.vocabulary import normalise_header

    out: dict[str, str] = {}
    for code, words in vocabulary()["currencies"].items():
        for word in [code, *words]:
            key = word.lower() if not word.isalpha() else normalise_header(word)
            if key and key not in _NOT_IN_HEADERS:
                out[key] = code
    return out


def header_currency(header: str) -> str | None:
    """The currency a money column's header names (``MRR (USD)``, ``Valor (R$ mil)``,
    ``refund_amount_usd``, ``Receita em reais``); None when it names none, or more than one.

    An export says its currency in the header more often than in the cells; read as the
    workspace's, ``MRR (USD)`` would be summed as reais.
    """
    from csdesk.ingest.vocabulary import normalise_header

    table = _header_words()
    words = normalise_header(header).split()
    phrases = [*words, *(" ".join(pair) for pair in itertools.pairwise(words))]
    found = {table[phrase] for phrase in phrases if phrase in table}
    if "$" in header and not found:
        found.add(table["$"])  # "$" alone, as in a cell: US dollars
    return found.pop() if len(found) == 1 else None


def currency_chosen(ws: Any) -> bool:
    """Whether someone chose the workspace's currency, or an import adopted one (else it is
    the new workspace's default)."""
    from csdesk.store.settings import CURRENCY

    return ws.scalar("SELECT 1 FROM settings WHERE key = ?", (CURRENCY.key,)) is not None


def holds_money(ws: Any) -> bool:
    """Whether the workspace holds any amount (revenue or contracts), in its currency."""
    return bool(
        ws.scalar(
            "SELECT EXISTS (SELECT 1 FROM revenue_months) OR EXISTS (SELECT 1 FROM contracts)"
        )
    )


def assumed_currency(ws: Any) -> str | None:
    """The workspace's currency when it holds money in it that no file named and no one
    chose (a new workspace's default, BRL); None when the currency was chosen or adopted."""
    from csdesk.store.settings import CURRENCY

    if currency_chosen(ws) or not holds_money(ws):
        return None
    return str(CURRENCY.get(ws))


def parse_rate(text: str) -> tuple[str, float] | None:
    """``USD=5.40`` or ``EUR=6,1`` -> (code, rate); None when it is not written so."""
    code, sep, number = text.partition("=")
    currency = code_of(code.strip())
    if not sep or currency is None:
        return None
    try:
        rate = float(number.strip().replace(",", "."))
    except ValueError:
        return None
    return (currency, rate) if rate > 0 else None


def stored_rates(ws: Any) -> dict[str, tuple[float, str | None]]:
    """The workspace's rates: code -> (rate, date it was taken, or None)."""
    if ws is None:
        return {}
    out: dict[str, tuple[float, str | None]] = {}
    for code, entry in RATES.get(ws).items():
        if isinstance(entry, dict) and entry.get("rate"):
            out[str(code).upper()] = (float(entry["rate"]), entry.get("date"))
        elif isinstance(entry, int | float) and entry > 0:
            out[str(code).upper()] = (float(entry), None)
    return out
