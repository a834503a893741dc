"""Plugins declare what they are (konsulta_content.plugins: <plugin>/plugin.py): the plugins and data they
need, the data they provide and the steps that make it, the files they write, the problems they report.
The build checks the declarations when it starts, runs the steps in the order the needs give, and
checks after every step that it did what it declares: so the order of PLUGINS changes nothing."""

from __future__ import annotations

import random
import re
import shutil
from types import SimpleNamespace

import pytest
from conftest import DEMO, ROOT, build
from gitrepo import commit, git, init
from pelican.settings import read_settings
from quality import tree_differences

from konsulta_content.build import Build, StepMistake
from konsulta_content.config import ConfigError, load_config
from konsulta_content.plugins import Need, Plugin, Plugins, Step, for_site, load, on_documents
from konsulta_content.problems import Problem
from konsulta_content.workers import Workers

PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
AFTER_CONSULTATION = "en/social-media-guide/changes/after-consultation/index.html"


# --- the order of PLUGINS changes nothing

@pytest.fixture(scope="module")
def demo_in_git(tmp_path_factory):
    """The demo content in a real repository, where the English social media guide changed after its
    consultation closed (20 October 2026): a page only a build that has the consultation before the
    history writes."""
    repo = init(tmp_path_factory.mktemp("orders") / "site")
    shutil.copytree(DEMO, repo / "content")
    git(repo, "add", "content")
    git(repo, "commit", "-q", "-m", "The demo content", date="2026-09-01T10:00:00+03:00")
    guide = repo / "content" / "en" / "social-media-guide.md"
    commit(repo, {"content/en/social-media-guide.md": guide.read_text("utf-8")
                  + "\nA paragraph written after the consultation closed.\n"},
           "Social media guide: what the consultation asked for", "2026-10-28T10:00:00+03:00")
    return repo / "content"


def orders() -> dict[str, list[str]]:
    shuffled = list(PLUGINS)
    random.Random(4982).shuffle(shuffled)
    history_first = sorted(PLUGINS, key=lambda name: name != "konsulta_history")
    return {"as configured": list(PLUGINS), "reversed": list(reversed(PLUGINS)), "by name": sorted(PLUGINS),
            "history first": history_first, "shuffled": shuffled}


@pytest.fixture(scope="module")
def builds_in_every_order(demo_in_git, tmp_path_factory):
    return {name: build(demo_in_git, tmp_path_factory.mktemp("order") / "output", PLUGINS=plugins)
            for name, plugins in orders().items()}


def test_the_orders_tried_put_the_history_before_the_consultations():
    tried = orders().values()
    assert any(order.index("konsulta_history") < order.index("konsulta_consultations") for order in tried)
    assert any(order[0] != "konsulta_content" for order in tried)


def test_the_demo_built_with_the_plugins_in_any_order_is_byte_identical(builds_in_every_order):
    first, *others = builds_in_every_order.values()
    for name, site in builds_in_every_order.items():
        assert (site / AFTER_CONSULTATION).is_file(), f"{name}: the page of changes after the consultation is missing"
        differences = tree_differences(first, site)
        assert not differences, f"PLUGINS {name}: {len(differences)} files differ:\n" + "\n".join(differences)


# --- what the build says when a plugin is missing

def test_a_missing_plugin_stops_the_build_naming_what_to_add(tmp_path):
    without = [p for p in PLUGINS if p != "konsulta_consultations"]
    with pytest.raises(ConfigError) as stopped:
        build(ROOT / "tests" / "sites" / "minimal", tmp_path / "output", PLUGINS=without)
    lines = str(stopped.value).splitlines()
    assert lines[0] == "Konsulta settings are not valid:"
    assert "PLUGINS: konsulta_feeds needs konsulta_consultations (for 'consultation', 'consultations'), which is " \
           "not in PLUGINS: add 'konsulta_consultations' to PLUGINS, or remove 'konsulta_feeds'" in lines
    assert not (tmp_path / "output").exists()
    # konsulta_history and konsulta_search only use consultations: they are not named.
    assert not [line for line in lines if "konsulta_history" in line or "konsulta_search" in line]


def test_every_konsulta_plugin_declares_itself_and_the_declarations_agree():
    plugins = load(PLUGINS)
    assert list(plugins.declared) == PLUGINS  # konsulta_content first, as PLUGINS has it
    assert plugins.mistakes() == []
    for plugin in plugins:
        assert plugin.does and plugin.name.startswith("konsulta_")


def test_the_step_order_follows_the_needs_not_plugins():
    forwards, backwards = load(PLUGINS), load(list(reversed(PLUGINS)))
    ran = [step.run for _, step in forwards.steps()]
    assert ran == [step.run for _, step in backwards.steps()]
    assert ran == ["konsulta_consultations.steps:attach_consultations", "konsulta_plan.steps:read_plans",
                   "konsulta_history.redirects:check_aliases", "konsulta_outcomes.steps:check_responses",
                   "konsulta_history.steps:attach_history"]
    assert [step.run for _, step in forwards.steps(checks_only=True)] == ran[:4]


def test_declared_folders_are_what_the_build_writes_in_a_language_folder(demo_site):
    plugins = load(PLUGINS)
    slugs = {path.stem for path in DEMO.glob("*/*.md")}
    written = {path.name for lang in ("en", "tr") for path in (demo_site / lang).iterdir() if path.is_dir()}
    assert written - slugs == set(plugins.language_folders())


# --- the start-up check of declarations (a mistake in a plugin's code)

def plugin(name, **declared) -> Plugin:
    return Plugin(name, f"{name} does a thing.", **declared)


def plugins(*declared: Plugin) -> Plugins:
    return Plugins({p.name: p for p in declared})


PROVIDER = plugin("konsulta_content", provides=(for_site("site", "the site"),))


def test_reading_data_a_plugin_does_not_provide_is_a_mistake():
    reader = plugin("konsulta_x", needs=(Need("konsulta_content", "sites"),))
    assert plugins(PROVIDER, reader).mistakes() == [
        "konsulta_x reads 'sites' of konsulta_content, which konsulta_content does not provide: a mistake in a "
        "plugin's declaration (plugin.py)"]


def test_data_or_a_file_has_one_owner():
    one = plugin("konsulta_a", provides=(on_documents("badge", "."),),
                 steps=(Step("m:f", provides=("badge",)),), writes=("feeds/",))
    other = plugin("konsulta_b", provides=(on_documents("badge", "."),),
                   steps=(Step("m:g", provides=("badge",)),), writes=("feeds",))
    assert plugins(PROVIDER, one, other).mistakes() == [
        "konsulta_a and konsulta_b both declare that they provide 'badge': each has one owner",
        "konsulta_a and konsulta_b both declare that they write 'feeds': each has one owner"]


def test_data_no_step_sets_and_steps_that_set_undeclared_data_are_mistakes():
    idle = plugin("konsulta_a", provides=(on_documents("badge", "."),), steps=(Step("m:f", provides=("medal",)),))
    assert plugins(PROVIDER, idle).mistakes() == [
        "konsulta_a: the step m:f sets 'medal', which the plugin does not declare in 'provides': a mistake in its "
        "declaration (plugin.py)",
        "konsulta_a provides 'badge', which none of its steps sets: a mistake in its declaration (plugin.py)"]


def test_needs_that_go_round_in_a_circle_are_a_mistake():
    a = plugin("konsulta_a", needs=(Need("konsulta_b"),))
    b = plugin("konsulta_b", needs=(Need("konsulta_a"),))
    [mistake] = plugins(PROVIDER, a, b).mistakes()
    assert mistake.startswith("the plugins need each other in a circle (") and "konsulta_a" in mistake


def test_a_checking_step_cannot_read_what_only_a_later_step_makes():
    maker = plugin("konsulta_a", provides=(on_documents("badge", "."),), steps=(Step("m:f", provides=("badge",)),))
    checker = plugin("konsulta_b", uses=(Need("konsulta_a", "badge"),), steps=(Step("m:g", checks=True),))
    assert plugins(PROVIDER, maker, checker).mistakes() == [
        "konsulta_b reports problems before pages are made, but reads 'badge', which konsulta_a makes only "
        "afterwards: a mistake in their declarations"]


def test_plugins_free_to_go_run_by_name_after_what_they_need():
    c = plugin("konsulta_c", needs=(Need("konsulta_a"),))
    a = plugin("konsulta_a")
    b = plugin("konsulta_b")
    assert [p.name for p in plugins(c, b, a, PROVIDER).order()] == ["konsulta_a", "konsulta_b", "konsulta_content",
                                                                   "konsulta_c"]


# --- the build checks every step against its declaration

def sets_a_badge(build):
    for article in build.site.articles:
        article.badge = "gold"


def sets_a_site_medal(build):
    build.context["medal"] = 1


def reports_a_problem(build):
    build.report([Problem("content/en/x.md", 1, None, "wrong")])


def step_build(step: Step, *provides) -> Build:
    config = load_config({"KONSULTA": {"languages": ["en"]}, "DEFAULT_LANG": "en", "PLUGINS": []})
    declared = plugins(PROVIDER, plugin("konsulta_a", provides=provides, steps=(step,)))
    found = Build({}, config, declared, Workers(1))
    found.site = SimpleNamespace(articles=[SimpleNamespace(doc=None), SimpleNamespace(doc=None)])
    return found


def test_a_step_that_sets_what_it_declares_passes():
    built = step_build(Step("test_plugins:sets_a_badge", provides=("badge",)), on_documents("badge", "."))
    built.run_steps()
    assert [a.badge for a in built.site.articles] == ["gold", "gold"]


@pytest.mark.parametrize("step, provides, message", [
    (Step("test_plugins:sets_a_badge"), (), "konsulta_a: the step test_plugins:sets_a_badge set 'badge' on documents, "
                                            "which it does not declare"),
    (Step("test_plugins:sets_a_site_medal"), (), "konsulta_a: the step test_plugins:sets_a_site_medal set 'medal' for "
                                                 "the site, which it does not declare"),
    (Step("test_plugins:sets_a_badge", provides=("medal",)), (for_site("medal", "."),),
     "konsulta_a: the step test_plugins:sets_a_badge set 'badge' on documents"),
    (Step("test_plugins:reports_a_problem"), (), "konsulta_a: the step test_plugins:reports_a_problem reported a "
                                                 "problem, but is not declared checks=True"),
])
def test_a_step_that_does_what_it_does_not_declare_stops_the_build(step, provides, message):
    with pytest.raises(StepMistake, match=message.replace("(", r"\(")):
        step_build(step, *provides).run_steps()


def test_a_checking_step_may_report_problems_and_validate_runs_it():
    built = step_build(Step("test_plugins:reports_a_problem", checks=True))
    built.run_steps(checks_only=True)
    assert [str(p) for p in built.problems.problems] == ["content/en/x.md:1: wrong"]


# --- ARCHITECTURE.md names what the code declares, and the code has what it names

def test_architecture_names_every_plugin_data_and_step():
    text = (ROOT / "ARCHITECTURE.md").read_text("utf-8")
    for declared in load(PLUGINS):
        assert f"`{declared.name}`" in text
        for data in declared.provides:
            assert f"`{data.name}`" in text, (declared.name, data.name)
        for step in declared.steps:
            assert step.run.split(":")[1] in text, step.run


def test_each_single_definition_architecture_names_is_defined_where_it_says():
    text = (ROOT / "ARCHITECTURE.md").read_text("utf-8")
    named = re.findall(r"`(\w+)` in `(konsulta_\w+/\w+\.py)`", text)
    assert len(named) >= 9
    for name, path in named:
        source = (ROOT / "plugins" / path).read_text("utf-8")
        assert re.search(rf"^(?:def |class )?{name}\b(?:\s*[(:=]| =)", source, re.M), f"{name} is not defined in {path}"
