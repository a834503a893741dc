"""Annual consultation plans: content/plans/<year>.yaml, checked against the site's documents and
arranged by quarter and issuing body for the plan pages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from konsulta_content.frontmatter import FrontMatterError, dotted, parse_yaml
from konsulta_content.loading import unreadable_file
from konsulta_content.problems import Problem, a_or_an, display_path
from konsulta_content.schema import FIRST_YEAR, LAST_YEAR, is_slug
from konsulta_content.text import UnusableText, decode

from .schema import DOCS, validate

PLANS_FOLDER = "plans"
SUFFIXES = (".yaml", ".yml")
YEAR = re.compile(r"^[0-9]{4}$")
QUARTERS = (1, 2, 3, 4)
# Fields that name a document, and the type it must have.
REFERENCES = {"body": "body", "draft": "draft"}


@dataclass(frozen=True)
class Text:
    text: str
    lang: str


@dataclass(frozen=True)
class Entry:
    body: str
    quarter: int
    title: dict
    draft: str | None = None
    note: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Item:
    """An entry as the page of one language shows it."""

    title: Text
    note: Text | None
    draft: object | None  # the published draft's article, in the page language where possible
    key: str = ""  # the title in the site's default language: the same item on every language's page


@dataclass(frozen=True)
class BodyGroup:
    slug: str
    body: object | None  # the body's article, in the page language where possible
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Quarter:
    number: int
    first_month: dt.date
    last_month: dt.date
    bodies: tuple[BodyGroup, ...]


@dataclass(frozen=True)
class Plan:
    year: int
    source: str
    entries: tuple[Entry, ...]

    def quarters(self, lang: str, site) -> list[Quarter]:
        """Every quarter, each with its bodies by name in ``lang`` and their entries in file order."""
        found = []
        for number in QUARTERS:
            by_body: dict[str, list[Item]] = {}
            for entry in self.entries:
                if entry.quarter == number:
                    by_body.setdefault(entry.body, []).append(Item(
                        title=localized(entry.title, lang, site),
                        note=localized(entry.note, lang, site) if entry.note else None,
                        draft=site.find(entry.draft, lang),
                        key=localized(entry.title, site.default_lang, site).text,
                    ))
            groups = [BodyGroup(slug, site.find(slug, lang), tuple(items)) for slug, items in by_body.items()]
            groups.sort(key=lambda g: ((g.body.title if g.body else g.slug).casefold(), g.slug))
            first = dt.date(self.year, 3 * number - 2, 1)
            found.append(Quarter(number, first, first.replace(month=3 * number), tuple(groups)))
        return found


def localized(texts: dict, lang: str, site) -> Text:
    """The text in ``lang``, else in the default language, else in the first site language that has it."""
    # Validation allows only site languages and at least one, so a candidate always matches.
    candidate = next(c for c in (lang, site.default_lang, *site.languages) if c in texts)
    return Text(texts[candidate], candidate)


def load_plans(content_root: Path, site) -> tuple[list[Plan], list[Problem]]:
    """Every plan under content/plans/, newest year first, and the problems of all of them."""
    folder = content_root / PLANS_FOLDER
    if not folder.is_dir():
        return [], []
    plans, problems, years = [], [], {}
    for path in sorted(folder.iterdir()):
        if path.suffix not in SUFFIXES:
            if path.suffix.lower() in SUFFIXES:  # 2027.YAML: left out without a word, the plan would go missing
                problems.append(Problem(display_path(path), None, None, f"the file name ends in {path.suffix}, so "
                                        "the plan is not read: rename it to end in .yaml"))
            continue
        if path.is_dir():
            continue
        plan, found = read_plan(path, site, content_root)
        problems.extend(found)
        if plan is None:
            continue
        if plan.year in years:
            problems.append(Problem(display_path(path), 1, None, f"{years[plan.year].name} is also the plan "
                                    f"for {plan.year}: keep one file per year"))
            continue
        years[plan.year] = path
        plans.append(plan)
    return sorted(plans, key=lambda p: -p.year), problems


def read_plan(path: Path, site, content_root: Path) -> tuple[Plan | None, list[Problem]]:
    where = display_path(path)
    problems = []

    def problem(message, *, line=1, field_path=()):
        problems.append(Problem(where, line, dotted(field_path) or None, message))

    if not YEAR.match(path.stem):
        problem(f"the file name {path.stem!r} is not a year: name the plan after the year it covers, "
                f"e.g. 2027{path.suffix}")
    elif not FIRST_YEAR <= int(path.stem) <= LAST_YEAR:
        problem(f"the year {path.stem} is not between {FIRST_YEAR} and {LAST_YEAR}: name the plan after the year "
                f"it covers, e.g. 2027{path.suffix}")
    unreadable = unreadable_file(path, content_root)
    if unreadable:
        problem(unreadable)
        return None, problems
    try:
        text = decode(path.read_bytes())
        matter = parse_yaml(text, collect=True)
    except UnusableText as error:
        problem(error.message, line=error.line)
        return None, problems
    except FrontMatterError as error:
        problem(_plan_wording(error.message), line=error.line or 1,
                field_path=tuple(error.field.split(".")) if error.field else ())
        return None, problems
    except OSError as error:  # gone or unreadable since the folder was listed
        problem(f"the file cannot be read ({error.strerror or error}): check that the build may read it")
        return None, problems
    for field_path, line in matter.duplicate_keys:
        problem("this field is given twice: keep one", line=line, field_path=field_path)
    unusable = [field_path for field_path, _, _ in matter.unusable_values]
    for field_path, line, message in matter.unusable_values:
        problem(message, line=line, field_path=field_path)
    for field_path, message in validate(matter.data, site.languages):
        if not any(field_path[: len(bad)] == bad for bad in unusable):  # one message per field is enough
            problem(message, line=matter.line_of(field_path), field_path=field_path)
    entries = matter.data.get("consultations") if isinstance(matter.data, dict) else None
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        for name, wanted in REFERENCES.items():
            slug = entry.get(name) if isinstance(entry, dict) else None
            if is_slug(slug):
                message = _reference_problem(slug, name, wanted, site)
                if message:
                    path_ = ("consultations", index, name)
                    problem(message, line=matter.line_of(path_), field_path=path_)
    if problems:
        return None, problems
    return Plan(
        year=int(path.stem),
        source=where,
        entries=tuple(Entry(body=e["body"], quarter=e["quarter"], title=e["title"], draft=e.get("draft"),
                            note=e.get("note") or {}) for e in entries),
    ), []


def _reference_problem(slug: str, name: str, wanted: str, site) -> str | None:
    targets = site.by_slug.get(slug, [])
    if not targets:
        if name == "draft":
            return (f"no document has the slug {slug!r}: check the spelling, or leave 'draft' out until "
                    "the draft is published")
        return f"no document has the slug {slug!r}: check the spelling, or add the body it refers to"
    if not any(t.doc.type == wanted for t in targets):
        return f"{slug!r} is {a_or_an(targets[0].doc.type)}, but {name} must name {a_or_an(wanted)}"
    return None


def _plan_wording(message: str) -> str:
    # The YAML parser is the front matter's, and so is its wording; a plan file has no front matter.
    if message.startswith("front matter is empty"):
        return f"the plan is empty: list the planned consultations under 'consultations:' (see {DOCS})"
    return message.replace("front matter", "the plan", 1)
