"""The search quality set (scripts/search-golden.yaml) fits the content it is written for: every expected
document exists in the demo or in the generated corpus, and an exact query's words and a prefix are still in
it. No browser: scripts/bench_search_quality.py measures the search with it."""

from __future__ import annotations

import copy
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench_search_quality as quality  # noqa: E402


@pytest.fixture(scope="module")
def golden():
    return quality.load_golden()


@pytest.fixture(scope="module")
def content(golden, tmp_path_factory):
    return quality.make_content(golden, tmp_path_factory.mktemp("golden") / "content")


def test_golden_set_fits_the_demo_and_the_corpus(golden, content):
    assert quality.golden_problems(golden, content) == []


def test_golden_set_has_every_kind_in_every_language(golden):
    for lang in ("tr", "ro", "sq", "sr", "en"):
        kinds = {item["kind"] for item in golden["queries"][lang]}
        assert kinds == set(quality.KINDS), lang
        assert len(golden["queries"][lang]) >= 25, lang


def test_golden_set_targets_demo_and_corpus_documents(golden):
    for lang, queries in golden["queries"].items():
        slugs = {slug for item in queries for slug in item["expect"]}
        assert any(s.startswith("doc-") for s in slugs) and any(not s.startswith("doc-") for s in slugs), lang


@pytest.mark.parametrize("change", ["missing document", "word not in the document", "prefix of no word",
                                   "corpus document of another language"])
def test_a_rotten_query_is_reported(golden, content, change):
    broken = copy.deepcopy(golden)
    sq = broken["queries"]["sq"]
    if change == "missing document":
        sq[0]["expect"] = ["no-such-document"]
    elif change == "word not in the document":
        sq[0] = {"q": "Zyra e Kryeministrit xylofon", "expect": sq[0]["expect"], "kind": "multi"}
    elif change == "prefix of no word":
        sq[0] = {"q": "xylof", "expect": sq[0]["expect"], "kind": "prefix"}
    else:
        sq[0]["expect"] = ["doc-00004"]  # an English document of the corpus
    problems = quality.golden_problems(broken, content)
    assert len(problems) == 1 and problems[0].startswith("sq "), problems


def test_scores_of_a_ranking():
    assert quality.score(["a", "b"], ["x", "a", "y"]) == (0.5, 0.5)
    assert quality.score(["a"], ["x"] * 10 + ["a"]) == (0.0, 0.0)
    assert quality.score(["a"], ["a"]) == (1.0, 1.0)
    assert quality.slugs_of(["http://h/sq/a/", "http://h/sq/search/", "/sq/b/index.html", "/en/a/", "/sq/a/#x"], "sq",
                            {"a", "b"}) == ["a", "b"]
