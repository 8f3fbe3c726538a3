"""Rules that span records and files: unique ids, citations and cross-references resolve."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from .loading import LoadedFile, Problem, format_path
from .model import CitedParagraph, Guide, Linkable


def walk(record: BaseModel, path: tuple = (), owner: Linkable | None = None
         ) -> Iterator[tuple[tuple, BaseModel, Linkable | None]]:
    """Yield (field path, record, nearest linkable record holding it) for `record` and
    every record nested in it, in document order."""
    owner = record if isinstance(record, Linkable) else owner
    yield path, record, owner
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            yield from walk(value, path + (name,), owner)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, path + (name, i), owner)


def cross_reference_problems(guide: Guide, files: dict[str, LoadedFile]) -> list[Problem]:
    """Every problem that only shows when the files are read together."""
    problems: list[Problem] = []

    def problem(file_key: str, path: tuple, message: str) -> None:
        loaded = files[file_key]
        problems.append(Problem(loaded.position_of(path), format_path(path), message))

    seen: dict[str, tuple[str, tuple]] = {}
    cited: set[str] = set()
    reference_ids = {r.id for r in guide.references.references}
    variation_ids = {v.id for v in guide.variations.variations}

    for file_key in type(guide).model_fields:
        for path, record, _owner in walk(getattr(guide, file_key)):
            if isinstance(record, Linkable):
                for offset, anchor in enumerate([record.id, *record.aliases]):
                    where = path + (("id",) if offset == 0 else ("aliases", offset - 1))
                    if anchor in seen:
                        first_file, first_path = seen[anchor]
                        first = files[first_file].position_of(first_path)
                        problem(file_key, where, f"duplicate id '{anchor}': already used at {first} "
                                                 "(ids are link anchors and must be unique across the guide)")
                    else:
                        seen[anchor] = (file_key, where)
            if isinstance(record, CitedParagraph):
                for i, ref in enumerate(record.cites):
                    cited.add(ref)
                    if ref not in reference_ids:
                        problem(file_key, path + ("cites", i),
                                f"unknown citation '{ref}'; expected one of: {', '.join(sorted(reference_ids))}")

    for i, step in enumerate(guide.programming.progression.steps):
        for j, variation in enumerate(step.variations):
            if variation not in variation_ids:
                problem("programming", ("progression", "steps", i, "variations", j),
                        f"unknown variation '{variation}'; expected one of: {', '.join(sorted(variation_ids))}")

    showable = guide.programming.guidelines.id
    for i, faq in enumerate(guide.faq.faqs):
        if faq.shows is not None and faq.shows != showable:
            problem("faq", ("faqs", i, "shows"), f"unknown table '{faq.shows}'; expected '{showable}'")

    for i, ref in enumerate(guide.references.references):
        if ref.id not in cited:
            problem("references", ("references", i, "id"),
                    f"reference '{ref.id}' is never cited; cite it with `cites: [{ref.id}]` or remove it")
    return problems
