"""The guide's macros package: a library in layers (see the package map in
CONTRIBUTING.md, "Changing the code"), with the engine adapter on top.

mkdocs-macros and Zensical import this package by the name `macros` and look for
`define_env`, `on_pre_page_macros` and `on_post_build` here; they are the engine
package's (engine/), looked up only when an engine asks, so a command-line tool that
imports one layer (`python -m macros check-data`) loads that layer and what is below it.
"""

from __future__ import annotations

import importlib

ENGINE_HOOKS = ("define_env", "on_pre_page_macros", "on_post_build")


def __getattr__(name: str):
    # PEP 562: called only for names this module does not define.
    if name in ENGINE_HOOKS:
        return getattr(importlib.import_module(f"{__name__}.engine"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
