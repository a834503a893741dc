"""Where this Konsulta was installed from, as a pip requirement a site installs the same engine with.

pip records it in the installed distribution (PEP 610, ``direct_url.json``): nothing for a release
from an index (PyPI), a git URL and commit, an archive (a wheel file) with its hash, or a local folder.
A git or folder requirement cannot carry a hash, so a site installs the engine with ``--no-deps``
after its hashed dependency lock.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

NAME = "konsulta"


@dataclass(frozen=True)
class EngineSource:
    requirement: str  # one line of a requirements file
    origin: str       # where it came from, in words
    portable: bool    # whether another computer (a CI runner) can install it from there


def engine_source(distribution: metadata.Distribution | None = None) -> EngineSource:
    """The installed Konsulta's source (``distribution``: another installed copy, for tests)."""
    distribution = distribution or metadata.distribution(NAME)
    version = distribution.version
    recorded = distribution.read_text("direct_url.json")
    if not recorded:
        return EngineSource(f"{NAME}=={version}", f"release {version} from a package index", True)
    direct = json.loads(recorded)
    url = direct["url"]
    fragment = f"#subdirectory={direct['subdirectory']}" if direct.get("subdirectory") else ""
    if "vcs_info" in direct:
        vcs = direct["vcs_info"]
        commit = vcs["commit_id"]
        return EngineSource(f"{NAME} @ {vcs['vcs']}+{url}@{commit}{fragment}",
                            f"{vcs['vcs']} {url} at commit {commit}", True)
    local = url.startswith("file:")
    if "archive_info" in direct:
        digest = _archive_hash(direct["archive_info"], url)
        hashed = f" --hash={digest}" if digest else ""
        return EngineSource(f"{NAME} @ {url}{hashed}", f"the file {_shown(url)}", not local)
    editable = " (an editable install)" if direct.get("dir_info", {}).get("editable") else ""
    return EngineSource(f"{NAME} @ {url}{fragment}", f"the folder {_shown(url)}{editable}", not local)


def _archive_hash(info: dict, url: str) -> str | None:
    """'sha256:…' of the archive: as pip recorded it, else (a local file pip recorded no hash for) computed."""
    hashes = info.get("hashes") or {}
    if "sha256" in hashes:
        return f"sha256:{hashes['sha256']}"
    if info.get("hash", "").startswith("sha256="):
        return "sha256:" + info["hash"].removeprefix("sha256=")
    path = Path(unquote(urlsplit(url).path))
    if url.startswith("file:") and path.is_file():
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return None


def _shown(url: str) -> str:
    return unquote(urlsplit(url).path) if url.startswith("file:") else url
