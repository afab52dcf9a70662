"""A forked process that sends its results back through a pipe: the build's second core.

The caller checks that forking is safe (hooks.data.library.can_fork). The child inherits everything
in memory, so only the results cross the pipe.
"""
from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess


def start_in_fork(send: Callable[[Connection], None]) -> tuple[Connection, BaseProcess]:
    """Run send(sender) in a forked process; return the receiving end and the process. If send
    fails, the pipe just ends early: the caller sees EOFError and does the rest itself, so the
    error is raised there, as without the fork."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # the child flushes inherited buffers when it ends: nothing printed twice
    process = context.Process(target=_run, args=(send, sender), daemon=True)
    process.start()
    sender.close()
    return receiver, process


def _run(send: Callable[[Connection], None], sender: Connection) -> None:
    try:
        send(sender)
    except BaseException:  # noqa: BLE001 - reported by the parent, which does the work itself
        pass
    finally:
        sender.close()
