"""The Jinja environments our templates render in, made in one place: Markdown (every
component and checklist; no HTML autoescape, since each value from data goes through the
filter for where it lands, site/escaping.py) and HTML (the data report shown while
serving invalid data, autoescaped)."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined

from ..site import escaping
from .linked import linked_text

TEMPLATES = Path(__file__).parent / "templates"
# An ATX heading line, also inside a list item or a card ("-   ## Title", "    ### Step 1").
_HEADING = re.compile(r"^(\s*(?:[-*+]\s+)?)(#{1,5})(?=\s)", re.MULTILINE)


def demote_headings(markdown: str) -> str:
    """Each Markdown heading one level down (# -> ##): a page's text inside another page,
    whose own title stays the one h1."""
    return _HEADING.sub(lambda m: m.group(1) + m.group(2) + "#", markdown)


def markdown_environment(bytecode_cache: BytecodeCache | None = None) -> Environment:
    """The environment every Markdown template renders in (globals and filters go here)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The output is Markdown, so HTML autoescaping would be the wrong escape: each
        # value from data goes through the filter for where it lands (escaping.py).
        autoescape=False,
    )
    env.filters.update(md=escaping.markdown_text, e=escaping.html_text,
                       doi_url=escaping.doi_url, link_target=escaping.link_target, demote=demote_headings,
                       linked_text=linked_text)
    return env


def html_environment() -> Environment:
    """The environment of the HTML templates (autoescaped)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)
