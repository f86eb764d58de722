"""Issue 9: the store is never made, written or hidden by mistake (demo, URLs, missing paths,
`--store` placement, clocks, PostgreSQL failures)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import import_seed, invoke

from mxt.cli.demo import seed_path
from mxt.storage import clock as clock_module
from mxt.storage import location as location_module
from mxt.storage import postgres as postgres_module

from backends import (
    SERVER,
    count_events,
    is_postgres,
    postgres_database,
    seed_events,
    sql,
    store_location,
)

STATEMENT = ["statement", "--company", "Xiaomi", "--announced-on", "2025-07-01", "--source",
             "Weibo", "--topic", "hiring"]  # fmt: skip


# -- 1. the demo never writes into the user's store ------------------------------------------


def test_demo_never_writes_into_the_group_store_or_mxt_store(store_location: str) -> None:
    assert invoke("--store", store_location, "demo").exit_code == 0
    assert invoke("demo", env={"MXT_STORE": store_location}).exit_code == 0
    assert count_events(store_location) == 0
    if not store_location.startswith("postgresql://"):
        assert not Path(store_location).exists()


def test_demo_store_must_be_new_or_empty(store_location: str) -> None:
    first = invoke("demo", "--store", store_location)
    assert first.exit_code == 0, first.output
    assert count_events(store_location) == seed_events()
    again = invoke("demo", "--store", store_location)
    assert again.exit_code == 2
    assert "already holds events" in again.stderr
    assert count_events(store_location) == seed_events()


# -- 3. store URLs: a typo is bad input, never a file ----------------------------------------


@pytest.mark.parametrize(
    "value", ["", "   ", "mysql://db/x", "postgressql://db/x", "HTTP://x/y", "postgresql://"]
)
def test_a_store_value_that_is_no_path_and_no_postgres_url_is_bad_input(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["log"], ["record", *STATEMENT, "--text", "x"]):
        result = invoke("--store", value, *command)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("mxt: error: store:")
    assert list(tmp_path.iterdir()) == []


def test_postgres_schemes_are_matched_in_any_case(tmp_path: Path) -> None:
    def read(value: str) -> tuple[str, bool]:
        where = location_module.parse_location(value)
        return where.text, where.is_postgres

    assert read("POSTGRESQL://u@h/db") == ("postgresql://u@h/db", True)
    assert read("Postgres://u@h/db") == ("postgresql://u@h/db", True)
    assert read(str(tmp_path / "a.sqlite"))[1] is False


# -- 4. reads create nothing -----------------------------------------------------------------


READS = [
    ["verify"], ["log"], ["state", "model", "Xiaomi/YU7"], ["state", "market", "DE"],
    ["state", "company", "Xiaomi"], ["audit", "targets"], ["show", "x"], ["export"],
    ["diff", "--from", "2025-01-01"], ["rebuild"], ["copy", "--to", "other.sqlite"],
    ["correct", "x", "--set", "note=a", "--reason", "r"], ["retract", "x", "--reason", "r"],
]  # fmt: skip


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c[:2]))
def test_a_read_on_a_missing_store_exits_1_and_creates_nothing(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("--store", "typo/s.sqlite", *command)
    assert result.exit_code == 1, result.output
    assert "no store at typo/s.sqlite" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c[:2]))
def test_a_read_of_a_file_holding_no_log_exits_1_and_writes_nothing(
    command: list[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    result = invoke("--store", str(empty), *command)
    assert result.exit_code == 1, result.output
    assert "holds no mxt log" in result.stderr
    assert empty.read_bytes() == b""


def test_record_and_import_create_the_store_and_its_folder(tmp_path: Path) -> None:
    location = tmp_path / "new" / "folder" / "s.sqlite"
    assert invoke("--store", str(location), "record", *STATEMENT, "--text", "x").exit_code == 0
    assert count_events(location) == 1


def test_the_default_store_is_in_the_platform_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert location_module.default_store_path() == tmp_path / "data" / "mxt" / "mxt.sqlite"
    monkeypatch.delenv("MXT_STORE", raising=False)
    assert invoke("log").exit_code == 1  # nothing there yet, and a read makes nothing
    assert not (tmp_path / "data").exists()
    assert invoke("record", *STATEMENT, "--text", "x").exit_code == 0
    assert count_events(tmp_path / "data" / "mxt" / "mxt.sqlite") == 1


# -- issue 13, item 2: --store after the command name ----------------------------------------


def test_store_is_accepted_after_the_command_name(store_location: str, tmp_path: Path) -> None:
    import_seed(store_location)
    after = invoke("state", "model", "Xiaomi/YU7", "--as-of", "2025-07-01", "--json",
                "--store", store_location)  # fmt: skip
    before = invoke("--store", store_location, "state", "model", "Xiaomi/YU7", "--as-of",
                 "2025-07-01", "--json")  # fmt: skip
    assert after.exit_code == 0, after.output
    assert json.loads(after.stdout)["orders"] == json.loads(before.stdout)["orders"]
    by_env = invoke("log", "--kind", "target", env={"MXT_STORE": store_location})
    assert "xiaomi-2025-target-350k" in by_env.stdout
    wins = invoke("--store", str(tmp_path / "none.sqlite"), "log", "--store", store_location)
    assert wins.exit_code == 0 and "xiaomi-2025-target-350k" in wins.stdout


def test_store_is_accepted_after_a_record_kind(store_location: str) -> None:
    import_seed(store_location)
    recorded = invoke("record", *STATEMENT, "--text", "after the kind", "--store", store_location)
    assert recorded.exit_code == 0, recorded.output
    assert (
        "after the kind" in invoke("--store", store_location, "log", "--kind", "statement").stdout
    )
    corrected = invoke("correct", "xiaomi-yu7-wait-12m", "--set", "max_months=11", "--reason", "r",
                    "--store", store_location)  # fmt: skip
    assert corrected.exit_code == 0, corrected.output


# -- 2. clocks ---------------------------------------------------------------------------------


class FastClock(datetime):
    """A machine whose clock is three years ahead."""

    @classmethod
    def now(cls, tz: Any = None) -> Any:
        return datetime.now(tz) + timedelta(days=3 * 365)


def stamp_ahead(patch: pytest.MonkeyPatch) -> None:
    """Makes the clock that stamps records three years ahead: this machine's, and a
    PostgreSQL store's server's (which stamps there)."""
    patch.setattr(clock_module, "datetime", FastClock)
    patch.setattr(clock_module, "server_clock", lambda cursor: FastClock.now(UTC))


def test_a_clock_that_was_ahead_hides_nothing_and_is_reported(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as fast:
        stamp_ahead(fast)
        ahead = invoke("--store", store_location, "record", *STATEMENT, "--text", "from the future")
        assert ahead.exit_code == 0, ahead.output
    with pytest.warns(clock_module.ClockBehind):
        later = invoke("--store", store_location, "record", *STATEMENT, "--text", "from today")
    assert later.exit_code == 0, later.output
    log = invoke("--store", store_location, "log", "--json")
    assert {entry["text"] for entry in json.loads(log.stdout)} == {
        "from the future", "from today"
    }  # fmt: skip
    shown = invoke("--store", store_location, "show", later.stdout.strip(), "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["text"] == "from today"
    verify = invoke("--store", store_location, "verify")
    assert verify.exit_code == 0
    assert "2 events are stamped later than this machine's clock" in verify.stderr
    stamps = [row[0] for row in sql(store_location, "SELECT recorded_at FROM mxt_chain")]
    assert stamps == sorted(stamps)  # recorded_at never goes backwards


def test_a_writer_behind_the_log_warns_naming_both_times(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as fast:
        stamp_ahead(fast)
        assert invoke("--store", store_location, "record", *STATEMENT, "--text", "a").exit_code == 0
    with pytest.warns(clock_module.ClockBehind) as caught:
        assert invoke("--store", store_location, "record", *STATEMENT, "--text", "b").exit_code == 0
    message = str(caught[0].message)
    [(last,)] = sql(store_location, "SELECT MIN(recorded_at) FROM mxt_chain")
    clock = "the database server's" if is_postgres(store_location) else "this machine's"
    assert last in message and f"{clock} clock (" in message


def test_the_installed_mxt_prints_the_clock_warning_on_stderr(tmp_path: Path) -> None:
    """The warning as a user sees it: one line on stderr from the real console script."""
    import subprocess
    import sys

    location = str(tmp_path / "s.sqlite")
    future = datetime.now(UTC) + timedelta(days=900)
    script = (
        "import sys, datetime as d\n"
        "from mxt.storage import clock\n"
        "class Fast(d.datetime):\n"
        "    @classmethod\n"
        f"    def now(cls, tz=None): return d.datetime.fromisoformat('{future.isoformat()}')\n"
        "clock.datetime = Fast\n"
        "from mxt.cli.main import main\n"
        "main(sys.argv[1:])\n"
    )
    args = ["--store", location, "record", *STATEMENT, "--text"]
    first = subprocess.run([sys.executable, "-c", script, *args, "a"], capture_output=True)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(["mxt", *args, "b"], capture_output=True, text=True)
    assert second.returncode == 0
    [warning] = second.stderr.splitlines()
    assert warning.startswith("mxt: warning: clock: this machine's clock (")
    assert future.strftime("%Y-%m-%dT%H:%M") in warning


def test_an_edited_chain_recorded_at_fails_verify(store_location: str) -> None:
    import_seed(store_location)
    sql(store_location, "UPDATE mxt_chain SET recorded_at=? WHERE position=3",
        "2020-01-01T00:00:00.000000Z")  # fmt: skip
    result = invoke("--store", store_location, "verify", "--json")
    assert result.exit_code == 1
    assert [d["position"] for d in json.loads(result.stdout)["damaged"]] == [3]


def test_known_at_before_recording_began_says_when_it_began(store_location: str) -> None:
    import_seed(store_location)
    result = invoke("--store", store_location, "state", "company", "Xiaomi", "--known-at",
                 "2001-01-01", "--json")  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)["targets"] == []
    [(began,)] = sql(store_location, "SELECT MIN(recorded_at) FROM mxt_chain")
    assert f"recording began at {began}" in result.stderr
    diff = invoke("--store", store_location, "diff", "--from", "2025-01-01", "--to", "2025-07-10",
               "--company", "Xiaomi", "--known-at", "2001-01-01")  # fmt: skip
    assert diff.exit_code == 0 and f"recording began at {began}" in diff.stderr


def test_known_at_year_one_keeps_four_digits(store_location: str) -> None:
    import_seed(store_location)
    result = invoke("--store", store_location, "state", "company", "Xiaomi", "--known-at",
                 "0001-01-01", "--json")  # fmt: skip
    assert json.loads(result.stdout)["known_at"].startswith("0001-01-01T")


# -- 11. PostgreSQL failures: fast, and named ------------------------------------------------


def _timed(*args: str) -> tuple[Result, float]:
    started = time.monotonic()
    result = invoke(*args)
    return result, time.monotonic() - started


def test_an_unreachable_postgres_fails_fast_naming_the_cause() -> None:
    pytest.importorskip("psycopg")
    refused, seconds = _timed("--store", "postgresql://mxt@127.0.0.1:1/mxt", "log")
    assert refused.exit_code == 1 and seconds < 5
    assert "connection refused" in refused.stderr and "Traceback" not in refused.output
    unknown, seconds = _timed("--store", "postgresql://mxt@no-such-host.invalid/mxt", "log")
    assert unknown.exit_code == 1 and seconds < 5
    assert "unknown host" in unknown.stderr


def test_a_postgres_login_that_fails_names_authentication() -> None:
    if not SERVER:
        pytest.skip("needs MXT_TEST_POSTGRES_URL")
    with postgres_database() as url:
        wrong = url.replace("postgresql://mxt@", "postgresql://nobody_here:pw@", 1)
        result, seconds = _timed("--store", wrong, "log")
    assert result.exit_code == 1 and seconds < 5
    assert "authentication failed" in result.stderr


def test_the_connect_timeout_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MXT_CONNECT_TIMEOUT", "2.5")
    assert location_module.connect_timeout() == 2.5
    assert postgres_module.postgres_env("postgresql://u@h/db")["POSTGRES_CONNECT_TIMEOUT"] == "3"
    monkeypatch.setenv("MXT_CONNECT_TIMEOUT", "soon")
    assert invoke("--store", "postgresql://u@127.0.0.1:1/db", "log").exit_code == 2
    monkeypatch.delenv("MXT_CONNECT_TIMEOUT")
    assert location_module.connect_timeout() == 5.0
