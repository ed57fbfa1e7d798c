"""A task runner whose child process is replaced, always from the same template, every N tasks."""

from __future__ import annotations

import os

import pytest

from dateline.forked_worker import ChildDied, ForkedWorker

_seen: list[int] = []  # grows in a child; a fresh child forked from the template starts without it


def _remember(value):
    _seen.append(value)
    return os.getpid(), list(_seen)


def _fail(kind):
    if kind == "value":
        raise ValueError("bad article")
    if kind == "unpicklable":
        error = RuntimeError("carries a lock")
        error.lock = __import__("threading").Lock()
        raise error
    if kind == "die":
        os._exit(3)
    return kind


def test_forked_worker_runs_in_a_child_replaced_every_n_tasks():
    worker = ForkedWorker(_remember, tasks_per_child=2)
    try:
        answers = [worker.run(i) for i in range(5)]
    finally:
        worker.close()
    pids = [pid for pid, _ in answers]
    assert os.getpid() not in pids
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
    # each child starts from the template's state, not from what the previous child accumulated
    assert [seen for _, seen in answers] == [[0], [0, 1], [2], [2, 3], [4]]
    assert _seen == [] and worker.children_started == 3


def test_forked_worker_errors_reach_the_caller_and_the_worker_goes_on():
    worker = ForkedWorker(_fail, tasks_per_child=10)
    try:
        with pytest.raises(ValueError, match="bad article"):
            worker.run("value")
        with pytest.raises(RuntimeError, match="carries a lock"):
            worker.run("unpicklable")
        with pytest.raises(ChildDied, match="wait status"):
            worker.run("die")
        assert worker.run("fine") == "fine"  # a new child replaced the dead one
        assert worker.children_started == 2
    finally:
        worker.close()


def test_forked_worker_rejects_a_zero_lifetime():
    with pytest.raises(ValueError):
        ForkedWorker(_remember, tasks_per_child=0)
