"""The {% fragment %} tag (konsulta_content.fragments): rendered once per key, and the theme's keys name
everything its fragments show (the quality gates also compare a whole build without the cache)."""

import pytest
from jinja2 import DictLoader, Environment

from konsulta_content import fragments


def environment(enabled=True, **templates):
    env = Environment(loader=DictLoader(templates), autoescape=True)
    fragments.install(env, enabled)
    return env


PAGE = '{% fragment "menu", lang %}<nav>{{ lang }} {{ shown }}</nav>{% endfragment %}<main>{{ shown }}</main>'


def test_a_fragment_is_rendered_once_per_key():
    page = environment(page=PAGE).get_template("page")
    assert page.render(lang="en", shown=1) == "<nav>en 1</nav><main>1</main>"
    # Same key: the first rendering is reused, though 'shown' (not in the key) changed.
    assert page.render(lang="en", shown=2) == "<nav>en 1</nav><main>2</main>"
    assert page.render(lang="tr", shown=3) == "<nav>tr 3</nav><main>3</main>"


def test_without_the_cache_every_page_renders_every_fragment():
    page = environment(False, page=PAGE).get_template("page")
    assert page.render(lang="en", shown=1) == "<nav>en 1</nav><main>1</main>"
    assert page.render(lang="en", shown=2) == "<nav>en 2</nav><main>2</main>"


def test_keys_of_several_values_and_escaping_are_kept():
    env = environment(page='{% fragment "x", a, b %}{{ a }}{{ b }}{% endfragment %}')
    page = env.get_template("page")
    assert page.render(a="<", b=1) == "&lt;1"
    assert page.render(a="<", b=2) == "&lt;2"
    assert page.render(a="<", b=1, c="ignored") == "&lt;1"


def test_each_environment_has_its_own_cache():
    first, second = environment(page=PAGE), environment(page=PAGE)
    first.get_template("page").render(lang="en", shown=1)
    assert second.get_template("page").render(lang="en", shown=2) == "<nav>en 2</nav><main>2</main>"


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_fragment_cache_setting_is_checked(value):
    from konsulta_content.config import ConfigError, load_config

    with pytest.raises(ConfigError, match=r"KONSULTA\['fragment_cache'\]: give True .* or False"):
        load_config({"KONSULTA": {"languages": ["en"], "fragment_cache": value}, "DEFAULT_LANG": "en",
                     "TIMEZONE": "Europe/Istanbul"})
