"""Run every benchmark, print the tables and write bench/results.md.

    python bench/run.py                       # everything (what `make bench` runs)
    python bench/run.py overhead scale        # only some sections

Nothing here is a pass/fail test: targets are printed next to the figures.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import calls  # noqa: E402
import editloop  # noqa: E402
import engines  # noqa: E402
import lighthouse  # noqa: E402
import offline_cost  # noqa: E402
import overhead  # noqa: E402
import scale  # noqa: E402
import search  # noqa: E402
import weight  # noqa: E402
from project import ROOT, build, copy_project, load_config, write_variant  # noqa: E402
from prerender import prerender_docs  # noqa: E402

SUMMARY: list[list[str]] = []  # [figure, value, target], filled by the sections
RESULTS = BENCH / "results.md"
NOTES = BENCH / "notes.md"  # hand-written: what was changed, with before/after figures


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def kib(n: int) -> str:
    return f"{n / 1024:.1f}"


def section_overhead(work: Path) -> str:
    result = overhead.measure(work / "overhead")
    rows = []
    targets = {overhead.VARIANTS[1]: "≤ 1.20", overhead.VARIANTS[2]: "≤ 1.05"}
    for name, runs in result.runs.items():
        ratios = ("1.00", "1.00") if name == "ours" else (f"{result.ratio(name, cpu=True):.2f}",
                                                            f"{result.ratio(name):.2f}")
        rows.append([name, f"{result.median_s(name, cpu=True):.3f}", f"{result.median_s(name):.3f}",
                     f"{max(r.peak_rss_mib for r in runs):.0f}", *ratios, targets.get(name, "")])
    identical = ", ".join(f"{n}/{result.pages}" for n in result.identical.values())
    SUMMARY.append(["build ÷ pre-rendered, no macros plugin (CPU)", f"{result.ratio(overhead.VARIANTS[1], True):.2f}×",
                    "≤ 1.20×"])
    SUMMARY.append(["build ÷ pre-rendered, plugin kept (CPU)", f"{result.ratio(overhead.VARIANTS[2], True):.2f}×",
                    "≤ 1.05×"])
    return ("## Macro overhead\n\n"
            f"`mkdocs build --strict`, {len(next(iter(result.runs.values())))} interleaved rounds after one warm-up "
            "each; medians of the build process's CPU time (user + system, robust to other load on the machine) "
            "and of wall time. Ratio = ours ÷ variant; the target applies to the CPU ratio.\n\n"
            + table(["build", "CPU s", "wall s", "peak RSS MiB", "ours ÷ this (CPU)", "(wall)", "target"], rows)
            + f"\n\nBuilt pages byte-identical to ours (no plugin, plugin kept): {identical}."
            + (f" Differing: {', '.join(result.differing)} (diff the two builds to see why)." if result.differing else "")
            + "\n")


def section_calls(work: Path) -> str:
    rows = []
    figures: dict[int, tuple] = {}
    for factor in (1, 100):
        project = copy_project(work / f"calls-x{factor}")
        if factor > 1:
            scale.generate(project / "data", factor)
        total, found = calls.profile_build(write_variant(project, "bench-calls", {}), work / f"calls-site-{factor}",
                                           work / f"calls-{factor}.prof")
        figures[factor] = (total, found)
    for i, (label, *_rest) in enumerate(calls.WATCHED):
        one, hundred = figures[1][1][i], figures[100][1][i]
        rows.append([label, one.count, f"{one.seconds:.3f}", hundred.count, f"{hundred.seconds:.3f}"])
    compiles, templates, macro_calls = calls.template_compiles(copy_project(work / "calls-templates"))
    once = [c.count for c in figures[1][1][:4]] == [c.count for c in figures[100][1][:4]]
    SUMMARY.append(["data loaded/validated once per build (1× and 100×)",
                    f"define_env {figures[100][1][0].count}, load_guide {figures[100][1][1].count}"
                    f"{'' if once else ' (differs between sizes!)'}", "once"])
    SUMMARY.append(["our templates compiled per build", f"{compiles} for {templates} templates", "once each"])
    return ("## Work per build (cProfile call counts)\n\n"
            "One profiled build of the real data and of the 100× data. Counts that stay the same at 100× "
            "run once per build, not per page or item. Seconds are cumulative and inflated by the profiler "
            f"(profiled totals: {figures[1][0]:.2f} s and {figures[100][0]:.2f} s).\n\n"
            + table(["step", "calls 1×", "s 1×", "calls 100×", "s 100×"], rows)
            + "\n\n'Jinja templates compiled (all)' counts the theme's templates too. Our own, counted in-process "
              f"over a pre-render of every page: {compiles} compilations of {templates} distinct templates for "
              f"{macro_calls} macro calls (each template compiled once per build).\n")


def section_scale(work: Path) -> str:
    sizes = scale.measure(work / "scale")
    rows = [[f"{s.scale}×", s.items, s.pages, f"{s.cpu_seconds:.2f}", f"{s.seconds:.2f}", f"{s.peak_mib:.0f}"]
            for s in sizes]
    slopes, wall = scale.exponents(sizes, cpu=True), scale.exponents(sizes)
    SUMMARY.append(["scale: CPU s at " + " / ".join(f"{s.scale}×" for s in sizes),
                    " / ".join(f"{s.cpu_seconds:.2f}" for s in sizes), ""])
    SUMMARY.append(["scale: peak RSS MiB", " / ".join(f"{s.peak_mib:.0f}" for s in sizes), ""])
    SUMMARY.append(["growth exponent (CPU, log-log fit; 10×→100×)",
                    f"{slopes['fit']:.2f}; {list(slopes.values())[-1]:.2f}", "≤ 1.1"])
    words = scale.measure_long_words(work / "scale")
    base = words[0][1].cpu_seconds
    SUMMARY.append(["scale: CPU s with a word of " + " / ".join(f"{n:,}" for n, _ in words) + " letters in every "
                    "page description", " / ".join(f"{run.cpu_seconds:.2f}" for _, run in words),
                    f"≤ {base * 1.5:.2f} (1.5× the first)"])
    word_rows = [[f"{n:,}", f"{run.cpu_seconds:.2f}", f"{run.seconds:.2f}"] for n, run in words]
    return ("## Scale\n\n"
            "Synthetic data from `bench/generate.py` (steps, mistakes, muscles, variations, FAQs and references "
            f"repeated; valid under `load_guide`), {len(sizes[0].runs)} interleaved builds each, median CPU and "
            "wall time, peak RSS of the "
            "build process. The data layout holds one guide per project, so '100 guides' worth of pages' is not "
            "applicable; the page count is fixed and the pages grow.\n\n"
            + table(["size", "items", "pages", "CPU s", "wall s", "peak RSS MiB"], rows)
            + "\n\nGrowth exponent (log-log slope of build time on item count; target ≤ 1.1): CPU "
            + ", ".join(f"{k} {v:.2f}" for k, v in slopes.items()) + "; wall "
            + ", ".join(f"{k} {v:.2f}" for k, v in wall.items()) + ".\n\n"
            "Long words (issue 31): every page's description ends in one word of this many letters, one build "
            "each (`bench/scale.py` measure_long_words). The preview pictures wrap and cut it in time that "
            "follows the lines shown, not the word.\n\n"
            + table(["letters", "CPU s", "wall s"], word_rows) + "\n")


def section_weight(work: Path) -> str:
    ours_site, base_site = work / "weight-site", work / "weight-baseline-site"
    build(write_variant(copy_project(work / "weight-ours"), "bench-weight", {}), ours_site)
    pre = copy_project(work / "weight-prerendered")
    prerender_docs(pre, load_config(pre))
    build(weight.make_baseline(work / "weight-baseline", pre), base_site, strict=False)
    ours, base = weight.observe(ours_site), weight.observe(base_site)
    rows = []
    for w in ours:
        rows.append([w.page, kib(w.total(ours_site, 0)), kib(w.total(ours_site, 1)), kib(w.total(ours_site, 2)),
                     *(kib(w.total(ours_site, 1, c)) for c in weight.CATEGORIES)])
    heavy, heavy_base = weight.heaviest(ours, ours_site), weight.heaviest(base, base_site)
    compare = []
    for label, w, site in (("ours", heavy, ours_site), ("plain Material", heavy_base, base_site)):
        compare.append([f"{label} ({w.page})", kib(w.total(site, 1)), kib(w.total(site, 2)),
                        *(kib(w.total(site, 1, c)) for c in weight.CATEGORIES)])
    ratio = heavy.total(ours_site, 1) / heavy_base.total(base_site, 1)
    ratio_br = heavy.total(ours_site, 2) / heavy_base.total(base_site, 2)
    SUMMARY.append(["heaviest page, first visit (gzip / brotli KiB)",
                    f"{kib(heavy.total(ours_site, 1))} / {kib(heavy.total(ours_site, 2))} ({heavy.page})", ""])
    SUMMARY.append(["heaviest page ÷ plain Material page (gzip)", f"{ratio:.3f}×", "≤ 1.10×"])
    return ("## Page weight (first visit, search opened)\n\n"
            "KiB transferred per page as observed in headless Chromium (fresh cache, search opened and queried). "
            "raw / gzip -6 / brotli -q11; the split is gzip.\n\n"
            + table(["page", "raw", "gzip", "brotli", *weight.CATEGORIES], rows)
            + "\n\nHeaviest page vs the heaviest page of a plain Material site of the same text "
              "(default theme settings, `font: false`, search plugin, same Markdown extensions):\n\n"
            + table(["site", "gzip", "brotli", *weight.CATEGORIES], compare)
            + f"\n\nRatio (target ≤ 1.10): gzip {ratio:.3f}×, brotli {ratio_br:.3f}×.\n")


def section_offline(work: Path) -> str:
    """What the offline worker downloads after the first visit (issue 18), and what the
    first visit transfers with and without the worker."""
    from macros.postbuild.offline import precache_entries

    site = work / "offline-site"
    build(copy_project(work / "offline") / "mkdocs.yml", site)
    entries = precache_entries(site)
    raw, packed = sum(e.size for e in entries), sum(e.gzip_size for e in entries)
    SUMMARY.append(["offline precache (files, raw / gzip KiB)", f"{len(entries)}, {kib(raw)} / {kib(packed)}", ""])
    largest = sorted(entries, key=lambda e: -e.gzip_size)[:5]
    visits = offline_cost.measure_transfer(work)
    with_worker, without = visits["with worker"], visits["without worker"]
    SUMMARY.append(["home page first visit until load, with ÷ without worker (gzip KiB)",
                    f"{kib(with_worker.until_load)} ÷ {kib(without.until_load)}", "+ ≤ 2 KiB (the registering script)"])
    return ("## Offline precache\n\n"
            f"After the first visit the service worker downloads {len(entries)} files: {kib(raw)} KiB raw, "
            f"{kib(packed)} KiB gzip -9. Largest (gzip KiB):\n\n"
            + table(["file", "raw", "gzip"], [[e.url or "(home)", kib(e.size), kib(e.gzip_size)] for e in largest])
            + "\n\nFirst visit to the home page at 360 px in Chromium, the same site built with and without the "
              "worker (`extra.offline.enabled`); gzip -6 KiB of the files fetched until the `load` event, and "
              "after it until the worker controls the page (its precache; without the worker, until the network "
              "is idle):\n\n"
            + table(["build", "until load", "after load", "files after load"],
                    [[name, kib(v.until_load), kib(v.after_load), v.files_after] for name, v in visits.items()])
            + "\n")


def section_offline_lighthouse(work: Path) -> str:
    """Lighthouse with and without the offline worker on every page (issue 18: the first
    paint is not delayed)."""
    results = offline_cost.measure_lighthouse(work)
    rows, lower = [], []
    for page, pair in results.items():
        with_worker, without = pair["with worker"], pair["without worker"]
        delta = with_worker.scores["performance"] - without.scores["performance"]
        if delta < 0:
            lower.append(page)
        rows.append([page, without.scores["performance"], with_worker.scores["performance"], f"{delta:+d}",
                     without.metrics["first-contentful-paint"], with_worker.metrics["first-contentful-paint"],
                     without.metrics["largest-contentful-paint"], with_worker.metrics["largest-contentful-paint"],
                     f"{without.benchmark_index:.0f} / {with_worker.benchmark_index:.0f}"])
    mean = {name: sum(pair[name].scores["performance"] for pair in results.values()) / len(results)
            for name in offline_cost.VARIANTS}
    deltas = [pair["with worker"].scores["performance"] - pair["without worker"].scores["performance"]
              for pair in results.values()]

    def median_of(name: str, metric: str) -> str:
        return f"{statistics.median(float(pair[name].metrics[metric].split()[0]) for pair in results.values()):.1f} s"
    SUMMARY.append(["Lighthouse performance mean, with ÷ without worker",
                    f"{mean['with worker']:.1f} ÷ {mean['without worker']:.1f}", "not lower on any page"])
    SUMMARY.append(["pages whose performance is lower with the worker", f"{len(lower)}/{len(results)}", "0"])
    return ("## Offline worker and the first paint (Lighthouse)\n\n"
            "Lighthouse (as in the Lighthouse section) on every page of the site built without and with the "
            "offline worker, interleaved page by page, "
            f"{offline_cost.ROUNDS} rounds each, the best round of each build shown (load on the machine only "
            "lowers scores). The worker registers once the page has loaded and the browser is idle, so it "
            "should not move the first paint.\n\n"
            + table(["page", "perf without", "perf with", "Δ", "FCP without", "FCP with", "LCP without", "LCP with",
                     "bench index"], rows)
            + f"\n\nMean performance: without {mean['without worker']:.1f}, with {mean['with worker']:.1f}; "
            + f"Δ from {min(deltas):+d} to {max(deltas):+d}. Median FCP without {median_of('without worker', 'first-contentful-paint')}, "
            + f"with {median_of('with worker', 'first-contentful-paint')}; median LCP without "
            + f"{median_of('without worker', 'largest-contentful-paint')}, with {median_of('with worker', 'largest-contentful-paint')}. "
            + (f"Lower with the worker on: {', '.join(lower)}.\n" if lower else "Lower with the worker on no page.\n"))


def section_lighthouse(work: Path) -> str:
    reports, baseline = lighthouse.measure(work)
    theirs = {r.page: r for r in baseline}
    fcp, lcp, tbt = "first-contentful-paint", "largest-contentful-paint", "total-blocking-time"

    def row(r):
        b = theirs.get(r.page)
        return [r.page, *(r.scores[c] for c in lighthouse.CATEGORIES), r.metrics[fcp], r.metrics[lcp], r.metrics[tbt],
                b.metrics[fcp] if b else "–", f"{(r.values[fcp] - b.values[fcp]) / 1000:+.2f} s" if b else "–",
                b.scores["performance"] if b else "–", f"{r.benchmark_index:.0f}"]

    perfect = sum(all(v == 100 for v in r.scores.values()) for r in reports)
    at_100 = sum(r.scores["performance"] == 100 for r in reports)
    paired = [r for r in reports if r.page in theirs]
    within = sum(r.values[fcp] - theirs[r.page].values[fcp] <= 100 for r in paired)
    failing: dict[str, list[str]] = {}
    for r in reports:
        for audit in r.failing:
            failing.setdefault(audit.split(" (")[0], []).append(r.page)
    lines = [f"- {audit}: {len(pages)} page(s)" for audit, pages in sorted(failing.items())]
    SUMMARY.append(["Lighthouse mean " + " / ".join(lighthouse.CATEGORIES),
                    " / ".join(f"{sum(r.scores[c] for r in reports) / len(reports):.0f}" for c in lighthouse.CATEGORIES),
                    "100 each"])
    SUMMARY.append(["Lighthouse pages with 100 in all four", f"{perfect}/{len(reports)}", "all"])
    SUMMARY.append(["Lighthouse median FCP within 0.1 s of plain Material's", f"{within}/{len(paired)}", "all"])
    rounds = reports[0].rounds if reports else 0
    return ("## Lighthouse (mobile emulation)\n\n"
            "Lighthouse 12.2.3 in one headless Debian Chromium, default mobile emulation and simulated "
            "throttling (slow 4G, 4× CPU slowdown), each site served gzip-compressed with keep-alive from 127.0.0.1 "
            f"and built with `site_url` pointing there. Every page {rounds} rounds, each auditing our page and then "
            "the plain Material baseline's page of the same text (interleaved); each figure is the median of its "
            "rounds. The performance score scales with the machine's speed at the time (Lighthouse's benchmark "
            "index, last column; an idle desktop scores about 1000-2000).\n\n"
            + table(["page", *lighthouse.CATEGORIES, "FCP", "LCP", "TBT", "Material FCP", "FCP − Material",
                     "Material perf.", "bench index"], [row(r) for r in reports])
            + f"\n\nPerformance 100 (median): {at_100}/{len(reports)} pages; 100 in all four: {perfect}/{len(reports)}; "
              f"FCP within 0.1 s of plain Material's: {within}/{len(paired)}. "
            + ("Weighted audits below full score in some round:\n\n" + "\n".join(lines) if lines else "") + "\n")


def section_engines(work: Path) -> str:
    cells = engines.measure(work / "engines")
    table_rows = engines.rows(cells)
    last = table_rows[-1]
    SUMMARY.append(["build CPU at 100×: MkDocs / ProperDocs / Zensical", " / ".join(last[1:4]), ""])
    return ("## Engines side by side\n\n"
            "MkDocs 1.6.1, ProperDocs (the engine of `make build`) and Zensical (`make build-zensical`) on the "
            "same generated data (`bench/generate.py`). CPU seconds (user + system, all threads), in brackets the "
            "ratio to MkDocs measured in this same run. Build: median of interleaved full builds (`--strict`; "
            "Zensical `--clean`). Serve rebuild: CPU the server spent from an edit of a title in `data/` to "
            "serving the page with the new title (one edit). See `bench/engines.py`.\n\n"
            + table(engines.HEADER, table_rows) + "\n")


def section_editloop(work: Path) -> str:
    timings = editloop.measure(work)
    SUMMARY.append(["edit in data/ → rebuilt page under `properdocs serve` (median)",
                    f"{statistics.median(timings):.2f} s", ""])
    return ("## Editing loop\n\n"
            "`properdocs serve` on a copy; the title in `data/mistakes.yml` is changed and the page "
            "showing it is polled every 20 ms until the new title is served. MkDocs 1.6 watches with a polling "
            "observer (0.5 s interval) and rebuilds the whole site, re-running `define_env`.\n\n"
            f"Save → rebuilt page: {editloop.summary(timings)} ("
            + ", ".join(f"{t:.2f}" for t in timings) + ").\n")


def section_search(work: Path) -> str:
    site = work / "site"
    build(ROOT / "mkdocs.yml", site)
    figures = search.run(site, verbose=False)
    top1, top3, total = figures[360][:3]
    SUMMARY.append(["search query suite: top-1 / top-3 (360 px)", f"{top1}/{total} / {top3}/{total}",
                    f"top-3 {total}/{total}"])
    return ("## Search query suite\n\n"
            "`tests/search_queries.yml` typed into Material's search box in Chromium against the built index "
            "(`bench/search.py`; before/after figures in `bench/notes.md`).\n\n" + search.table(figures) + "\n")


SECTIONS = {
    "overhead": section_overhead,
    "calls": section_calls,
    "scale": section_scale,
    "weight": section_weight,
    "offline": section_offline,
    "lighthouse": section_lighthouse,
    "offline-lighthouse": section_offline_lighthouse,
    "editloop": section_editloop,
    "engines": section_engines,
    "search": section_search,
}


def main(argv: list[str]) -> int:
    chosen = argv or list(SECTIONS)
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        print(f"unknown section(s): {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
        return 2
    parts = []
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for name in chosen:
            t = time.perf_counter()
            print(f"== {name} ...", flush=True)
            text = SECTIONS[name](Path(tmp))
            print(text, f"({time.perf_counter() - t:.0f} s)\n", flush=True)
            parts.append(text)
    command = " ".join(["python bench/run.py", *argv])
    header = ("# Benchmark results\n\n"
              f"Written by `make bench` (`{command}`) on "
              f"{datetime.date.today().isoformat()}: Python {platform.python_version()}, {platform.machine()}, "
              f"{_cpus()} CPUs, load average {load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the end; "
              f"whole run {time.perf_counter() - started:.0f} s. Figures vary with machine load; compare ratios "
              "and CPU times, not wall times.\n")
    summary = "## Summary\n\n" + table(["figure", "value", "target"], SUMMARY) + "\n"
    print(summary)
    notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    if set(chosen) == set(SECTIONS) or not RESULTS.exists():
        text = "\n".join([header, summary, *parts, notes])
    else:
        # Some sections only: the other sections' figures in results.md stay as they were.
        rerun = header.splitlines()[-1].replace(f"Written by `make bench` (`{command}`)", f"Sections re-run by `{command}`")
        text = merge_results(RESULTS.read_text(encoding="utf-8"), parts, SUMMARY, rerun, notes)
    RESULTS.write_text(text.rstrip() + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def merge_results(old: str, parts: list[str], rows: list[list[str]], rerun: str, notes: str) -> str:
    """results.md with `parts` replacing the sections of the same heading (new ones go before
    the hand-written notes), `rows` replacing summary rows of the same figure, and a line
    saying which sections were re-run."""
    head, *blocks = old.split("\n## ")
    command = rerun.split(" on ", 1)[0]
    head = "\n".join(line for line in head.splitlines() if not line.startswith(command))
    blocks = ["## " + block.rstrip() + "\n" for block in blocks]
    heading = lambda block: block.split("\n", 1)[0]  # noqa: E731
    summary_at = next(i for i, block in enumerate(blocks) if heading(block) == "## Summary")
    kept = {}
    for line in blocks[summary_at].splitlines()[4:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 3:
            kept[cells[0]] = cells
    kept.update({row[0]: row for row in rows})
    blocks[summary_at] = "## Summary\n\n" + table(["figure", "value", "target"], list(kept.values())) + "\n"
    notes_heading = notes.split("\n", 1)[0]
    for part in parts:
        same = [i for i, block in enumerate(blocks) if heading(block) == heading(part)]
        if same:
            blocks[same[0]] = part
        else:
            before = next((i for i, block in enumerate(blocks) if heading(block) == notes_heading), len(blocks))
            blocks.insert(before, part)
    return "\n".join([head.rstrip() + "\n" + rerun + "\n", *blocks])


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
