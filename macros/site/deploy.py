"""Is this build fit to publish? A deploy build must know the site's real public address.

`site_url` makes every canonical URL, `og:url`, the sitemap and each printed checklist's QR
code. mkdocs.yml reads it from the environment (`SITE_URL`, set by the Pages workflow from
`actions/configure-pages`) and falls back to a placeholder for local builds. A deploy build
(`DEPLOY=1`, set by the workflow) refuses the placeholder, or any address that leads nowhere
public, rather than print QR codes to example.org.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Set to "1" by .github/workflows/pages.yml for the build it publishes.
DEPLOY_VARIABLE = "DEPLOY"
SITE_URL_VARIABLE = "SITE_URL"
# Hosts that never serve the published guide: RFC 2606/6761 reserved names and this machine.
_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
_RESERVED_HOSTS = frozenset({"example.org", "example.com", "example.net", "localhost",
                             "127.0.0.1", "0.0.0.0", "::1"})


# What a site address may hold: letters, digits and the URL characters that end nothing it
# is written into (no quote, angle bracket, backslash, space, brace; no ? or #: an address
# with a query or fragment cannot have pages below it). It comes from the workflow, not
# from editors, but it is written into every page's head and every QR code.
_ADDRESS_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/%@!$&()*+,;=")
# A QR code (checklists/qr.py: error correction M) holds at most 2,331 bytes; each printed
# checklist's code holds the site address and its page's path, which this leaves room for.
QR_CAPACITY = 2331
MAX_ADDRESS_LENGTH = QR_CAPACITY - 331


class NotPublishable(ValueError):
    """The build was asked to deploy with an address no reader can reach."""


def is_deploy(environ: dict[str, str]) -> bool:
    return environ.get(DEPLOY_VARIABLE, "").strip() not in ("", "0")


def placeholder_reason(site_url: str | None) -> str | None:
    """Why `site_url` is no public address (None when it looks like one)."""
    if not site_url:
        return "site_url is not set"
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"site_url {site_url!r} is not an http(s) address"
    host = parts.hostname.lower().rstrip(".")
    if host in _RESERVED_HOSTS or host.endswith(_RESERVED_SUFFIXES) \
            or any(host.endswith("." + reserved) for reserved in ("example.org", "example.com", "example.net")):
        return f"site_url {site_url!r} is a placeholder or local address"
    return None


def address_problem(site_url: str | None) -> str | None:
    """What makes `site_url` unfit to write into a page or a QR code (None when nothing)."""
    if not site_url:
        return None
    bad = next((ch for ch in site_url if ch not in _ADDRESS_CHARACTERS), None)
    if bad is not None:
        shown = site_url if len(site_url) <= 80 else site_url[:77] + "..."
        return (f"{SITE_URL_VARIABLE} {shown!r} contains {bad!r} (character {site_url.index(bad) + 1}), which a "
                "site address must not hold: use letters, digits and - . _ ~ : / % (percent-encode the rest)")
    if len(site_url) > MAX_ADDRESS_LENGTH:
        return (f"{SITE_URL_VARIABLE} is {len(site_url):,} characters long; the printed checklists' QR codes "
                f"hold an address of at most {MAX_ADDRESS_LENGTH:,}: use the site's shorter address")
    return None


def check_site_url(site_url: str | None, environ: dict[str, str]) -> None:
    """Raise NotPublishable when the address cannot be written safely (any build), or when
    a deploy build (DEPLOY=1) has no real public address."""
    problem = address_problem(site_url)
    if problem is not None:
        raise NotPublishable(f"Refusing to build: {problem}.")
    if not is_deploy(environ):
        return
    reason = placeholder_reason(site_url)
    if reason is not None:
        raise NotPublishable(
            f"Refusing to deploy: {reason}. Canonical URLs, the sitemap and the checklists' QR codes "
            f"would lead nowhere. Build with {SITE_URL_VARIABLE}=https://your.address/ (the Pages "
            f"workflow takes it from actions/configure-pages), or unset {DEPLOY_VARIABLE} for a local build.")
