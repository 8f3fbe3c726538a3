"""What opens a block at the start of a line, for Markdown and for each extension the site
can enable (mkdocs.yml `markdown_extensions`): the markers data text must not start.

Two walls use this table. The model (model.py) refuses a value that starts with a marker
an editor can only have meant as markup (`!!! note`, `=== "Tab"`): the editor sees where.
The escaper (site/escaping.py) writes the first character of any value that starts with
punctuation as a numeric entity, so no marker of any extension can open a block even if
one got past the model (and the ones accepted as text, `> quoted`, `- listed`, render as
typed). tests/test_block_syntax.py fails when mkdocs.yml enables an extension missing
here, and renders every marker through the site's own converter.
"""

from __future__ import annotations

# extension -> (markers refused at the start of a value, markers rendered as text there).
# An extension without block syntax of its own has an empty entry: listed, so that
# enabling a new one forces a look at what it parses.
BLOCK_SYNTAX: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # Python-Markdown itself: headings, quotes, lists, rules, indented code.
    # (Reference definitions, `[x]: url`, and abbreviations, `*[x]: words`, are no fixed
    # marker: model.py matches them with their own expression, after these.)
    "markdown": (("#",), (">", "- ", "* ", "+ ", "1. ", "1) ", "---", "***", "___")),
    "abbr": ((), ()),
    "admonition": (("!!!",), ()),
    # Braces and tags are refused anywhere in a value (model.py's MARKUP_PATTERN), not only
    # at its start: here they are only rendered (escaped) like the text markers.
    "attr_list": ((), ("{:", "{")),
    "md_in_html": ((), ("<",)),
    "tables": ((), ("|", ":-", "-|")),
    "footnotes": ((), ("[^",)),
    "def_list": ((), (": ", ":   ")),
    "toc": ((), ("[TOC]",)),
    "pymdownx.details": (("???", "???+"), ()),
    "pymdownx.blocks.caption": (("///",), ()),
    "pymdownx.blocks.admonition": (("///",), ()),
    "pymdownx.blocks.html": (("///",), ()),
    "pymdownx.blocks.details": (("///",), ()),
    "pymdownx.blocks.tab": (("///",), ()),
    "pymdownx.superfences": ((), ("```", "~~~")),
    "pymdownx.tasklist": ((), ("[ ] ", "[x] ", "[X] ")),
    "pymdownx.tabbed": (("===",), ()),
}

REFUSED_MARKERS: tuple[str, ...] = tuple(sorted({m for refused, _ in BLOCK_SYNTAX.values() for m in refused}))
TEXT_MARKERS: tuple[str, ...] = tuple(sorted({m for _, text in BLOCK_SYNTAX.values() for m in text}))

# The refused markers as alternatives of a regular expression (model.py puts them at the
# start of a value),
# in the syntax Python and ECMA-262 (the JSON Schema editors use) share.
# (re.escape would also escape spaces and quotes, which ECMA-262's unicode mode refuses.)
_SPECIAL = set("\\^$.|?*+()[]{}")
START_OF_VALUE = "|".join("".join("\\" + ch if ch in _SPECIAL else ch for ch in marker)
                          for marker in sorted(REFUSED_MARKERS, key=len, reverse=True))
