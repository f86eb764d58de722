"""How `mxt report` is made fast (issue 27) without changing what it shows: the charts and the
market matrix made by a second process (`report.aside`), the matrix from one reading of every
market (`ReadSide.market_statuses`), a company's rows checked and decoded once
(`View.remembering`) and read once for all its questions (`ReadSide.reading_company`), and the
timeline's press releases copied only when kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke_on

from mxt.cli.options import make_query
from mxt.projections.questions.read_side import ReadSide
from mxt.projections.questions.report import press_releases
from mxt.projections.readmodel.tables import key
from mxt.projections.rules.state import Query
from mxt.storage.errors import DamagedLog
from mxt.storage.store import Store

from backends import sql, store_location  # noqa: F401

pytest.importorskip("matplotlib")
pytest.importorskip("jinja2")

AS_OF = "2025-07-10"
# the golden tests' rich data set: bounds, scopes, plans, claims, corrections and retractions
RICH = [Path(__file__).parent / "golden" / name for name in ("stream.jsonl", "extra.jsonl")]
KNOWN_AT = "2099-01-01"  # everything recorded, as one fixed moment: the same page every time


def report(location: str, path: Path) -> str:
    """The page of every company of the store, as of `AS_OF`."""
    result = invoke_on(location, "report", "--as-of", AS_OF, "--known-at", KNOWN_AT, "-o", path)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def test_the_page_is_the_same_made_aside_or_here(
    seeded_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On each backend: the second process (its own connection for the matrix), a process
    that cannot fork, and a second process that ends before doing anything write the same
    page."""
    import mxt.report.aside as aside

    made_aside = report(seeded_store, tmp_path / "aside.html")
    assert made_aside.count("<svg") >= 2 and ">available<" in made_aside  # charts, a matrix
    with monkeypatch.context() as patched:
        patched.setattr(aside.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
        assert report(seeded_store, tmp_path / "here.html") == made_aside
    with monkeypatch.context() as patched:
        patched.setattr(aside, "_aside", lambda *_: None)  # the second process ends at once
        assert report(seeded_store, tmp_path / "gone.html") == made_aside


def test_no_second_process_is_forked_while_another_thread_runs(
    seeded_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program that runs `report` beside a thread of its own (which could be inside SQLite
    at the moment of a fork, and leave the forked process waiting forever on a lock it
    holds) gets its page made in one process: the same page."""
    import threading

    import mxt.report.aside as aside

    made_aside = report(seeded_store, tmp_path / "aside.html")
    forked: list[str] = []
    monkeypatch.setattr(aside.multiprocessing, "get_context", lambda how: forked.append(how))
    done = threading.Event()
    other = threading.Thread(target=done.wait, name="the program's own")
    other.start()
    try:
        assert report(seeded_store, tmp_path / "beside.html") == made_aside
    finally:
        done.set()
        other.join()
    assert forked == []


def test_a_second_process_that_fails_leaves_its_work_and_its_error_to_the_first(
    seeded_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error of the second process (here: answering the matrix) ends it quietly; the first
    does what is left, so the page is the same, and an error there is the first's to say
    (exit 1, no page, one line)."""
    import mxt.report.aside as aside

    made_aside = report(seeded_store, tmp_path / "aside.html")

    def failing(*_: object) -> None:
        raise DamagedLog("read model: the row of event #3 was changed behind mxt's back")

    monkeypatch.setattr(aside, "_statuses", failing)
    assert report(seeded_store, tmp_path / "again.html") == made_aside
    monkeypatch.setattr(aside.Aside, "statuses", lambda self, asked: failing())
    page = tmp_path / "page.html"
    result = invoke_on(seeded_store, "report", "--as-of", AS_OF, "-o", page)
    assert result.exit_code == 1
    assert "changed behind mxt's back" in result.stderr and "Traceback" not in result.stderr
    assert not page.exists()


def test_market_statuses_answer_what_state_market_answers(seeded: str) -> None:
    """Each model's status in each market, from one reading, is the status `state market`
    gives it (every market any company names, asked of every company)."""
    with Store(seeded) as store:
        read_side = ReadSide(store)
        query = read_side.resolve(make_query(AS_OF))
        named = {m for entry in read_side.log(query).data for m in _named(entry) if m != "*"}
        markets = sorted(named | {"DE", "FR", "GB", "NO", "US"})  # EU members, and others
        companies = [names.company for names in read_side.names(query).values()]
        found = read_side.market_statuses(query, {key(c): markets for c in companies}).data
        expected = {
            (key(row.company), key(row.model), market): row.status
            for market in markets
            for row in read_side.market(market, query).data.models
            if row.model and row.status != "unknown"
        }
    assert len(found) >= 3 and {status for status in found.values()} != {"available"}
    assert found == expected


def _named(entry: dict[str, object]) -> list[str]:
    markets = [entry.get("market"), *(entry.get("markets") or []), *(entry.get("except") or [])]  # type: ignore[misc]
    return [str(m) for m in markets if m]


def test_a_row_remembered_is_checked_again_once_edited(seeded_store: str) -> None:
    """Inside `remembering`, a row read again is the row made the first time; a row edited
    behind mxt's back in between is not that row: it is refused."""
    with Store(seeded_store) as store:
        read_side = ReadSide(store)
        query = read_side.resolve(make_query())
        with read_side.view.remembering():
            first = read_side.visible(query, ("Xiaomi",))
            again = read_side.visible(query, ("Xiaomi",))
            assert first and all(a is b for a, b in zip(first, again, strict=True))
            edited = first[0].ann_id
            sql(seeded_store, "UPDATE mxt_rm_versions SET announced_on='2016-01-02' "
                "WHERE ann_id=?", edited)  # fmt: skip
            with pytest.raises(DamagedLog, match="changed behind mxt's back"):
                read_side.visible(query, ("Xiaomi",))
        rows = read_side.visible(query, ("Land Rover",))  # outside: made anew each time
        assert rows and not any(
            a is b for a, b in zip(rows, read_side.visible(query, ("Land Rover",)), strict=True)
        )


def _one_company(read_side: ReadSide, name: str, query: Query) -> list[object]:
    """Every question the report asks of one company alone, answered."""
    from mxt.projections.questions.checking import company_claims, progress_answer
    from mxt.projections.questions.comparing import conflicts
    from mxt.projections.rules.audit import AUDITED

    return [
        read_side.company(name, query).data,
        {k: (n.company, n.models) for k, n in read_side.names(query, (name,)).items()},
        read_side.visible(query, (name,)),
        read_side.visible(query, (name,), (AUDITED, "launch", "claim")),
        list(read_side.log(query, companies=(name,)).data),
        list(read_side.log(query, companies=(name,), kind="launch").data),
        read_side.audit_targets(query, (name,)).data,
        read_side.audit_plans(query, (name,)).data,
        progress_answer(read_side, query, (name,)).data,
        company_claims(read_side, name, query),
        conflicts(read_side, query, (name,)).data,
    ]


def test_a_company_read_once_answers_as_the_store_does(seeded: str, tmp_path: Path) -> None:
    """Inside `reading_company`, every question about that company alone answers from its
    rows read once, as it answers from the store (retracted and corrected announcements too);
    another company, or the same one asked at another date, is still read from the store."""
    rich = tmp_path / "rich.sqlite"
    for lines in RICH:
        assert invoke_on(rich, "import", str(lines)).exit_code == 0
    for location in (seeded, str(rich)):
        with Store(location) as store:
            read_side = ReadSide(store)
            query = read_side.resolve(make_query(AS_OF, KNOWN_AT))
            earlier = read_side.resolve(make_query("2024-03-01", KNOWN_AT))
            for names in read_side.names(query).values():
                name, other = names.company, "Nobody"
                expected = _one_company(read_side, name, query)
                at_another_date = _one_company(read_side, name, earlier)
                of_another = _one_company(read_side, other, query)
                with read_side.reading_company(name, query):
                    assert _one_company(read_side, name, query) == expected
                    assert _one_company(read_side, name, earlier) == at_another_date
                    assert _one_company(read_side, other, query) == of_another
                assert expected[2], name  # its rows, read either way


def test_press_releases_kept_are_the_last_of_all() -> None:
    """Asking for the last few groups gives the last groups of them all, a press release's
    markets gathered whatever lies between its announcements."""
    source = {"title": "launch day"}
    entries = [
        {"id": "a", "announced_on": "2025-01-01", "kind": "launch", "source": source,
         "model": "M", "market": "DE"},
        {"id": "b", "announced_on": "2025-01-02", "kind": "statement", "source": source},
        {"id": "c", "announced_on": "2025-01-01", "kind": "launch", "source": source,
         "model": "M", "market": "FR"},
        {"id": "d", "announced_on": "2025-01-03", "kind": "statement", "source": source},
    ]  # fmt: skip
    every = press_releases(entries)
    assert [e["ids"] for e in every] == [["a", "c"], ["b"], ["d"]]
    assert every[0]["markets_named"] == ["DE", "FR"]
    assert press_releases(entries, 2) == every[-2:]
    assert press_releases(entries, 10) == every
    assert press_releases(entries, 0) == []
