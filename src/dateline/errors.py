"""Named failures and the exit codes the CLI maps them to.

Library code raises these and never prints or exits; the CLI turns them into one line and a documented exit code.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INPUT_FAILED = 1  # some input could not be read; everything valid was stored
EXIT_USAGE = 2  # bad arguments or options
EXIT_STORE = 3  # the store could not be opened or written


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""

    exit_code = EXIT_INPUT_FAILED


class UnreadableInput(DatelineError):
    """One input (file, record, feed entry) cannot be read; the run goes on without it."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem

    def __reduce__(self):  # picklable, so Spark tasks can hand failures back to the driver
        return (type(self), (self.where, self.problem))


class UnknownFormat(UnreadableInput):
    """The input's format could not be recognised."""


class UsageError(DatelineError):
    exit_code = EXIT_USAGE


class StoreError(DatelineError):
    exit_code = EXIT_STORE


class ModelMissing(DatelineError):
    exit_code = EXIT_STORE
