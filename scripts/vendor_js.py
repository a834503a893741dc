"""Copies the browser-side search libraries from node_modules (after `npm ci`) into theme/static/js/vendor/,
where they are committed: the site never requests another origin. Run after changing package.json.

The stemmers come from lunr-languages where it has the language; Serbian, which it lacks, from
@orama/stemmers (Snowball's generated JavaScript, as a CommonJS module), wrapped here so that it loads as a
lunr-languages stemmer does: a script that sets lunr.<lang>.stemmer, or in Node a function of lunr."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from konsulta_search.pipeline import LANGUAGES  # noqa: E402
VENDOR = ROOT / "theme" / "static" / "js" / "vendor"
# The stemmers the search pages load: those the search's table of languages names.
STEMMERS = sorted({lang.browser_stemmer for lang in LANGUAGES.values() if lang.browser_stemmer})
ORAMA = {"sr": "rs"}  # language -> @orama/stemmers file, for the stemmers lunr-languages does not have
FILES = {
    "lunr/lunr.min.js": "lunr.min.js",
    "lunr/LICENSE": "LICENSE-lunr.txt",  # an extension, so any static host can type it
    "lunr-languages/min/lunr.stemmer.support.min.js": "lunr.stemmer.support.js",
    **{f"lunr-languages/min/lunr.{name}.min.js": f"lunr.{name}.js" for name in STEMMERS if name not in ORAMA},
    "lunr-languages/LICENSE": "LICENSE-lunr-languages.txt",
    "@orama/stemmers/LICENSE.md": "LICENSE-orama-stemmers.txt",
}
WRAPPER = """/* Snowball's stemmer for {lang}, from @orama/stemmers {version} (dist/{name}.cjs; Apache-2.0, see
   LICENSE-orama-stemmers.txt), wrapped by scripts/vendor_js.py to load as a lunr-languages stemmer does. */
(function (root, factory) {{
  if (typeof module === "object" && module.exports) {{
    module.exports = function (lunr) {{ lunr.{lang} = {{ stemmer: factory() }}; }};
  }} else {{
    root.lunr.{lang} = {{ stemmer: factory() }};
  }}
}}(typeof self !== "undefined" ? self : this, function () {{
var exports = {{}};
{code}
return exports.stemmer;
}}));
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    modules = parser.parse_args().node_modules
    VENDOR.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        shutil.copyfile(modules / source, VENDOR / target)
        print(f"node_modules/{source} -> {(VENDOR / target).relative_to(ROOT)}")
    version = __import__("json").loads((modules / "@orama/stemmers/package.json").read_text("utf-8"))["version"]
    for lang in STEMMERS:
        if lang in ORAMA:
            source = modules / "@orama/stemmers/dist" / f"{ORAMA[lang]}.cjs"
            code = source.read_text("utf-8").split("\n//# sourceMappingURL", 1)[0].rstrip()
            (VENDOR / f"lunr.{lang}.js").write_text(
                WRAPPER.format(lang=lang, version=version, name=ORAMA[lang], code=code), "utf-8")
            print(f"node_modules/@orama/stemmers/dist/{source.name} -> theme/static/js/vendor/lunr.{lang}.js (wrapped)")


if __name__ == "__main__":
    main()
