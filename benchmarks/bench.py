"""``make bench``: extraction speed as a ratio to poppler's ``pdftotext`` on the same files, in one run.

1. Build a corpus of at least 1,000 pages under ``data/interim/bench/``: the sample notices copied
   many times, each copy made byte-distinct (a comment after ``%%EOF``) so no cache can serve it,
   plus one generated notice of 300 pages made of real notice pages, tables included.
2. Baseline: ``pdftotext`` over every file, one file at a time (a process per file, as a shell loop would).
3. ``extract --jobs N`` cold (an empty cache) and warm (the same files again, the cache filled).
4. The peak memory of one worker process reading the 300-page notice.

Prints the figures and writes them to ``benchmarks/results.json``. Ratios, not seconds, are the result:
both sides run on the same machine in the same minute.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw" / "samples"
WORK = ROOT / "data" / "interim" / "bench"
RESULTS = ROOT / "benchmarks" / "results.json"
LONG_PAGES = 300


def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def text_pdfs() -> list[Path]:
    """The sample notices that have a text layer (the scanned one would only measure OCR)."""
    out = []
    for path in sorted(SAMPLES.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[0]
            textpage = page.get_textpage()
            has_text = textpage.count_chars() > 0
            textpage.close()
            page.close()
        finally:
            pdf.close()
        if has_text:
            out.append(path)
    return out


def build_long_notice(sources: list[Path], target: Path) -> None:
    """A 300-page notice made of real pages, cycling through every sample so tables recur."""
    out = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(p)) for p in sources]
    try:
        while len(out) < LONG_PAGES:
            for src in opened:
                take = min(len(src), LONG_PAGES - len(out))
                if take <= 0:
                    break
                out.import_pages(src, list(range(take)))
        out.save(str(target))
    finally:
        for src in opened:
            src.close()
        out.close()


def build_corpus(min_pages: int) -> tuple[Path, int, Path]:
    corpus = WORK / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    sources = text_pdfs()
    long_notice = corpus / "long" / "generated-300-page-notice.pdf"
    long_notice.parent.mkdir()
    build_long_notice(sources, long_notice)
    pages = LONG_PAGES
    sizes = {p: page_count(p) for p in sources}
    copy = 0
    while pages < min_pages:
        copy += 1
        folder = corpus / f"copy-{copy:03d}"
        folder.mkdir()
        for src in sources:
            data = src.read_bytes() + f"\n% bench copy {copy}\n".encode()
            (folder / src.name).write_bytes(data)
            pages += sizes[src]
    return corpus, pages, long_notice


def all_pdfs(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.pdf"))


def run_pdftotext(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        subprocess.run(["pdftotext", "-q", str(path), os.devnull], check=False)
    return time.perf_counter() - started


def run_extract(corpus: Path, output: Path, jobs: int, cache_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "extract",
            "--input",
            str(corpus),
            "--output",
            str(output),
            "--jobs",
            str(jobs),
            "--cache-dir",
            str(cache_dir),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return time.perf_counter() - started


_PEAK = """
import resource, sys
from pathlib import Path
from pipeline.process import process_file
path = Path(sys.argv[1])
result = process_file(path, path.parent)
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(result.status, result.pages, peak_kb)
"""


def peak_memory_mb(path: Path) -> tuple[float, str]:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    status, pages, peak_kb = done.stdout.split()
    return int(peak_kb) / 1024, f"{status}, {pages} pages"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for extract (default 2)")
    parser.add_argument("--min-pages", type=int, default=1000, help="pages in the corpus (default 1000)")
    args = parser.parse_args(argv)
    if shutil.which("pdftotext") is None:
        print("pdftotext is needed for the baseline: apt-get install poppler-utils (or brew install poppler)")
        return 2

    corpus, pages, long_notice = build_corpus(args.min_pages)
    files = all_pdfs(corpus)
    print(f"corpus: {len(files)} files, {pages} pages ({LONG_PAGES}-page notice included)")

    baseline = run_pdftotext(files)
    cache_dir = WORK / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    output = WORK / "out"
    cold = run_extract(corpus, output, args.jobs, cache_dir)
    warm = run_extract(corpus, output, args.jobs, cache_dir)
    peak_mb, peak_note = peak_memory_mb(long_notice)

    results = {
        "pages": pages,
        "files": len(files),
        "jobs": args.jobs,
        "cpus": os.cpu_count(),
        "pdftotext_seconds": round(baseline, 2),
        "pdftotext_pages_per_second": round(pages / baseline, 1),
        "extract_cold_seconds": round(cold, 2),
        "extract_cold_pages_per_second": round(pages / cold, 1),
        "cold_ratio_to_pdftotext": round((pages / cold) / (pages / baseline), 3),
        "extract_warm_seconds": round(warm, 2),
        "warm_share_of_cold": round(warm / cold, 3),
        "peak_memory_mb_300_page_notice": round(peak_mb, 1),
        "peak_memory_note": peak_note,
        "targets": {"cold_ratio_to_pdftotext": ">= 0.3", "warm_share_of_cold": "<= 0.05", "peak_memory_mb": "< 400"},
    }
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"pdftotext, one file at a time:  {baseline:7.2f} s  {pages / baseline:7.1f} pages/s")
    print(
        f"extract --jobs {args.jobs}, cold:        {cold:7.2f} s  {pages / cold:7.1f} pages/s  "
        f"= {results['cold_ratio_to_pdftotext']:.3f} x pdftotext (target >= 0.3)"
    )
    share = results["warm_share_of_cold"]
    print(f"extract --jobs {args.jobs}, warm:        {warm:7.2f} s  = {share:.1%} of cold (target <= 5%)")
    print(f"peak memory, one process, {LONG_PAGES}-page notice: {peak_mb:.0f} MB ({peak_note}; target < 400 MB)")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
