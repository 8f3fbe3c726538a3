"""MkDocs hook: tell the guide's macros which command runs them.

`mkdocs serve` started on invalid data must keep serving and show the report in the
browser, while `mkdocs build` must stop (macros/engine/adapter.py, define_env).
mkdocs-macros does not pass the command on, so this hook leaves it in the environment
of the process, under the name site/config.py gives it.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from macros.site.config import COMMAND_VARIABLE  # noqa: E402 (the project folder is on the path only now)


def on_startup(command: str, dirty: bool) -> None:
    os.environ[COMMAND_VARIABLE] = command
