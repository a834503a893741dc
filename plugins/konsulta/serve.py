"""`konsulta serve`: builds the site, serves it on 127.0.0.1, and builds it again whenever a file of the
content or the settings is saved.

Each build is `pelican CONTENT -s SETTINGS -o OUTPUT --fatal errors` in its own process, so a document
with a mistake prints its problems and the previous site stays served (the build writes into a
staging folder), and the next save builds again. Pelican's own `--autoreload --listen` stops
rebuilding for good at the first content problem: Konsulta ends a failed build with SystemExit,
which ends Pelican's rebuilding process while its server carries on with the old pages.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from .browser import serve


def build(content: str, settings: str, output: str) -> bool:
    command = [sys.executable, "-m", "pelican", content, "-s", settings, "-o", output, "--fatal", "errors"]
    return subprocess.run(command, check=False).returncode == 0


def serve_and_rebuild(content: str, settings: list[str], output: str, port: int, stop: threading.Event | None = None) -> int:
    """Serves ``output`` on 127.0.0.1:``port`` until interrupted (or ``stop`` is set), rebuilding on changes
    to ``content`` and the ``settings`` files (the first is the one built with)."""
    import watchfiles

    ok = build(content, settings[0], output)
    Path(output).mkdir(parents=True, exist_ok=True)  # served even if the very first build failed
    watched = [content, *[s for s in settings if Path(s).is_file()]]
    with serve(Path(output), port=port) as base_url:
        print(f"Serving {output} at {base_url}/ ({'built' if ok else 'the build failed: fix the problems above'}); "
              "each save builds again. Ctrl-C stops.", flush=True)
        try:
            for changes in watchfiles.watch(*watched, stop_event=stop, raise_interrupt=False):
                # Editors and tools save through short-lived temporary files: name only what is still there.
                names = ", ".join(sorted({Path(path).name for _, path in changes if Path(path).exists()})) or "a file"
                print(f"Changed: {names}: building again", flush=True)
                ok = build(content, settings[0], output)
                print(f"{'Built' if ok else 'The build failed: the previous site is still served'}: {base_url}/",
                      flush=True)
        except KeyboardInterrupt:
            pass
    return 0
