"""Settings are stored as JSON; the short strings a start reads are decoded without ``json``,
and must read exactly as ``json`` reads them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csdesk.store.settings import decoded

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(values)
def test_what_json_wrote_reads_back_the_same(value: Any) -> None:
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False)):
        assert decoded(text) == json.loads(text)


@given(st.text(max_size=12).map(lambda s: f'"{s}"'))
def test_any_quoted_text_reads_as_json_reads_it_or_is_refused_alike(raw: str) -> None:
    try:
        expected = json.loads(raw)
    except ValueError:
        with pytest.raises(ValueError):
            decoded(raw)
        return
    assert decoded(raw) == expected
