"""konsulta_content.workers: a build's work shared with another process through the standard library's
process pool. Results come back in order whichever process made them, errors come back as they were
raised, and what the other process has not started is done here. No test waits on a clock: each
orders the two processes with an event, or waits for a result. (The demo built with and without the
pool is compared byte for byte in test_quality_gates.py.)"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import wait
from pathlib import Path

import pytest
from conftest import DEMO, ROOT
from konsulta_content import loading
from konsulta_content.config import load_config
from konsulta_content.workers import Workers, batches_of, usable_cpus
from pelican.settings import read_settings

from workers_jobs import where

PID = os.getpid()
needs_two_cpus = pytest.mark.skipif(usable_cpus() < 2, reason="a pool needs a second CPU")


@pytest.fixture
def pool():
    workers = Workers(2)
    workers.start()
    yield workers
    workers.close()


def test_one_process_does_every_batch_here_in_order():
    workers = Workers(1)
    workers.start()
    assert not workers.started
    shared = workers.share(where, [(n, PID) for n in range(5)])
    assert shared.results() == [(n, True) for n in range(5)]
    assert workers.done_elsewhere == 0


@needs_two_cpus
def test_a_batch_the_other_process_did_comes_back_in_its_place(pool):
    shared = pool.share(where, [(n, PID) for n in range(6)])
    wait([shared.futures[0]])  # the other process has done the first batch
    results = shared.results()
    assert [number for number, _ in results] == list(range(6))
    assert results[0] == (0, False)
    assert pool.done_elsewhere >= 1


@needs_two_cpus
def test_batches_the_other_process_has_not_started_are_done_here_from_the_last(pool):
    with multiprocessing.Manager() as manager:
        event = manager.Event()
        # The other process is held on the first batch until this process reaches the last one.
        batches = [(0, PID, event, "block"), *((n, PID) for n in range(1, 9)), (9, PID, event, "release")]
        shared = pool.share(where, batches)
        results = shared.results()
    assert [number for number, _ in results] == list(range(10))
    assert results[0] == (0, False) and results[9] == (9, True)
    assert shared.taken_back >= 1
    assert shared.taken_back + pool.done_elsewhere == 10


@needs_two_cpus
@pytest.mark.parametrize("role, error, message", [
    ("fail", ValueError, "batch 0: feed entry without a date"),
    ("exit", SystemExit, "batch 0: broken"),
])
def test_an_error_in_the_other_process_is_raised_here_as_it_was(pool, role, error, message):
    shared = pool.share(where, [(0, PID, None, role)])
    wait([shared.futures[0]])
    assert shared.futures[0].exception() is not None, "the other process did not take the batch"
    with pytest.raises(error, match=message):
        shared.results()


@needs_two_cpus
def test_a_batch_whose_process_died_is_done_here(pool):
    shared = pool.share(where, [(0, PID, None, "die")])
    wait([shared.futures[0]])
    assert shared.results() == [(0, True)]


def test_a_closed_pool_leaves_the_work_here():
    workers = Workers(2)
    workers.start()
    workers.close()
    workers.close()  # idempotent
    assert workers.share(where, [(0, PID)]).results() == [(0, True)]


def test_batches_cut_items_in_order():
    assert batches_of(list(range(7)), 3) == [([0, 1, 2],), ([3, 4, 5],), ([6],)]
    assert batches_of([], 3) == []


@needs_two_cpus
def test_documents_read_in_two_processes_are_those_read_in_one(pool):
    content = DEMO
    config = load_config(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)}))
    paths = sorted(str(p) for p in content.rglob("*.md"))
    one = loading.read_many(paths, Path(content), config)
    two = loading.read_many(paths, Path(content), config, pool)
    assert list(one) == paths and list(two) == paths
    assert all(one[p] == two[p] for p in paths)
