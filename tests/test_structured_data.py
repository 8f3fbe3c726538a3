"""The schema.org JSON-LD of the technique and variation pages parses and says exactly
what the page shows: each HowToStep is a rendered step, at its stable anchor, with its
words; each cited study is the reference the steps' citation links point to."""

from __future__ import annotations

import json
import re
import urllib.parse

from bs4 import BeautifulSoup

from site_text import normalize, page_soups

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')]


def _how_tos(soup: BeautifulSoup) -> list[dict]:
    return [item for doc in _json_ld(soup) for item in doc["@graph"] if item["@type"] == "HowTo"]


def _text(element) -> str:
    copy = BeautifulSoup(str(element), "html.parser")
    for extra in copy.select(".headerlink, a.citation"):
        extra.decompose()
    return normalize(copy.get_text(" "))


def _section(heading) -> list:
    """A heading and what follows it up to the next heading of its level or above."""
    level = int(heading.name[1])

    def ends_it(tag) -> bool:
        return tag.name in HEADINGS and int(tag.name[1]) <= level

    parts = [heading]
    for element in heading.find_all_next():
        if ends_it(element):
            break
        # A box holding the next section (a card) is not part of this one; its children
        # before that heading come next in the walk.
        if element.find(ends_it) is None and not any(parent in parts for parent in element.parents):
            parts.append(element)
    return parts


def _scope(article, fragment: str) -> list:
    """The part of the page a HowTo describes: the whole article, or the section at its anchor."""
    return [article] if not fragment else _section(article.find(id=fragment))


def _step_headings(scope: list) -> list:
    """The rendered steps: headings that read "Step ...", in page order."""
    found = []
    for part in scope:
        candidates = [part] if part.name in HEADINGS else part.find_all(HEADINGS)
        found += [h for h in candidates if re.match(r"step \d+\b", _text(h))]
    return found


def _url_parts(url: str, page_url: str) -> str:
    assert url.startswith(page_url), f"{url} is not on its page {page_url}"
    return urllib.parse.urlsplit(url).fragment


def test_json_ld_parses_and_is_schema_org(built_site):
    documents = 0
    for path, soup in page_soups(built_site).items():
        for doc in _json_ld(soup):  # json.loads raises on invalid JSON
            documents += 1
            assert doc["@context"] == "https://schema.org", path
            assert doc["@graph"] and all(item["@type"] == "HowTo" for item in doc["@graph"]), path
    assert documents >= 2, "the technique and variations pages carry JSON-LD"


def test_pages_showing_steps_carry_a_how_to(built_site, guide):
    technique_step = guide.technique.steps[0].id
    variation_step = next(v.steps[0].id for v in guide.variations.variations if v.steps)
    for step_id in (technique_step, variation_step):
        # The whole guide on paper (print/) repeats the steps; their HowTo is on their own page.
        pages = [path for path, soup in page_soups(built_site).items()
                 if soup.select_one(f"article #{step_id}") and not path.startswith("print/")]
        assert pages, f"no page renders step {step_id}"
        for path in pages:
            urls = [s["url"] for h in _how_tos(page_soups(built_site)[path]) for s in h["step"]]
            assert any(url.endswith(f"#{step_id}") for url in urls), f"{path} shows {step_id} without describing it"


def test_how_to_steps_match_the_rendered_steps(built_site):
    checked = 0
    for path, soup in page_soups(built_site).items():
        page_url = soup.select_one('link[rel="canonical"]')["href"]
        article = soup.select_one("article")
        for how_to in _how_tos(soup):
            scope = _scope(article, _url_parts(how_to["url"], page_url))
            assert normalize(how_to["name"]) in _text(scope[0]), f"{path}: HowTo named {how_to['name']!r}"
            rendered = [h["id"] for h in _step_headings(scope)]
            described = [_url_parts(step["url"], page_url) for step in how_to["step"]]
            assert described == rendered, f"{path} {how_to['name']}: JSON-LD steps {described} != page {rendered}"
            for position, step in enumerate(how_to["step"], start=1):
                assert step["position"] == position
                section = " ".join(_text(part) for part in _section(article.find(id=_url_parts(step["url"], page_url))))
                assert normalize(step["text"]) in section, f"{path}: step text of {step['url']} not on the page"
                if "name" in step:
                    assert normalize(step["name"]) in _text(article.find(id=_url_parts(step["url"], page_url)))
                checked += 1
    assert checked >= 5


def test_cited_studies_are_the_references_the_steps_cite(built_site):
    soups = page_soups(built_site)
    checked = cited_steps = examined = 0
    for path, soup in soups.items():
        page_url = soup.select_one('link[rel="canonical"]')["href"]
        article = soup.select_one("article")
        for how_to in _how_tos(soup):
            examined += 1
            steps = [article.find(id=_url_parts(s["url"], page_url)) for s in how_to["step"]]
            links = [a for heading in steps for part in _section(heading)
                     for a in ([part] if part.name == "a" else part.select("a")) if "citation" in a.get("class", [])]
            entries = []
            for link in links:  # follow each citation link to its reference entry
                target = urllib.parse.urljoin(path, link["href"])
                target_path, fragment = urllib.parse.urldefrag(target)
                target_page = soups[target_path + "index.html" if target_path.endswith("/") else target_path]
                entries.append(target_page.find(id=fragment))
            assert all(entries), f"{path}: a citation link leads nowhere"
            cited = how_to.get("citation", [])
            cited_steps += len({id(e) for e in entries})
            assert len(cited) == len({id(e) for e in entries}), f"{path} {how_to['name']}: {len(cited)} studies, steps cite {len(entries)}"
            for article_ld in cited:
                assert article_ld["@type"] == "ScholarlyArticle"
                entry = next((e for e in entries if normalize(article_ld["name"]) in _text(e)), None)
                assert entry is not None, f"{path}: {article_ld['name']!r} is not a reference the steps cite"
                if "sameAs" in article_ld:
                    assert entry.find("a", href=article_ld["sameAs"]), f"{article_ld['sameAs']} not in its entry"
                for author in article_ld["author"]:
                    assert normalize(author["name"]) in _text(entry)
                checked += 1
    # As many studies described as the steps cite (none, while no step cites one).
    assert examined, "no HowTo description on any page"
    assert checked == cited_steps, f"{checked} studies described, the steps cite {cited_steps}"
