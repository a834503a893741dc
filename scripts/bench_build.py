#!/usr/bin/env python3
"""Build benchmark: Konsulta against bare Pelican and MkDocs (with search) on the same Markdown.

Generates multilingual corpora shaped like real content (bodies, policies and strategies, drafts
with sections and a consultation, outcomes with responses, news, pages, attachments) and reports,
for each size: wall time, CPU time, peak memory (RSS of the build process) and output size of

  konsulta         the full build: pelican CORPUS -s pelicanconf.py
  konsulta-rebuild the same with Pelican's content cache on, after editing one document (pelicanconf's
                   DELETE_OUTPUT_DIRECTORY removes the previous output first, inside the time)
  pelican          bare Pelican 4.12: no plugins, default theme, the same bodies with Pelican metadata
  pelican-rebuild  the same with the content cache, after editing one document (output overwritten)
  mkdocs           MkDocs with its built-in search plugin, the same Markdown (YAML front matter is meta)

Usage:
  .venv/bin/python scripts/bench_build.py --sizes 1000 10000
  .venv/bin/python scripts/bench_build.py --sizes 1000 --profile /tmp/konsulta.prof   # cProfile of Konsulta

How it measures, on a 2-CPU machine whose single runs of one build vary by +-20 %:
- every figure is the median of --repeat runs, and every run is printed;
- the tools take turns, run by run (Konsulta, Pelican, MkDocs, Konsulta, ...), so that a machine that
  slows down under sustained load slows all of them alike;
- every full build writes a new output folder, as on a fresh clone in CI, and the previous run's files
  are flushed to disk (sync) before the next run starts; outputs are removed only when a size is done,
  because on this machine's disk (ext4 mounted with online discard) removing a build's files makes
  the file creations of the next builds slower in the kernel, for every tool;
- MkDocs runs up to --mkdocs-up-to documents (1,000): its pages each carry the whole navigation;
- outputs go to RAM (/dev/shm) where there is one; --outputs DIR puts them on a disk instead.

MkDocs is not a Konsulta dependency: install it anywhere (python3 -m venv /tmp/mk && /tmp/mk/bin/pip
install mkdocs) and pass --mkdocs /tmp/mk/bin/mkdocs, or have `mkdocs` on PATH; without it that
column is skipped. The corpus is committed to a throwaway git repository (as a real site is), so
the history plugin does its real work; --no-git measures without.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("tr", "ro", "sq", "en")
# Share of documents per type, as in a ministry's site: many news items and policies, fewer outcomes.
MIX = (("news", 0.25), ("policy", 0.2), ("strategy", 0.05), ("draft", 0.2), ("outcome", 0.15), ("page", 0.1),
       ("project", 0.05))
WORDS = ("public consultation transparency participation draft policy regulation ministry office citizens "
         "access information digital services report proposal section article decision response open data "
         "standard guideline municipality council budget review evidence option impact assessment").split()
TOPICS = ("Participation", "Transparency", "Digital government", "Public finance", "Environment", "Health",
          "Education", "Transport")
SUBMITTERS = ("citizen", "ngo", "business", "public-body", "academia")
DECISIONS = ("accepted", "partially-accepted", "rejected", "noted")


def sentence(rng: random.Random, low=8, high=20) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def body_text(rng: random.Random, sections: int) -> str:
    parts = []
    for index in range(sections):
        parts.append(f"## Section {index + 1}: {sentence(rng, 2, 4)[:-1]}\n\n{paragraph(rng)}\n\n{paragraph(rng)}")
        if index == 1:
            parts.append("\n".join(f"- {sentence(rng, 4, 8)}" for _ in range(4)))
        if index == 2:
            parts.append("| Measure | Target |\n| --- | --- |\n" + "\n".join(
                f"| {sentence(rng, 2, 4)} | {rng.randint(10, 99)}% |" for _ in range(3)))
    return "\n\n".join(parts) + "\n"


def plan(size: int, seed: int = 4982) -> list[dict]:
    """Documents (slug, type, languages, fields) totalling ``size`` files over the four languages."""
    rng = random.Random(seed)
    bodies = max(4, size // 100)
    docs = [{"slug": f"body-{i}", "type": "body", "langs": LANGS} for i in range(bodies)]
    count = bodies * len(LANGS)
    serial = 0
    drafts = []
    while count < size:
        doc_type = rng.choices([t for t, _ in MIX], weights=[w for _, w in MIX])[0]
        if doc_type == "outcome" and not drafts:
            doc_type = "draft"
        langs = tuple(lang for lang in LANGS if rng.random() < 0.6) or ("en",)
        langs = langs[: max(1, min(len(langs), size - count))]
        doc = {"slug": f"{doc_type}-{serial}", "type": doc_type, "langs": langs, "body": f"body-{rng.randrange(bodies)}"}
        if doc_type == "outcome":
            draft = drafts.pop(rng.randrange(len(drafts)))
            doc["responds_to"] = draft["slug"]
            draft["outcome"] = doc["slug"]
            doc["langs"] = draft["langs"]
        if doc_type == "draft":
            drafts.append(doc)
        serial += 1
        count += len(doc["langs"])
        docs.append(doc)
    return docs


def write_corpus(size: int, folder: Path) -> tuple[Path, Path, Path]:
    """(Konsulta content, bare Pelican content, MkDocs docs) for the same documents."""
    rng = random.Random(size)
    konsulta, pelican, mkdocs = folder / "konsulta", folder / "pelican", folder / "mkdocs"
    for path in (konsulta, pelican, mkdocs):
        shutil.rmtree(path, ignore_errors=True)
    (konsulta / "attachments").mkdir(parents=True)
    attachment_bytes = b"%PDF-1.4\n" + os.urandom(20_000)
    for lang in LANGS:
        for path in (konsulta / lang, pelican / lang, mkdocs / lang):
            path.mkdir(parents=True)
    closing_year = {}  # (draft slug, language) -> the year its consultation closes (on 12-20)
    for doc in plan(size):
        for lang in doc["langs"]:
            day = f"20{rng.randint(20, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            title = f"{doc['type'].capitalize()} {doc['slug'].split('-')[-1]}: {sentence(rng, 3, 7)[:-1]}"
            fields = {"title": title, "type": doc["type"], "date": day, "summary": sentence(rng, 10, 25)}
            extra = []
            if doc["type"] != "body":
                fields["body"] = doc["body"]
                extra.append(f"topics: [{', '.join(rng.sample(TOPICS, 2))}]")
            if doc["type"] in ("policy", "strategy"):
                fields["status"] = "in-force"
                extra.append("legal_basis:\n  - Law No. 4982 on the Right to Information")
            if doc["type"] == "draft":
                closes = f"{day[:4]}-12-20"
                closing_year[(doc["slug"], lang)] = day[:4]
                extra.append(f"consultation:\n  opens: {day[:4]}-11-01\n  closes: {closes}")
                if "outcome" in doc:
                    fields["outcome"] = doc["outcome"]
            if doc["type"] == "outcome":
                fields["responds_to"] = doc["responds_to"]
                # After its draft's consultation closed (in the same language), as the build requires.
                fields["date"] = f"{closing_year[(doc['responds_to'], lang)]}-12-28"
                responses = [
                    f"  - section: Section {rng.randint(1, 4)}\n    submitter: {rng.choice(SUBMITTERS)}\n"
                    f"    summary: {sentence(rng, 6, 14)}\n    decision: {rng.choice(DECISIONS)}\n"
                    f"    reason: {sentence(rng, 6, 14)}"
                    for _ in range(rng.randint(3, 12))
                ]
                extra.append("responses:\n" + "\n".join(responses))
            if doc["type"] in ("policy", "draft") and rng.random() < 0.3:
                name = f"{doc['slug']}.pdf"
                target = konsulta / "attachments" / name
                if not target.exists():
                    target.write_bytes(attachment_bytes)
                extra.append(f"attachments:\n  - file: ../attachments/{name}\n    title: Full text (PDF)")
            sections = {"draft": 5, "policy": 4, "strategy": 6, "outcome": 3}.get(doc["type"], 2)
            body = body_text(rng, sections)
            front = "\n".join(f"{k}: {v!r}" if k in ("title", "summary") else f"{k}: {v}" for k, v in fields.items())
            front = front.replace("'", '"') if "'" not in title + fields["summary"] else front
            (konsulta / lang / f"{doc['slug']}.md").write_text(f"---\n{front}\n" + "\n".join(extra) + f"\n---\n{body}",
                                                               encoding="utf-8")
            (pelican / lang / f"{doc['slug']}.md").write_text(
                f"Title: {title}\nDate: {fields['date']}\nSlug: {doc['slug']}\nLang: {lang}\n"
                f"Category: {doc['type']}\nSummary: {fields['summary']}\n\n{body}", encoding="utf-8")
            (mkdocs / lang / f"{doc['slug']}.md").write_text(f"---\n{front}\n---\n# {title}\n\n{body}", encoding="utf-8")
    return konsulta, pelican, mkdocs


BARE_PELICAN_SETTINGS = """\
SITENAME = "Bare Pelican"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Europe/Istanbul"
DEFAULT_LANG = "en"
PLUGINS = []
ARTICLE_TRANSLATION_ID = "slug"
DEFAULT_PAGINATION = 10
DELETE_OUTPUT_DIRECTORY = True
"""


def run(command: list[str], cwd: Path, env=None) -> dict:
    """Wall time, CPU time and peak RSS of one child process (os.wait4 gives that child's own rusage;
    its CPU time includes the processes it forks and waits for)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        sys.stderr.write(output.decode(errors="replace")[-4000:])
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return {"seconds": elapsed, "rss_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}


@dataclass
class Measurement:
    """One column of the table: a command run ``repeat`` times. ``before(n)`` prepares run n (outside the
    time) and returns the output folder it will write; ``after(folder)`` clears up after the run (by
    default nothing: outputs stay until the size is done, see measure_interleaved)."""

    name: str
    command: Callable[[Path], list[str]]  # output folder -> command
    cwd: Path
    before: Callable[[int], Path]
    after: Callable[[Path], None] = lambda folder: None
    env: dict | None = None
    runs: list = field(default_factory=list)
    files_mb: tuple = (0, 0.0)


def measure_interleaved(measurements: list[Measurement], repeat: int) -> None:
    """Runs every measurement once per round, ``repeat`` rounds: this 2-CPU machine drifts (it slows down
    under sustained load), and interleaving gives every tool the same share of the drift. Outputs are
    not removed between runs: on this machine's disk (ext4 with online discard), removing a build's
    files makes file creation in the next builds slower in the kernel, for every tool (bare Pelican's
    system time went from 0.11 s to 0.48 s over four runs; Konsulta's, which writes 4.4x as many
    files, from 0.3 s to 1.35 s), which is not what a build on a fresh clone pays."""
    for number in range(repeat):
        for m in measurements:
            folder = m.before(number)
            # The previous run's files are flushed first: written back to disk during the next measured
            # build, they made it slower (the first 10,000-document run took 52 s, not 32 s).
            os.sync()
            time.sleep(2)
            m.runs.append(run(m.command(folder), cwd=m.cwd, env=m.env))
            m.files_mb = tree_size(folder)
            m.after(folder)


def summary(m: Measurement) -> dict:
    return {"seconds": statistics.median(r["seconds"] for r in m.runs),
            "cpu": statistics.median(r["cpu"] for r in m.runs),
            "rss_mb": max(r["rss_mb"] for r in m.runs), "runs": [round(r["seconds"], 2) for r in m.runs],
            "files_mb": m.files_mb}


def tree_size(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 1024 ** 2


def touch_one(content: Path) -> None:
    """An editor's typical change: one sentence added to one document's body."""
    target = sorted(content.glob("en/policy-*.md"))[0]
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\nOne more sentence, added by an editor.\n")


def git_commit(folder: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True, env=env)
    subprocess.run(["git", "add", "konsulta", "pelican", "mkdocs"], cwd=folder, check=True, env=env)  # not the caches
    subprocess.run(["git", "commit", "-q", "-m", "corpus"], cwd=folder, check=True, env=env)


def bench(size: int, work: Path, outputs: Path, args) -> list[tuple[str, dict]]:
    folder = work / f"corpus-{size}"
    folder.mkdir(parents=True, exist_ok=True)
    konsulta, pelican, mkdocs = write_corpus(size, folder)
    if args.git:
        shutil.rmtree(folder / ".git", ignore_errors=True)
        git_commit(folder)
    # Writing the corpus removed the previous one: on a disk with online discard that slows the file
    # creations of the builds that follow for a while (the first of five runs took 4.1 s, the last 3.0 s).
    os.sync()
    time.sleep(args.settle)
    python = sys.executable
    env = {**os.environ, "KONSULTA_NOW": os.environ.get("KONSULTA_NOW", "2026-11-24T12:00:00+03:00")}
    out = outputs / f"out-{size}"
    out.mkdir(parents=True, exist_ok=True)

    def fresh(name):
        """A new output folder per run, as on a fresh clone in CI: no tool pays for removing the last one."""
        return lambda number: out / f"{name}-{number}"

    settings = str(ROOT / "pelicanconf.py")

    def konsulta_build(target, *extra):
        return [python, "-m", "pelican", str(konsulta), "-s", settings, "-o", str(target), *extra, "--fatal", "errors"]

    (folder / "bare.py").write_text(BARE_PELICAN_SETTINGS, encoding="utf-8")

    def pelican_build(target, *extra):
        return [python, "-m", "pelican", str(pelican), "-s", str(folder / "bare.py"), "-o", str(target), *extra]

    full = [Measurement("konsulta", konsulta_build, ROOT, fresh("konsulta"), env=env),
            Measurement("pelican", pelican_build, folder, fresh("pelican"), env=env)]
    mkdocs_bin = args.mkdocs or shutil.which("mkdocs")
    if mkdocs_bin and size <= args.mkdocs_up_to:
        (folder / "mkdocs.yml").write_text(textwrap.dedent("""\
            site_name: MkDocs benchmark
            docs_dir: mkdocs
            plugins:
              - search
            """), encoding="utf-8")
        full.append(Measurement("mkdocs", lambda target: [mkdocs_bin, "build", "--quiet", "--clean", "-d", str(target)],
                                folder, fresh("mkdocs")))
    elif mkdocs_bin:
        print(f"mkdocs skipped at {size} documents (--mkdocs-up-to {args.mkdocs_up_to})", file=sys.stderr)
    else:
        print("mkdocs not found: pass --mkdocs PATH to compare with MkDocs", file=sys.stderr)
    measure_interleaved(full, args.repeat)

    # Rebuilds: the content cache filled by one build, then one document edited before each measured run.
    # Both write over their previous output; Konsulta's DELETE_OUTPUT_DIRECTORY removes it inside the time.
    def cached(name, build, content):
        target, cache = out / f"{name}-rebuild", folder / f"cache-{name}"
        command = build(target, "-e", "LOAD_CONTENT_CACHE=true", "CACHE_CONTENT=true", f"CACHE_PATH=\"{cache}\"")
        shutil.rmtree(cache, ignore_errors=True)
        run(command, cwd=ROOT, env=env)  # fills the cache

        def before(number):
            touch_one(content)
            return target

        return Measurement(f"{name}-rebuild", lambda _: command, ROOT, before, env=env)

    rebuilds = [cached("konsulta", konsulta_build, konsulta), cached("pelican", pelican_build, pelican)]
    measure_interleaved(rebuilds, args.repeat)
    if args.profile:  # a separate run: cProfile's overhead stays out of the figures
        run([python, "-m", "cProfile", "-o", args.profile, *konsulta_build(out / "profiled")[1:]], cwd=ROOT, env=env)
    shutil.rmtree(out, ignore_errors=True)

    results = []
    for m in full + rebuilds:
        result = summary(m)
        files, megabytes = result["files_mb"]
        print(f"{size:>6} {m.name:<17} {result['seconds']:8.2f} s {result['cpu']:6.2f} s CPU {result['rss_mb']:6.0f} MB peak "
              f"{files:>7} files {megabytes:8.1f} MB out  runs {result['runs']}", flush=True)
        results.append((m.name, result))
    return results


def default_outputs() -> Path | None:
    """A RAM-backed folder for the outputs where there is one (Linux /dev/shm), else None (the work folder)."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--work", type=Path, default=None, help="where corpora and outputs go (default: a temp dir)")
    parser.add_argument("--mkdocs", help="the mkdocs executable (default: mkdocs on PATH)")
    parser.add_argument("--profile", help="write a cProfile of the full Konsulta build (largest size) here")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--no-git", dest="git", action="store_false", help="do not commit the corpus to git")
    parser.add_argument("--mkdocs-up-to", type=int, default=1000,
                        help="largest size MkDocs builds (default 1000): every MkDocs page carries the whole "
                             "navigation, 177 MB of output at 1,000 documents, 15.8 GB and 745 s at 10,000")
    parser.add_argument("--settle", type=float, default=30,
                        help="seconds to wait, disk idle, between writing a corpus and the first build (default 30)")
    parser.add_argument("--outputs", type=Path, default=None,
                        help="where the builds write (default: a folder in /dev/shm where it exists, else --work)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="konsulta-bench-"))
    ram = default_outputs()
    outputs = args.outputs or (Path(tempfile.mkdtemp(prefix="konsulta-bench-", dir=ram)) if ram else work)
    print(f"corpora in {work}, outputs in {outputs}")
    table = []
    for size in args.sizes:
        for name, result in bench(size, work, outputs, args):
            table.append((size, name, result))
    by = {(size, name): result for size, name, result in table}
    print("\nTargets:")
    for size in args.sizes:
        k, p, m = by.get((size, "konsulta")), by.get((size, "pelican")), by.get((size, "mkdocs"))
        if k and p:
            print(f"  {size}: Konsulta / bare Pelican = {k['seconds'] / p['seconds']:.2f}x (target <= 1.5x)")
        if k and m:
            print(f"  {size}: Konsulta / MkDocs+search = {k['seconds'] / m['seconds']:.2f}x (target < 1x)")
        if k:
            print(f"  {size}: Konsulta peak memory {k['rss_mb']:.0f} MB (target < 1024 MB at 10,000)")
    if len(args.sizes) > 1:
        small, large = min(args.sizes), max(args.sizes)
        if (small, "konsulta") in by and (large, "konsulta") in by:
            growth = by[(large, "konsulta")]["seconds"] / by[(small, "konsulta")]["seconds"]
            print(f"  {small} -> {large}: time x{growth:.1f} for x{large / small:.0f} documents (target: no worse than linear)")


if __name__ == "__main__":
    main()
