"""MkDocs hook: tell the guide's macros which command runs them.

`mkdocs serve` started on invalid data must keep serving and show the report in the
browser, while `mkdocs build` must stop (macros/__init__.py, define_env). mkdocs-macros
does not pass the command on, so this hook leaves it in the environment of the process.
"""

import os

COMMAND_VARIABLE = "GUIDE_ENGINE_COMMAND"


def on_startup(command: str, dirty: bool) -> None:
    os.environ[COMMAND_VARIABLE] = command
