"""Reading a store in a forked process, beside the process that goes on: `Store.read_apart`.

SQLite forbids using, in a forked process, a connection made before the fork. The forked
process therefore opens a store of its own, collects no garbage (which could close a
connection it inherited), and leaves with `os._exit`: it never closes, nor checkpoints
through, what it inherited. Its answers come back pickled through a pipe, one frame each,
which a thread of the waiting process empties as they come (so that the forked process never
waits for the other to read).
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import suppress
from typing import Any, TypeVar

from .errors import StoreUnavailable

T = TypeVar("T")

# A frame's kind: a yielded answer, the error raised, or the end of the answers.
ANSWER, ERROR, END = "answer", "error", "end"
READER = "mxt-apart"  # the thread that empties a forked process's pipe into its queue


def alone() -> bool:
    """Whether no thread of this process runs but the calling one (and the readers of earlier
    forks' pipes, which touch no database): only then is a reader of a store forked.

    A thread that is inside SQLite at the moment of a fork (waiting for a lock on the same
    file, say) may hold one of SQLite's mutexes of this process (those of the file's
    locks); the forked process inherits it held by a thread it does not have, and its own
    connection to the file waits for it forever. (mxt's commands run one thread; a program
    that opens stores from several threads reads in its own process instead.)"""
    current = threading.current_thread()
    return all(thread is current or thread.name == READER for thread in threading.enumerate())


def read_forked(
    open_store: Callable[[], Any], reading: Callable[[Any], Iterator[T]], shown: str
) -> Generator[T, None, None]:
    """Forks a process that runs the generator `reading` on a read transaction of the
    store `open_store()` opens; answers what it yields, in order, and raises what it
    raises. Closing the answers early (or a failure here) ends the process."""
    readable, writable = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        raise
    if child == 0:  # pragma: no cover  (the forked process: coverage cannot follow it)
        os.close(readable)
        _serve(lambda: _read(open_store, reading), writable)
    os.close(writable)
    frames: queue.Queue[bytes | None] = queue.Queue()
    reader = threading.Thread(target=_drain, args=(readable, frames), name=READER, daemon=True)
    reader.start()  # now, not when the answers are first asked for
    return _answers(child, reader, frames, shown)


def made_forked(
    making: Callable[[], Iterator[T]], ahead: int, shown: str
) -> Generator[T, None, None]:
    """What the generator `making()` yields, made in a forked process beside this one (which
    touches nothing of this process's stores): answers in order, raises what it raises. At
    most `ahead` answers wait here to be asked for: then the forked process waits, so that
    memory stays bounded however many it makes. Closing the answers early ends it."""
    readable, writable = os.pipe()
    child = os.fork()  # (an OSError: the caller makes them here instead)
    if child == 0:  # pragma: no cover  (the forked process: coverage cannot follow it)
        os.close(readable)
        _serve(making, writable)
    os.close(writable)
    frames: queue.Queue[bytes | None] = queue.Queue(maxsize=ahead)
    reader = threading.Thread(target=_drain, args=(readable, frames), name=READER, daemon=True)
    reader.start()
    return _answers(child, reader, frames, shown)


def _read(open_store: Callable[[], Any], reading: Callable[[Any], Iterator[T]]) -> Iterator[T]:
    """What `reading` yields on a read transaction of the store `open_store()` opens."""
    with open_store().read() as cursor:
        yield from reading(cursor)


def _serve(making: Callable[[], Iterator[Any]], writable: int) -> None:
    """The forked process: writes a frame per answer, then the error or the end; leaves."""
    import gc

    gc.disable()
    try:
        with os.fdopen(writable, "wb") as pipe:
            try:
                for answer in making():
                    _write(pipe, (ANSWER, answer))
                _write(pipe, (END, None))
            except BaseException as error:  # noqa: BLE001  (handed to the waiting process)
                try:
                    _write(pipe, (ERROR, error))
                except Exception:  # noqa: BLE001  (an error that does not pickle: its words do)
                    _write(pipe, (ERROR, StoreUnavailable(str(error))))
    finally:
        os._exit(0)


def _write(pipe: Any, frame: tuple[str, Any]) -> None:
    data = pickle.dumps(frame, pickle.HIGHEST_PROTOCOL)
    pipe.write(len(data).to_bytes(8, "big") + data)
    pipe.flush()


def _drain(readable: int, frames: queue.Queue[bytes | None]) -> None:
    """Moves each whole frame from the pipe to `frames` as it comes; None at the pipe's end
    (or at a frame cut short: the process ended while writing it)."""
    try:
        with os.fdopen(readable, "rb") as pipe:
            while len(head := pipe.read(8)) == 8:
                size = int.from_bytes(head, "big")
                if len(frame := pipe.read(size)) < size:
                    break
                frames.put(frame)
    finally:
        frames.put(None)


def _answers(
    child: int, reader: threading.Thread, frames: queue.Queue[bytes | None], shown: str
) -> Generator[Any, None, None]:
    """The forked process's answers, each unpickled when asked for; at the end (or when the
    answers are dropped) the process is ended if it still runs, and reaped."""
    ended = False
    try:
        while (frame := frames.get()) is not None:
            kind, value = pickle.loads(frame)
            if kind == ANSWER:
                yield value
                continue
            ended = True
            if kind == ERROR:
                raise value
            return
        raise StoreUnavailable(
            f"store: the process reading {shown} beside this one ended without an answer"
        )
    finally:
        if not ended:
            os.kill(child, signal.SIGKILL)
            while reader.is_alive():  # a full queue holds the reader back: empty it
                with suppress(queue.Empty):
                    frames.get(timeout=0.01)
        reader.join()
        os.waitpid(child, 0)
