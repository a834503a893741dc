"""`konsulta init DIR`: a new site of its own, which starts from Konsulta's packaged defaults.

The files are the template in konsulta/site/ (settings, Makefile, editors' README, GitHub workflows),
with this site's choices put in for the ``@NAME@`` marks; one starter page per language; the dependency
lock this Konsulta was tested with (konsulta.lock); and requirements/konsulta.txt, the engine as it was
installed here (konsulta.source), so the site installs the same one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import __version__, lock, schedule
from .source import EngineSource

TEMPLATE = "site"
# An IANA zone name goes into a shell command and YAML in the publish workflow: nothing else may.
ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*$")
MARK = re.compile(r"@[A-Z_]+@")
# A folder that is only a fresh clone of an empty repository is empty enough.
IGNORED_ENTRIES = {".git"}

# The starter page per language, in the languages the bundled theme speaks; others get the English one.
STARTER_SLUG = "about-this-site"
STARTER = {
    "en": ("About this site",
           "Starter page made by konsulta init: replace it with a page about this site.",
           "This page was made by `konsulta init` as a starting point. Replace its title, summary and text "
           "with what readers should know about this site: who publishes it, what they find here and how "
           "to take part in consultations. Or delete it once the site has documents of its own."),
    "sq": ("Rreth kësaj faqeje",
           "Faqe fillestare e krijuar nga konsulta init: zëvendësojeni me një faqe për këtë faqe interneti.",
           "Kjo faqe u krijua nga `konsulta init` si pikënisje. Zëvendësoni titullin, përmbledhjen dhe tekstin "
           "e saj me atë që lexuesit duhet të dinë për këtë faqe interneti: kush e publikon, çfarë gjejnë këtu "
           "dhe si marrin pjesë në konsultime. Ose fshijeni kur faqja të ketë dokumentet e veta."),
    "tr": ("Bu site hakkında",
           "konsulta init ile oluşturulan başlangıç sayfası: bu site hakkında bir sayfayla değiştirin.",
           "Bu sayfa `konsulta init` tarafından başlangıç noktası olarak oluşturuldu. Başlığını, özetini ve "
           "metnini okuyucuların bu site hakkında bilmesi gerekenlerle değiştirin: siteyi kimin yayımladığı, "
           "burada neler bulunduğu ve danışmalara nasıl katılınacağı. Ya da site kendi belgelerine sahip "
           "olunca silin."),
    "ro": ("Despre acest site",
           "Pagină de pornire creată de konsulta init: înlocuiți-o cu o pagină despre acest site.",
           "Această pagină a fost creată de `konsulta init` ca punct de plecare. Înlocuiți titlul, rezumatul "
           "și textul ei cu ceea ce trebuie să știe cititorii despre acest site: cine îl publică, ce găsesc "
           "aici și cum pot participa la consultări. Sau ștergeți-o când site-ul are propriile documente."),
    "sr": ("O ovom sajtu",
           "Početna stranica koju je napravio konsulta init: zamenite je stranicom o ovom sajtu.",
           "Ovu stranicu je napravio `konsulta init` kao polaznu tačku. Zamenite njen naslov, sažetak i tekst "
           "onim što čitaoci treba da znaju o ovom sajtu: ko ga objavljuje, šta ovde mogu da nađu i kako da "
           "učestvuju u javnim konsultacijama. Ili je obrišite kada sajt bude imao sopstvene dokumente."),
}


class InitError(Exception):
    """What is wrong with the request, and what to do instead."""


@dataclass(frozen=True)
class SiteChoices:
    title: str
    languages: tuple[str, ...]
    timezone: str


def check_choices(title: str, languages: str, timezone: str) -> SiteChoices:
    """The choices, checked by the build's own settings check (konsulta_content.config) before any file
    is written; InitError lists every mistake, named by the option to correct."""
    from konsulta_content.config import ConfigError, load_config

    problems = []
    if not title.strip():
        problems.append("--title: give the site's name, e.g. --title \"Komuna e Prishtinës: Konsultime\"")
    codes = tuple(code.strip() for code in languages.split(",") if code.strip())
    if not codes:
        problems.append("--languages: give the site's languages, the first one the main one, e.g. --languages sq,en")
    elif len(set(codes)) != len(codes):
        problems.append("--languages: a language is given twice")
    try:
        parse_timezone(timezone)
    except InitError as error:
        problems.append(f"--timezone: {error}")
    if codes and not problems:
        try:
            load_config({"KONSULTA": {"languages": list(codes)}, "DEFAULT_LANG": codes[0], "TIMEZONE": timezone})
        except ConfigError as error:  # "['languages']: 'xx' is not …", one per problem
            problems += [f"--languages: {problem.split(': ', 1)[1]}" for problem in error.problems]
    if problems:
        raise InitError("\n".join(problems))
    return SiteChoices(title.strip(), codes, timezone)


def parse_timezone(name: str) -> ZoneInfo:
    try:
        if not ZONE_NAME.match(name):
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InitError(f"{name!r} is not an IANA time zone such as 'Europe/Belgrade'") from None


def check_folder(folder: Path) -> None:
    """The folder must not exist, or be empty but for .git: init never overwrites or mixes in files."""
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file: give a new or empty folder")
    if folder.is_dir():
        found = sorted(entry.name for entry in folder.iterdir() if entry.name not in IGNORED_ENTRIES)
        if found:
            shown = ", ".join(found[:5]) + (", …" if len(found) > 5 else "")
            raise InitError(f"{folder} is not empty ({shown}): give a new or empty folder; konsulta init never "
                            "overwrites or mixes in files")


def site_files(choices: SiteChoices, engine: EngineSource, today: dt.date | None = None) -> dict[str, str]:
    """Every file of the new site: path (POSIX, from the site's folder) -> text."""
    zone = ZoneInfo(choices.timezone)
    today = today or dt.datetime.now(zone).date()
    values = _values(choices, zone, today)
    files = {}
    template = resources.files("konsulta").joinpath(TEMPLATE)
    for path, text in _template_files(template, ""):
        files[path] = MARK.sub(lambda mark: values[mark.group(0)], text)
    for lang in choices.languages:
        files[f"content/{lang}/{STARTER_SLUG}.md"] = starter_page(lang, today)
    files[lock.SITE_LOCK.as_posix()] = lock.site_lock_text()
    files["requirements/konsulta.txt"] = engine_file(engine)
    return files


def _template_files(folder, prefix: str):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _template_files(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry.read_text("utf-8")


def _values(choices: SiteChoices, zone: ZoneInfo, today: dt.date) -> dict[str, str]:
    from babel import Locale

    languages = choices.languages
    names = {lang: Locale.parse(lang).get_display_name("en") for lang in languages}
    first = languages[0]
    translate = ""
    if len(languages) > 1:
        translate = ("To translate a document, make the file with the same name in another language folder:\n"
                     f"`make new ARGS=\"--translate content/{first}/my-draft.md {languages[1]}\"`.\n\n")
    return {
        "@SITENAME@": repr(choices.title),
        "@TIMEZONE@": choices.timezone,
        "@DEFAULT_LANG@": repr(first),
        "@LANGUAGES@": repr(list(languages)),
        "@SITE_NAMES@": "{" + ", ".join(f"{lang!r}: {choices.title!r}" for lang in languages) + "}",
        "@CRON@": "\n".join(f'    - cron: "{line}"' for line in schedule.cron_lines(zone, start=today)),
        "@TITLE@": choices.title,
        "@FIRST_LANG@": first,
        "@LANGUAGE_FOLDERS@": "\n".join(f"- `content/{lang}/`: {names[lang]}" for lang in languages),
        "@LANGUAGE_CODES@": ", ".join(f"`{lang}`" for lang in languages),
        "@TRANSLATE@": translate,
    }


def starter_page(lang: str, today: dt.date) -> str:
    title, summary, text = STARTER.get(lang, STARTER["en"])
    return "\n".join([
        "---",
        "# TODO: a starter page made by `konsulta init`: rewrite it, or delete it (in every language)",
        "# once the site has documents of its own. The fields: docs/content-model.md in Konsulta.",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "type: page",
        f"date: {today.isoformat()}",
        f"summary: {json.dumps(summary, ensure_ascii=False)}",
        "---",
        text,
        "",
    ])


def engine_file(engine: EngineSource) -> str:
    lines = [
        "# The Konsulta engine this site is built with; requirements/lock.txt holds its dependencies.",
        f"# `konsulta init` wrote where it was installed from: {engine.origin}.",
        "# To upgrade, change the version (or the commit) below and run `make test`: make installs it, writes",
        "# its dependency lock into requirements/lock.txt and runs the checks. Commit both files.",
    ]
    if not engine.portable:
        lines += [
            "# A file or folder on the computer that ran `konsulta init` builds the site there, offline too,",
            "# but not on GitHub: before pushing, name a release or a git commit instead, e.g.",
            f"#   konsulta=={__version__}",
            "#   konsulta @ git+https://github.com/OWNER/konsulta@COMMIT",
        ]
    return "\n".join(lines + [engine.requirement, ""])


def write_site(folder: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
            file.write(text)


def next_steps(folder: Path, choices: SiteChoices, engine: EngineSource) -> str:
    steps = [
        f"Made a Konsulta {__version__} site in {folder} ({', '.join(choices.languages)}; {choices.timezone}).",
        "Next:",
        f"  cd {folder}",
        "  make html        # installs Konsulta into .venv, builds content/ into output/",
        "  make serve       # http://127.0.0.1:8000/, rebuilt on every save",
        "  make test        # the pull request checks: content, build, links, HTML validity (Java),",
        "                   # accessibility (Chromium)",
        "Then fill in the TODO lines of pelicanconf.py (the comment form, the repository links), replace",
        f"content/*/{STARTER_SLUG}.md, and push the folder to a new GitHub repository whose Settings > Pages",
        "> Source is \"GitHub Actions\" (README.md says how editors work in it).",
    ]
    if not engine.portable:
        steps += [
            f"Note: Konsulta was installed from {engine.origin}, which GitHub's runners cannot reach:",
            "  name a release or a git commit in requirements/konsulta.txt before pushing.",
        ]
    return "\n".join(steps)
