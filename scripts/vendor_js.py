"""Copies the browser-side search libraries from node_modules (after `npm ci`) into theme/static/js/vendor/,
where they are committed: the site never requests another origin. Run after changing package.json."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from konsulta_search.pipeline import LANGUAGES  # noqa: E402
VENDOR = ROOT / "theme" / "static" / "js" / "vendor"
# The stemmers the search pages load: those the search's table of languages names.
STEMMERS = sorted({lang.browser_stemmer for lang in LANGUAGES.values() if lang.browser_stemmer})
FILES = {
    "lunr/lunr.min.js": "lunr.min.js",
    "lunr/LICENSE": "LICENSE-lunr.txt",  # an extension, so any static host can type it
    "lunr-languages/min/lunr.stemmer.support.min.js": "lunr.stemmer.support.js",
    **{f"lunr-languages/min/lunr.{name}.min.js": f"lunr.{name}.js" for name in STEMMERS},
    "lunr-languages/LICENSE": "LICENSE-lunr-languages.txt",
}


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        shutil.copyfile(ROOT / "node_modules" / source, VENDOR / target)
        print(f"node_modules/{source} -> {(VENDOR / target).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
