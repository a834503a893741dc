"""konsulta_content.parallel: generators marked parallel_output write in a forked process; their state
comes back, their errors stop the build. (The demo built both ways is compared byte for byte in
test_quality_gates.py.)"""

from __future__ import annotations

import os

import pytest
from konsulta_content import parallel

FROM_CHILD = {}


class Pages:
    def __init__(self, log):
        self.log = log

    def generate_output(self, writer):
        self.log.append(("pages", os.getpid()))


class Feeds:
    parallel_output = True

    def __init__(self, fail=None):
        self.fail = fail

    def generate_output(self, writer):
        if self.fail == "exit":
            raise SystemExit("Konsulta found 1 problem in the content:\nfeeds: broken")
        if self.fail == "error":
            raise ValueError("feed entry without a date")
        FROM_CHILD["feeds"] = os.getpid()


@pytest.fixture(autouse=True)
def shared_state():
    if not parallel.can_fork():
        pytest.fail("this test process has threads: fork-based output cannot be tested here")
    FROM_CHILD.clear()
    parallel.bring_back("test", lambda: dict(FROM_CHILD), FROM_CHILD.update)
    yield
    parallel._shared.pop("test", None)


def test_parallel_generator_writes_in_another_process_and_its_state_comes_back():
    log = []
    pages, feeds = Pages(log), Feeds()
    assert parallel.split_output([pages, feeds], 2)
    feeds.generate_output(None)  # Pelican's loop calls it after the pages: now a no-op here
    pages.generate_output(None)
    assert FROM_CHILD == {}
    parallel.join()
    assert log == [("pages", os.getpid())]
    assert FROM_CHILD["feeds"] != os.getpid()


def test_one_process_setting_keeps_everything_here():
    pages, feeds = Pages([]), Feeds()
    assert not parallel.split_output([pages, feeds], 1)
    feeds.generate_output(None)
    assert FROM_CHILD == {"feeds": os.getpid()}


def test_content_error_in_the_output_process_stops_the_build_with_its_message():
    pages, feeds = Pages([]), Feeds(fail="exit")
    parallel.split_output([pages, feeds], 2)
    pages.generate_output(None)
    with pytest.raises(SystemExit, match="feeds: broken"):
        parallel.join()


def test_crash_in_the_output_process_is_reported_with_its_traceback():
    pages, feeds = Pages([]), Feeds(fail="error")
    parallel.split_output([pages, feeds], 2)
    pages.generate_output(None)
    with pytest.raises(RuntimeError, match="ValueError: feed entry without a date"):
        parallel.join()
    parallel.join()  # joined once: nothing left to wait for


class Job:
    """A parallel generator that records where it wrote; ``seconds`` keeps its process busy that long."""

    parallel_output = True

    def __init__(self, name, seconds=0.0, cost=None):
        self.name, self.seconds = name, seconds
        if cost is not None:
            self.output_cost = cost

    def generate_output(self, writer):
        import time

        time.sleep(self.seconds)
        FROM_CHILD[self.name] = os.getpid()


def test_this_process_writes_the_jobs_left_once_its_pages_are_written():
    slow, second, third = Job("slow", seconds=0.5), Job("second"), Job("third")
    pages = Pages([])
    parallel.split_output([pages, slow, second, third], 2)
    helped = parallel.helped["jobs"]
    pages.generate_output(None)
    parallel.join()  # the forked process is still on its first job: this one takes the others
    assert FROM_CHILD["slow"] != os.getpid()
    assert FROM_CHILD["second"] == FROM_CHILD["third"] == os.getpid()
    assert parallel.helped["jobs"] == helped + 2


def test_the_forked_process_starts_with_the_costliest_job():
    cheap, costly = Job("cheap", seconds=0.3), Job("costly", seconds=0.3, cost=4)
    pages = Pages([])
    parallel.split_output([pages, cheap, costly], 2)
    pages.generate_output(None)
    parallel.join()
    assert FROM_CHILD["costly"] != os.getpid()
    assert FROM_CHILD["cheap"] == os.getpid()


def test_when_the_forked_process_is_quicker_it_writes_every_job():
    first, second = Job("first"), Job("second")
    pages = Pages([])
    parallel.split_output([pages, first, second], 2)
    pages.generate_output(None)
    import time

    time.sleep(0.5)  # the pages take longer than the forked process's two quick jobs
    parallel.join()
    assert FROM_CHILD["first"] != os.getpid() and FROM_CHILD["second"] != os.getpid()


class Languages:
    """A parallel generator whose writing is one job per language (output_jobs), as feeds and search are."""

    parallel_output = True
    output_cost = 4

    def __init__(self, seconds):
        self.seconds = seconds

    def output_jobs(self, writer):
        def write(lang):
            import time

            time.sleep(self.seconds[lang])
            FROM_CHILD[lang] = os.getpid()

        return [lambda lang=lang: write(lang) for lang in self.seconds]

    def generate_output(self, writer):
        for job in self.output_jobs(writer):
            job()


def test_a_generators_jobs_are_shared_between_the_processes():
    languages = Languages({"tr": 0.5, "ro": 0.0, "sq": 0.0, "en": 0.0})
    pages = Pages([])
    parallel.split_output([pages, languages], 2)
    pages.generate_output(None)
    parallel.join()  # the forked process is on "tr": this one writes the other languages
    assert FROM_CHILD["tr"] != os.getpid()
    assert FROM_CHILD["ro"] == FROM_CHILD["sq"] == FROM_CHILD["en"] == os.getpid()


def test_a_generator_with_no_jobs_leaves_nothing_to_do():
    languages, pages = Languages({}), Pages([])
    assert parallel.split_output([pages, languages], 2)
    pages.generate_output(None)
    parallel.join()
    assert FROM_CHILD == {}


@pytest.mark.parametrize("value", [0, 3, "2", True])
def test_build_processes_setting_is_checked(value):
    from konsulta_content.config import ConfigError, load_config

    with pytest.raises(ConfigError, match=r"KONSULTA\['build_processes'\]: give 1 .* or 2"):
        load_config({"KONSULTA": {"languages": ["en"], "build_processes": value}, "DEFAULT_LANG": "en",
                     "TIMEZONE": "Europe/Istanbul"})


def test_documents_read_in_two_processes_are_those_read_in_one(monkeypatch):
    from pathlib import Path

    from conftest import DEMO, ROOT
    from konsulta_content import loading
    from konsulta_content.config import load_config
    from pelican.settings import read_settings

    content = DEMO
    config = load_config(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)}))
    paths = sorted(str(p) for p in content.rglob("*.md"))
    assert len(paths) >= loading.PARALLEL_FROM
    one = loading.read_many(paths, Path(content), config, 1)
    forks, real_run_forked = [], parallel.run_forked
    monkeypatch.setattr(parallel, "run_forked", lambda work: forks.append(1) or real_run_forked(work))
    two = loading.read_many(paths, Path(content), config, 2)
    assert forks == [1]
    assert list(one) == paths and sorted(two) == paths
    assert all(one[p] == two[p] for p in paths)


def test_a_reader_that_fails_has_its_documents_read_by_the_build_process(monkeypatch):
    from pathlib import Path

    from conftest import DEMO, ROOT
    from konsulta_content import loading
    from konsulta_content.config import load_config
    from pelican.settings import read_settings

    content = DEMO
    config = load_config(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)}))
    paths = sorted(str(p) for p in content.rglob("*.md"))
    real_run_forked = parallel.run_forked

    def failing(work):
        def crash():
            raise MemoryError("a reader ran out of memory")
        return real_run_forked(crash)
    monkeypatch.setattr(parallel, "run_forked", failing)
    found = loading.read_many(paths, Path(content), config, 2)
    assert sorted(found) == paths
    assert not any(isinstance(doc, loading.ReadFailure) for doc in found.values())


def test_a_process_that_dies_holding_the_claims_lock_does_not_hang_the_other():
    import fcntl
    import signal

    claims = parallel._Claims(2)
    pid = os.fork()
    if pid == 0:  # takes the lock and dies without giving it back
        fcntl.lockf(claims._lock, fcntl.LOCK_EX)
        os._exit(0)
    os.waitpid(pid, 0)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("waited for a lock held by a dead process"))
    signal.alarm(5)
    try:
        assert claims.first() == 0
        assert claims.last() == 1
        assert claims.first() is None
    finally:
        signal.alarm(0)
        claims.close()
