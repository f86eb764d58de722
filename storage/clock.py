"""The clock that stamps records, and the one spelling of a stamp.

"Now" is this machine's clock, or a PostgreSQL store's server's (`server_clock`): one clock
for every writer of a shared log. A record is never stamped before the log's last one
(`Store._next_recorded_at`), and a clock behind the log by more than `CLOCK_TOLERANCE` is
warned of (`ClockBehind`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

CLOCK_TOLERANCE = timedelta(minutes=1)  # a writer's clock this far behind the log is warned of
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


def format_timestamp(moment: datetime) -> str:
    """The one spelling of a UTC instant that sorts as text: `2025-07-01T09:30:00.000000Z`
    (years below 1000 keep their four digits: `0001-01-01T...`)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def stamp_text(stored: str) -> str:
    """A stored event's `timestamp` (pydantic's JSON spelling) in the sortable spelling."""
    if len(stored) == 27 and stored[-1] == "Z":  # 2025-07-01T09:30:00.123456Z already
        return stored
    return format_timestamp(datetime.fromisoformat(stored.replace("Z", "+00:00")))


def parse_timestamp(text: str) -> datetime:
    """A stored `recorded_at` (`2025-07-01T09:30:00.000000Z`) as an aware datetime.

    (`fromisoformat`, not `strptime`: the first `strptime` of a process costs milliseconds,
    which `mxt record` would pay on every run.)"""
    if not text.endswith("Z"):
        raise ValueError(f"{text!r} is not a recorded_at (YYYY-MM-DDTHH:MM:SS.ffffffZ)")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


def server_clock(cursor: Any) -> datetime:
    """The PostgreSQL server's clock, now (not when the transaction began: a writer may have
    waited for the write lock), in UTC."""
    cursor.execute("SELECT clock_timestamp()")
    now: datetime = cursor.fetchone()[0]
    return now.astimezone(UTC)


def now_on(cursor: Any, on_server: bool) -> tuple[datetime, str]:
    """Now, by the clock that stamps records (the database server's, `on_server`, or this
    machine's), and whose clock that is."""
    if on_server:
        return server_clock(cursor), "the database server's clock"
    return datetime.now(UTC), "this machine's clock"


class ClockBehind(UserWarning):
    """The clock that stamps records (`whose`: this machine's, or the database server's) is
    behind the log's last `recorded_at`: the record was stamped after the log's last one
    instead of at the clock's time."""

    def __init__(self, last: datetime, now: datetime, whose: str = "this machine's clock") -> None:
        self.last, self.now = last, now
        super().__init__(
            f"clock: {whose} ({format_timestamp(now)}) is behind the log's last "
            f"recorded_at ({format_timestamp(last)}); recorded at the log's time, not before it"
        )


def stamp_problem(recorded_at: Any, previous: str | None) -> str | None:
    """What is wrong with a chain entry's `recorded_at` after the entry before it stamped
    `previous` (None: nothing): it must be a timestamp in mxt's spelling, and never earlier
    than the one before (recorded_at follows the log; a backdated append breaks the
    "known at T is a prefix of the log" rule that --known-at answers rely on)."""
    if not isinstance(recorded_at, str) or not STAMP.fullmatch(recorded_at):
        return f"recorded_at {str(recorded_at)[:40]!r} is not a timestamp"
    try:
        datetime.fromisoformat(recorded_at[:-1])
    except ValueError:
        return f"recorded_at {recorded_at!r} is not a timestamp"
    if previous is not None and recorded_at < previous:
        return f"recorded_at {recorded_at} goes back before the entry before it ({previous})"
    return None
