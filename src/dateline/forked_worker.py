"""A child process that runs tasks for a pool worker and is replaced, from the same small template, every N tasks.

Why: a worker's spaCy vocabulary keeps every new string it meets, so on an endless stream it must be replaced now and
then. `multiprocessing.Pool(maxtasksperchild=...)` replaces it with a fresh fork of the parent, but by then the parent
holds the run's stories and store cache, and each new fork copied a growing share of it (copy-on-write): on a
50,000-article run, re-forked workers held 260-340 MB of private memory each against about 150 MB for the first ones.
Here each pool worker is a template that never analyses anything: it forks the child that does, and forks the next one
when that child retires. Every child therefore starts from the parent as it was when the pool started. The price is
one more pickling hop per task (articles in, records out), small next to parsing them.
"""

from __future__ import annotations

import gc
import os
import pickle
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe
from typing import Any


class ChildDied(RuntimeError):
    """The child process running a task exited without answering (killed, out of memory, crashed)."""


class ForkedWorker:
    """Runs `task(argument)` in a forked child; the child is replaced after `tasks_per_child` tasks."""

    def __init__(self, task: Callable[[Any], Any], tasks_per_child: int):
        if tasks_per_child < 1:
            raise ValueError("tasks_per_child must be at least 1")
        self.task = task
        self.tasks_per_child = tasks_per_child
        self.children_started = 0
        self._conn: Connection | None = None
        self._pid: int | None = None
        self._done = 0

    def run(self, argument: Any) -> Any:
        if not hasattr(os, "fork"):  # no fork (Windows): run here, the pool's own recycling still applies
            return self.task(argument)
        if self._conn is None or self._done >= self.tasks_per_child:
            self._replace_child()
        assert self._conn is not None
        try:
            self._conn.send(argument)
            ok, payload = self._conn.recv()
        except (EOFError, OSError) as error:
            status = self._reap()
            raise ChildDied(f"analysis process exited without an answer (wait status {status})") from error
        self._done += 1
        if not ok:
            raise payload
        return payload

    def close(self) -> None:
        """Let the child finish and exit (it sees the end of its pipe), then collect it."""
        self._reap()

    def _replace_child(self) -> None:
        self._reap()
        ours, theirs = Pipe()
        pid = os.fork()
        if pid == 0:  # the child: serve until the template closes its end, never return into the caller's code
            ours.close()
            _serve(self.task, theirs)
        theirs.close()
        self._conn, self._pid, self._done = ours, pid, 0
        self.children_started += 1

    def _reap(self) -> int | None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        status = None
        if self._pid is not None:
            _, status = os.waitpid(self._pid, 0)
            self._pid = None
        return status


def _serve(task: Callable[[Any], Any], conn: Connection) -> None:
    gc.freeze()  # what the template holds stays shared: the collector never visits (and so never copies) it
    code = 0
    try:
        while True:
            try:
                argument = conn.recv()
            except EOFError:
                break
            try:
                answer = (True, task(argument))
            except Exception as error:  # noqa: BLE001 - every failure goes back to the caller, with its type if it can
                answer = (False, _picklable(error))
            conn.send(answer)
    except BaseException:  # noqa: BLE001 - a broken pipe or a signal: the template reports the missing answer
        code = 1
    finally:
        os._exit(code)


def _picklable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001
        return RuntimeError("".join(traceback.format_exception(error)).strip())
