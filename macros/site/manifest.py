"""The link manifest's format (data/links.lock): every public address of the site,
relative to `site_url`, one a line (`/technique/`, `/technique/#step-set-up`), with a
header of `#` comment lines. Read by validation (ids against addresses), the link index
and the tests; written only by `make links-lock` (cli/links_lock.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..data.loading import read_text
from ..data.model import ID_PATTERN
from ..data.problems import DataError, Position, Problem, printable

FILE_NAME = "links.lock"
# The commands an editor runs, spelt once for every message that names them.
REGENERATE = "make update"
DROP = "make update DROP=1"
HEADER = f"""\
# Link manifest: every public address of the site (relative to site_url). Tests fail when
# one stops resolving. Regenerate after adding pages or anchors:  {REGENERATE}
# Renamed an id? Keep the old one in `aliases:` next to the new id in data/.
# Moved a page? Add `old.md: new.md` under `redirect_maps` in mkdocs.yml.
"""
# An anchor readers may link to: an id as data writes it (the model's id pattern).
PUBLIC_ID = re.compile(ID_PATTERN)
# A manifest line: a site path with an optional #anchor, e.g. /mistakes/#overextending.
_ADDRESS = re.compile(r"^/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*(?:#" + ID_PATTERN.removeprefix("^").removesuffix("$") + ")?$")


def manifest_lines(data_dir: Path | str) -> list[tuple[str, int]]:
    """The manifest's addresses with the line each is on, in file order; none if there is
    no manifest yet. DataError, located, for a file that cannot be read or a malformed line."""
    data_dir = Path(data_dir)
    path = data_dir / FILE_NAME
    if not path.exists() and not path.is_symlink():
        return []
    label = f"{data_dir.name}/{FILE_NAME}"
    text = read_text(path, label, root=data_dir)
    addresses, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        address = line.strip()
        if not address or address.startswith("#"):
            continue
        if not _ADDRESS.match(address):
            column = len(line) - len(line.lstrip()) + 1
            problems.append(Problem(Position(label, number, column), "",
                                    f"'{printable(address)}' is not a site address such as /mistakes/#an-id; "
                                    f"regenerate the file with `{REGENERATE}`"))
        addresses.append((address, number))
    if problems:
        raise DataError(problems)
    return addresses


def read_manifest(data_dir: Path | str) -> list[str]:
    """The manifest's addresses, in file order (see `manifest_lines`)."""
    return [address for address, _line in manifest_lines(data_dir)]


def write_manifest(data_dir: Path | str, addresses: set[str]) -> None:
    """Write the manifest: the header, then the addresses sorted."""
    (Path(data_dir) / FILE_NAME).write_text(HEADER + "".join(f"{a}\n" for a in sorted(addresses)), encoding="utf-8")
