"""A benchmark run of some sections updates only those sections of bench/results.md."""

from __future__ import annotations

import sys

from support import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from run import merge_results  # noqa: E402

OLD = """# Benchmark results

Written by `make bench` on day 1.

## Summary

| figure | value | target |
| --- | --- | --- |
| build time | 1 s | ≤ 2 s |
| page weight | 100 KiB | |

## Scale

scale table

## Page weight

old weight

## Notes by hand

keep me
"""


def test_a_partial_run_replaces_its_sections_and_rows_and_keeps_the_rest():
    merged = merge_results(OLD, ["## Page weight\n\nnew weight\n", "## Offline\n\noffline table\n"],
                           [["page weight", "90 KiB", ""], ["precache", "35 files", ""]],
                           "Sections re-run by `python bench/run.py weight offline` on day 2.",
                           "## Notes by hand\n\nkeep me\n")
    assert "old weight" not in merged and "new weight" in merged
    assert "scale table" in merged and "keep me" in merged
    assert "| build time | 1 s | ≤ 2 s |" in merged and "| page weight | 90 KiB |  |" in merged
    assert "| precache | 35 files |  |" in merged and "100 KiB" not in merged
    # A new section goes before the hand-written notes; the header says what was re-run.
    assert merged.index("## Offline") < merged.index("## Notes by hand")
    assert merged.index("on day 1") < merged.index("re-run by") < merged.index("## Summary")
    assert merged.count("## ") == OLD.count("## ") + 1


def test_running_the_same_sections_again_replaces_its_line_in_the_header():
    once = merge_results(OLD, ["## Scale\n\nfirst\n"], [], "Sections re-run by `python bench/run.py scale` on day 2.", "")
    twice = merge_results(once, ["## Scale\n\nsecond\n"], [], "Sections re-run by `python bench/run.py scale` on day 3.", "")
    assert twice.count("re-run by") == 1 and "on day 3" in twice and "second" in twice and "first" not in twice
