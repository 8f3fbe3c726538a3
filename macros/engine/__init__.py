"""The engine's entry points, kept fresh while serving.

mkdocs-macros imports the package once and keeps it, so without a reload an edit to any
module would not show until the server restarts. Each entry point first checks the
modification times of every `macros/**/*.py`; when one changed, every module of the
package (subpackages included) except the package itself and this module is dropped from
`sys.modules` and the adapter is imported afresh, which imports its layers anew in their
own order. This module holds no state an edit could make stale.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

PACKAGE = __name__.rpartition(".")[0]
ADAPTER = f"{__name__}.adapter"
_ROOT = Path(__file__).resolve().parent.parent


def source_stamp() -> tuple[tuple[str, int], ...]:
    """Every Python file of the package with its modification time."""
    return tuple((path.relative_to(_ROOT).as_posix(), path.stat().st_mtime_ns)
                 for path in sorted(_ROOT.rglob("*.py")))


_loaded_stamp: tuple | None = None


def fresh_adapter():
    """The adapter module, imported afresh (with every module of ours below it) when a
    source file changed since it was last imported."""
    global _loaded_stamp
    stamp = source_stamp()
    if _loaded_stamp is not None and stamp != _loaded_stamp:
        for name in [name for name in sys.modules if name.startswith(PACKAGE + ".") and name != __name__]:
            del sys.modules[name]
    _loaded_stamp = stamp
    return importlib.import_module(ADAPTER)


def define_env(env) -> None:
    """mkdocs-macros / Zensical: load the guide and register its macros (adapter.define_env)."""
    fresh_adapter().define_env(env)


def on_pre_page_macros(env) -> None:
    """mkdocs-macros: per page, before its macros render (adapter.on_pre_page_macros)."""
    importlib.import_module(ADAPTER).on_pre_page_macros(env)


def on_post_build(env) -> None:
    """mkdocs-macros: after the build, the post-build pipeline (adapter.on_post_build)."""
    importlib.import_module(ADAPTER).on_post_build(env)
