"""schema.org descriptions (JSON-LD) of the guide's instructions, for machines that read
the page: each set of steps a page shows as a HowTo whose HowToSteps link to the steps'
stable anchors, with the studies its text cites as ScholarlyArticles.

Plain dicts from the validated guide, kept small and exact: only what the page shows.
A describer is paired with the component that renders the same records (`describe=` in
render/registry.py), so a page carries the description exactly when it shows the steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..data.model import CitedParagraph, Guide, Reference

Describer = Callable[[Guide, str], list[dict]]


def _anchor(page_url: str, anchor_id: str) -> str:
    return f"{page_url}#{anchor_id}"


def _plain(paragraphs: Iterable[CitedParagraph]) -> str:
    """The paragraphs' words as one text, without the [n] citation markers."""
    return " ".join(p.text for p in paragraphs)


def scholarly_article(reference: Reference) -> dict:
    """A reference as a schema.org ScholarlyArticle."""
    article = {
        "@type": "ScholarlyArticle",
        "name": reference.title,
        "author": [{"@type": "Person", "name": name} for name in reference.authors],
        "datePublished": str(reference.year),
        "isPartOf": {"@type": "Periodical", "name": reference.journal},
    }
    if reference.pages:
        article["pagination"] = reference.pages
    if reference.doi:
        article["sameAs"] = f"https://doi.org/{reference.doi}"
    if reference.url:
        article["url"] = reference.url
    return article


def _citations(guide: Guide, paragraphs: Iterable[CitedParagraph]) -> list[dict]:
    cited = {ref_id for p in paragraphs for ref_id in p.cites}
    return [scholarly_article(r) for r in guide.references.references if r.id in cited]


def technique_how_to(guide: Guide, page_url: str) -> list[dict]:
    """The technique steps as one HowTo."""
    technique = guide.technique
    paragraphs = [p for step in technique.steps for p in step.paragraphs]
    how_to = {
        "@type": "HowTo",
        "name": technique.title,
        "description": technique.intro,
        "url": page_url,
        "step": [
            {
                "@type": "HowToStep",
                "position": n,
                "name": step.title,
                "text": _plain(step.paragraphs),
                "url": _anchor(page_url, step.id),
            }
            for n, step in enumerate(technique.steps, start=1)
        ],
    }
    citations = _citations(guide, paragraphs)
    if citations:
        how_to["citation"] = citations
    return [how_to]


def variation_how_tos(guide: Guide, page_url: str) -> list[dict]:
    """One HowTo per variation that has steps (a HowTo without steps says nothing)."""
    return [
        {
            "@type": "HowTo",
            "name": variation.name,
            "url": _anchor(page_url, variation.id),
            "tool": [{"@type": "HowToTool", "name": item} for item in variation.equipment],
            "step": [
                {"@type": "HowToStep", "position": n, "text": step.text, "url": _anchor(page_url, step.id)}
                for n, step in enumerate(variation.steps, start=1)
            ],
        }
        for variation in guide.variations.variations
        if variation.steps
    ]

