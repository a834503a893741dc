"""Copies the browser-side search libraries from node_modules (after `npm ci`) into theme/static/js/vendor/,
where they are committed: the site never requests another origin. Run after changing package.json."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "theme" / "static" / "js" / "vendor"
FILES = {
    "lunr/lunr.min.js": "lunr.min.js",
    "lunr/LICENSE": "LICENSE-lunr.txt",  # an extension, so any static host can type it
    "lunr-languages/min/lunr.stemmer.support.min.js": "lunr.stemmer.support.js",
    "lunr-languages/min/lunr.tr.min.js": "lunr.tr.js",
    "lunr-languages/min/lunr.ro.min.js": "lunr.ro.js",
    "lunr-languages/LICENSE": "LICENSE-lunr-languages.txt",
}


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        shutil.copyfile(ROOT / "node_modules" / source, VENDOR / target)
        print(f"node_modules/{source} -> {(VENDOR / target).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
