"""Invisible characters are refused by Unicode property, whole categories at a time
(macros/data/model.py): every code point of each refused category, and none of the
visible ones a guide's text uses."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from pydantic_core import PydanticCustomError

from hostile_data import INVISIBLE_CATEGORIES, characters_of
from macros.data.model import _plain_prose, invisible_character


@pytest.mark.parametrize("category", INVISIBLE_CATEGORIES + ("Cs",))
def test_every_character_of_an_invisible_category_is_refused(category):
    chars = characters_of(category) if category != "Cs" else tuple(chr(c) for c in range(0xD800, 0xE000))
    assert chars
    missed = [f"U+{ord(ch):04X}" for ch in chars if invisible_character(f"a{ch}b") != ch]
    assert not missed, f"{len(missed)} of {len(chars)} {category} characters pass: {missed[:10]}"


def test_the_message_names_the_character():
    with pytest.raises(PydanticCustomError) as caught:
        _plain_prose("a\U000E0041b")
    assert "\\U000e0041 TAG LATIN CAPITAL LETTER A" in str(caught.value)


def test_visible_text_passes_in_every_script_and_spacing():
    visible = [chr(c) for c in range(0x20, sys.maxunicode + 1)
               if unicodedata.category(chr(c))[0] in "LNPS" and chr(c) not in "\u115f\u1160\u3164\uffa0\u2800"]
    assert len(visible) > 100_000
    text = "".join(visible)
    assert invisible_character(text) is None
    assert invisible_character("a\u00a0b\u2009c\u202fd") is None  # visible spaces (Zs) are spaces
