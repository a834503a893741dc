"""A failed build leaves the previous output untouched, byte for byte, with the standard pelican command."""

from __future__ import annotations

import hashlib
import shutil

from conftest import SITES, build
from hostile import pelican_cli, problem_lines


def _fingerprint(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_keeps_the_previous_site_and_a_good_one_replaces_it(tmp_path):
    content = shutil.copytree(SITES / "minimal", tmp_path / "content")
    output = tmp_path / "output"
    first = pelican_cli(content, output, cwd=tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    published = _fingerprint(output)
    assert len(published) > 100

    draft = content / "en" / "parking-rules.md"
    draft.write_text(draft.read_text("utf-8").replace("closes: 2026-12-15", "closes: 2026-12-51"), encoding="utf-8")
    failed = pelican_cli(content, output, cwd=tmp_path)
    assert failed.returncode != 0
    assert problem_lines(failed) == ['content/en/parking-rules.md:10: consultation.closes: "2026-12-51" is not a date '
                                     '(YYYY-MM-DD)']
    assert _fingerprint(output) == published
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]  # no staging folder left

    draft.write_text(draft.read_text("utf-8").replace("title: Draft parking rules", "title: Draft parking rules, revised")
                     .replace("closes: 2026-12-51", "closes: 2026-12-15"), encoding="utf-8")
    fixed = pelican_cli(content, output, cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert "Draft parking rules, revised" in (output / "en" / "parking-rules" / "index.html").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_a_staging_folder_left_by_a_crash_is_replaced_and_retained_files_stay(tmp_path):
    output = tmp_path / "output"
    leftover = tmp_path / "output.konsulta-staging"
    leftover.mkdir()
    (leftover / "half-written.html").write_text("<p>half", encoding="utf-8")
    (output / ".git").mkdir(parents=True)
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (output / "stale.html").write_text("<p>from an older build", encoding="utf-8")
    build(SITES / "minimal", output, OUTPUT_RETENTION=[".git"])
    assert (output / ".git" / "HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"
    assert not (output / "stale.html").exists() and not (output / "half-written.html").exists()
    assert (output / "en" / "parking-rules" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_without_deleting_the_output_the_build_writes_in_place(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "kept.txt").write_text("kept", encoding="utf-8")
    build(SITES / "minimal", output, DELETE_OUTPUT_DIRECTORY=False)
    assert (output / "kept.txt").read_text("utf-8") == "kept"
    assert (output / "en" / "parking-rules" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
