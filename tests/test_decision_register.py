"""The decision register: data/decisions.json validates against its published schema, lists every response of
every published outcome (worked out here from the source files), agrees with decisions.csv, says whether each
outcome came on time, and is described on the Open data page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import yaml
from bs4 import BeautifulSoup
from conftest import DEMO, FROZEN_NOW, ROOT
from jsonschema import Draft202012Validator, FormatChecker
from pelican.settings import read_settings

DUE_DAYS = read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"]["outcome_due_days"]


def front_matter(path):
    return yaml.safe_load(path.read_text("utf-8-sig").split("---\n", 2)[1])


def expected_records() -> list[tuple]:
    """(outcome, lang, draft, on time, decision, reason) of every response, from the demo content itself."""
    today = dt.datetime.fromisoformat(FROZEN_NOW).date()
    found = []
    for path in sorted(DEMO.rglob("*.md")):
        data = front_matter(path)
        if data.get("type") != "outcome" or data["date"] > today:
            continue
        lang = path.relative_to(DEMO).parts[0]
        draft = next(front_matter(p) for p in (DEMO / lang).glob("*.md")
                     if (front_matter(p).get("slug") or p.stem) == data["responds_to"])
        on_time = data["date"] <= draft["consultation"]["closes"] + dt.timedelta(days=DUE_DAYS)
        rows = data["responses"]
        if isinstance(rows, str):
            with open(path.parent / rows, encoding="utf-8-sig", newline="") as file:
                rows = list(csv.DictReader(file)) if rows.endswith(".csv") else yaml.safe_load(file)
        found += [(data.get("slug") or path.stem, lang, data["responds_to"], on_time, row["decision"], row["reason"])
                  for row in rows]
    return found


def test_register_lists_every_response_of_every_published_outcome(demo_site):
    data = json.loads((demo_site / "data" / "decisions.json").read_text("utf-8"))
    schema = json.loads((demo_site / "data" / "decisions.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(data))
    assert not errors, errors[:3]
    got = sorted((r["outcome"], r["lang"], r["draft"], r["on_time"], r["decision"], r["reason"]) for r in data["decisions"])
    expected = sorted(expected_records())
    assert got == expected and expected, "the demo has published outcomes with responses"


def test_csv_holds_the_same_records(demo_site):
    records = json.loads((demo_site / "data" / "decisions.json").read_text("utf-8"))["decisions"]
    rows = list(csv.DictReader(io.StringIO((demo_site / "data" / "decisions.csv").read_text("utf-8"), newline="")))
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        for key, value in record.items():
            shown = "" if value is None else str(value).lower() if isinstance(value, bool) else value
            assert row[key].removeprefix("'") == shown, key


def test_open_data_page_describes_the_register(demo_site):
    page = BeautifulSoup((demo_site / "en" / "open-data" / "index.html").read_text("utf-8"), "html.parser")
    section = page.find(id="decisions-heading").find_parent("section")
    links = [a["href"] for a in section.select("a")]
    assert links == ["../../data/decisions.json", "../../data/decisions.csv", "../../data/decisions.schema.json"]
    assert "whether the outcome was published on time" in section.get_text()
