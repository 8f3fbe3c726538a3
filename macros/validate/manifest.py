"""The rule that the ids in data/ and the link manifest (data/links.lock) agree, so
`make check-data` says what the link tests would only say after a build."""

from __future__ import annotations

from ..data.model import FILE_MODELS, Guide, Linkable, walk
from ..data.problems import Position, closest_match
from ..render.registry import page_table
from ..site.anchors import RESERVED_ID_PREFIXES
from ..site.config import read_site_config
from ..site.manifest import DROP, FILE_NAME, REGENERATE, manifest_lines
from ..site.pages import Pages
from ..site.urls import rooted_address
from .registry import WHOLE_GUIDE, Context, Report, rule
from .rules import page_heading_pages


def _anchored_ids(guide: Guide, pages: Pages) -> dict[str, tuple[str, tuple, str, str]]:
    """Every id and alias a reader can link to: {id: (file key, field path, page address, id it names)}."""
    found = {}
    for key in FILE_MODELS:
        for path, record, _owner in walk(getattr(guide, key)):
            if not isinstance(record, Linkable):
                continue
            try:
                address = rooted_address(pages.of(record.id))
            except KeyError:  # shown on no page: no address to promise
                continue
            found.setdefault(record.id, (key, path + ("id",), address, record.id))
            for i, alias in enumerate(record.aliases):
                found.setdefault(alias, (key, path + ("aliases", i), address, record.id))
    return found


@rule(phase=WHOLE_GUIDE)
def ids_match_the_link_manifest(context: Context, report: Report) -> None:
    """The link manifest (data/links.lock) against the ids in data/, so `make check-data`
    says what the link tests would only say after a build:

    - an id with no address in the manifest is new: run `make links-lock`;
    - an anchor in the manifest that names no id any more (checked when the site's `pages`
      are known, so a heading's own id is not taken for a vanished one) is a link that
      would break: keep the old id in `aliases:`, or drop it with `make update DROP=1`.

    A rename without an alias gives both; they are one problem, reported at the new id.
    Nothing is checked before there is a manifest, nor for the build `make links-lock`
    reads the new addresses from."""
    if not context.check_manifest or context.data_dir is None:
        return
    guide, data_dir, pages = context.guide, context.data_dir, context.site_pages
    lines = manifest_lines(data_dir)
    if not lines:
        return
    label = f"{data_dir.name}/{FILE_NAME}"
    listed = {address for address, _line in lines}
    table = page_table(guide)
    anchored = _anchored_ids(guide, table)
    homes = {anchor: {rooted_address(name) for name in table.every_page_of(where[3])}
             for anchor, where in anchored.items()}
    new = {anchor: where for anchor, where in anchored.items() if f"{where[2]}#{anchor}" not in listed}
    if pages is not None:
        headings = {anchor: {rooted_address(name) for name in names}
                    for anchor, names in page_heading_pages(context).items()}
        addresses = {rooted_address(name) for name in pages}
        # A moved page keeps its old address through a redirect (mkdocs.yml), #anchors too.
        config = data_dir.parent / "mkdocs.yml"
        redirected = {rooted_address(old) for old in read_site_config(config).redirects} if config.is_file() else set()
        for address, line in lines:
            page, _, anchor = address.partition("#")
            if page in redirected:
                continue
            # The page first: an address whose page the site does not make leads nowhere.
            if page not in addresses:
                context.report_at(
                    Position(label, line, 1),
                    f"{address}: the site has no page {page}, so this link would break; keep the old address "
                    f"working with a redirect (mkdocs.yml redirects), or drop it with `{DROP}`")
                continue
            if not anchor or anchor.startswith(RESERVED_ID_PREFIXES):
                continue
            if page in headings.get(anchor, ()) or page in homes.get(anchor, ()):
                continue
            if anchor in anchored:
                # The id exists, on another page: a link to this address opens the page at its top.
                home = anchored[anchor][2]
                context.report_at(
                    Position(label, line, 1),
                    f"{address}: '{anchor}' is on {home}, not on {page}, so this link would not land; "
                    f"write {home}#{anchor}, or drop it with `{DROP}`")
                continue
            if anchor in headings:
                pages_of = ", ".join(sorted(headings[anchor]))
                context.report_at(
                    Position(label, line, 1),
                    f"{address}: the heading '{anchor}' is on {pages_of}, not on {page}, so this link would "
                    f"not land; drop it with `{DROP}`")
                continue
            on_page = sorted(a for a, where in new.items() if where[2] == page and a == where[3])
            renamed = closest_match(anchor, on_page) or (on_page[0] if len(on_page) == 1 else None)
            if renamed is not None:
                key, path, _page, _id = new.pop(renamed)
                report(
                    key, path,
                    f"'{renamed}' replaces '{anchor}'? {address} is in {label} and would no longer land: keep "
                    f"the old link working with `aliases: [{anchor}]` next to `id: {renamed}`, then run "
                    f"`{REGENERATE}`; if '{anchor}' was removed on purpose, run `{DROP}`")
                continue
            context.report_at(
                Position(label, line, 1),
                f"{address}: no record in data/ has the id '{anchor}' any more, so this link would break; "
                f"if you renamed it, keep the old link working with `aliases: [{anchor}]` next to the new id; "
                f"if you removed it on purpose, run `{DROP}`")
    for anchor, (key, path, page, _id) in new.items():
        report(
            key, path,
            f"'{anchor}' is new: its address {page}#{anchor} is not in {label} yet; run `{REGENERATE}` "
            f"and commit {label}")
