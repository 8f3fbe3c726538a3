"""`python -m macros COMMAND ...`: the command-line tools (cli/), one module each."""

from __future__ import annotations

import importlib
import sys

# Each command's module in cli/, imported only when it runs (check-data stays light).
COMMANDS = {
    "check-data": "check_data",
    "check-links": "check_links",
    "links-lock": "links_lock",
    "schema": "schema",
    "postbuild": "postbuild",
}


def main(argv: list[str]) -> int:
    """Run the command named first in `argv` with the rest of it."""
    if not argv or argv[0] not in COMMANDS:
        print("usage: python -m macros {" + "|".join(COMMANDS) + "} ...", file=sys.stderr)
        return 2
    return importlib.import_module(f"{__package__}.cli.{COMMANDS[argv[0]]}").main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
