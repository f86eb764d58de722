"""A second process for `mxt report` (forked): while the first gathers the companies, it
draws their charts (half of a report's work, needing nothing but each company's own data),
then answers the market matrix (`ReadSide.market_statuses`) from a connection of its own.
Where a process cannot be forked, or it ends before its work is done, the first process does
what is left itself: the page is the same either way. Nor is one forked while another thread of
the program runs (`storage.apart.alone`: it may hold a lock of SQLite's that the forked process
would wait for forever)."""

from __future__ import annotations

import multiprocessing
import queue
import signal
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from mxt.storage.apart import alone

if TYPE_CHECKING:
    from mxt.projections.questions.read_side import ReadSide
    from mxt.projections.questions.report import CompanyReport
    from mxt.projections.rules.state import Query

from .charts import Charts, Drawn, job_of

Statuses = dict[tuple[str, str, str], str]  # as `ReadSide.market_statuses` answers
Asked = Mapping[str, Sequence[str]]  # company key -> the markets of its matrix


class Aside:
    """The second process, used in a `with` block (stopped at its end, whatever happened):
    hand it each company as it is gathered (`give`), then ask it the market statuses
    (`statuses`) and the charts (`drawn`), which come back in the order given."""

    def __init__(self, read_side: ReadSide, query: Query, location: Any) -> None:
        self.read_side = read_side
        self.query = read_side.resolve(query)
        # the store, opened again by the second process for the statuses; None: asked here
        # (a read side replayed into temporary tables would be replayed again)
        self.location = location if read_side.replayed is None else None
        self._jobs: Connection | None = None  # None: no second process (any more)
        self._process: Any = None
        self._back: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._drawn: list[Drawn] = []  # the charts come back before the statuses
        self._ended = False  # the second process has sent its last message (or is gone)

    def __enter__(self) -> Aside:
        if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
            return self  # macOS's system libraries are not safe to use after a fork
        if not alone():
            return self  # another thread may be inside SQLite: see `alone`
        context = multiprocessing.get_context("fork")
        jobs_out, jobs_in = context.Pipe(duplex=False)
        back_out, back_in = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_aside, args=(jobs_out, jobs_in, back_in, back_out, self.query, self.location),
            name="mxt-report-aside", daemon=True,
        )  # fmt: skip
        self._process.start()
        jobs_out.close()
        back_in.close()
        self._jobs = jobs_in
        threading.Thread(target=self._collect, args=(back_out,), daemon=True).start()
        return self

    def give(self, company: CompanyReport) -> None:
        """Hands over one company, whose charts come next."""
        self._send("company", job_of(company))

    def _send(self, what: str, job: Any) -> bool:
        """Hands the second process some work; False when there is no second process (any
        more: one that ended early leaves what it has not done to this one)."""
        if self._jobs is None or self._ended:
            return False
        try:
            self._jobs.send((what, job))
        except OSError:  # it is gone: its charts so far are read, the rest drawn here
            self._jobs.close()
            self._jobs = None
            return False
        return True

    def statuses(self, asked: Asked) -> Statuses:
        """The market statuses of every company's models in its markets (`asked`), answered
        by the second process once it has drawn every chart (here, if it cannot)."""
        if self.location is not None and self._send("statuses", dict(asked)):
            while not self._ended:
                what, found = self._next()
                if what == "statuses":
                    return found
        return self.read_side.market_statuses(self.query, asked).data

    def drawn(self, companies: Sequence[CompanyReport]) -> Iterator[Drawn]:
        """The charts of `companies` (those given, in that order)."""
        self._send("end", None)
        while self._process is not None and not self._ended:
            self._next()
        charts = None
        for index, company in enumerate(companies):
            if index < len(self._drawn):
                yield self._drawn[index]
                continue
            charts = charts or Charts()  # the second process is gone: drawn here
            yield charts.both(job_of(company), self.query.as_of)

    def _next(self) -> tuple[str, Any]:
        """The second process's next message (charts are kept in order)."""
        what, found = self._back.get()
        if what == "drawn":
            self._drawn.append(found)
        elif what in ("end", "gone"):
            self._ended = True
        return what, found

    def _collect(self, back: Connection) -> None:
        """Reads the messages as they come, so that the second process never waits for the
        first, until it ends (`gone`: it ended without saying so)."""
        try:
            while True:
                self._back.put(back.recv())
        except Exception:  # noqa: BLE001 (ended, or a message that cannot be read: gone)
            self._back.put(("gone", None))
        finally:
            back.close()

    def __exit__(self, *_: object) -> None:
        if self._jobs is not None:
            self._jobs.close()  # the second process sees the end of its work and stops
            self._jobs = None
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()


def _aside(
    jobs: Connection,
    theirs: Connection,
    back: Connection,
    ours: Connection,
    query: Query,
    location: Any,
) -> None:
    """The second process: draws the charts of each company handed to it, in order; answers
    the market statuses when asked (from `location`, the store opened again); stops when
    told to, or when the first process is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the first process to answer
    theirs.close()  # the first process's ends: its end of `jobs` closed means no more work
    ours.close()
    charts = Charts()
    try:
        while True:
            what, job = jobs.recv()
            if what == "company":
                back.send(("drawn", charts.both(job, query.as_of)))
            elif what == "statuses":
                back.send(("statuses", _statuses(location, query, job)))
            else:
                back.send(("end", None))
                return
    except (EOFError, OSError):  # the first process is gone (ended, or stopped by a signal)
        return
    except Exception:  # noqa: BLE001
        return  # the first process does what is left, and meets the error itself


def _statuses(location: Any, query: Query, asked: Asked) -> Statuses:
    """`ReadSide.market_statuses` from a connection of this process's own."""
    from mxt.projections.opening import open_read_side

    read_side = open_read_side(location)
    try:
        return read_side.market_statuses(query, asked).data
    finally:
        read_side.close()
