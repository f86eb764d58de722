"""One option set: every command that looks at some companies takes `--company` the same way
(any case, repeatable, each one kept), the kinds' help is whole, and a source's field given
at the top of an interchange line says where it belongs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest

from mxt.cli.main import COMMAND_MODULES, cli

GOLDEN = Path(__file__).parent / "golden"
KNOWN = ("--known-at", "2100-01-01")
# The commands that look at some companies, and so take `--company`.
FILTERED = {
    "log",
    "audit targets",
    "audit plans",
    "progress",
    "conflicts",
    "diff",
    "check",
    "report",
    "export",
    "changes",
    "watch add",  # the companies the watch looks at
}


def commands() -> dict[str, click.Command]:
    """Every command of `mxt`, by its full name (`audit targets`)."""
    context = click.Context(cli)
    found: dict[str, click.Command] = {}
    for name in COMMAND_MODULES:
        command = cli.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            for sub, inner in command.commands.items():
                found[f"{name} {sub}"] = inner
        else:
            found[name] = command
    return found


def test_every_company_filter_is_one_repeatable_option() -> None:
    taking = {}
    for name, command in commands().items():
        options = [p for p in command.params if "--company" in getattr(p, "opts", ())]
        if name.startswith("record ") or name == "extract":
            continue  # their `--company` names the company of what they write, not a filter
        if options:
            [option] = options
            taking[name] = (option.multiple, option.name, option.help)
    assert set(taking) == FILTERED
    assert {shape for shape in taking.values()} == {
        (True, "companies", "Only this company (any case); repeat it for several. Default: "
         "every company.")
    }  # fmt: skip


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory, mxt: Any) -> str:
    """The golden files' richer data set: four generated companies and Orbit Motors."""
    location = str(tmp_path_factory.mktemp("options") / "rich.sqlite")
    for file in ("stream.jsonl", "extra.jsonl"):
        assert mxt("--store", location, "import", str(GOLDEN / file)).exit_code == 0
    return location


def answered(mxt: Any, store: str, *args: str) -> Any:
    """A read command's JSON answer (`check` exits 1 when a claim fails: it answers still)."""
    result = mxt("--store", store, *args, *KNOWN, "--json")
    assert result.exit_code in (0, 1) and "error" not in result.stderr, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("command", "company_of"),
    [
        (("log",), lambda row: row["company"]),
        (("progress", "--as-of", "2025-07-10"), lambda row: row["company"]),
        (("audit", "targets"), lambda row: row["company"]),
        (("conflicts", "--as-of", "2025-07-10"), lambda row: row["slot"]["company"]),
        (("diff", "--from", "2020-01-01", "--to", "2025-07-10"), lambda row: row["company"]),
        (("check",), lambda row: row["company"]),
    ],
)
def test_several_companies_are_each_kept(
    rich: str, mxt: Any, command: tuple[str, ...], company_of: Any
) -> None:
    """Two `--company` give what each gives alone, together: the last one given does not
    silently win (as it did for `log` and `progress`)."""
    every = answered(mxt, rich, *command)
    companies = sorted({company_of(row).casefold() for row in every})
    assert len(companies) >= 2, companies
    first, second = companies[0], companies[-1]
    alone = [answered(mxt, rich, *command, "--company", name) for name in (first, second)]
    both = answered(mxt, rich, *command, "--company", first, "--company", second.upper())
    assert alone[0] and alone[1]
    assert {company_of(row).casefold() for row in both} == {first, second}
    assert sorted(map(json.dumps, both)) == sorted(map(json.dumps, alone[0] + alone[1]))


def test_export_keeps_every_company_given(rich: str, mxt: Any) -> None:
    def exported(*names: str) -> list[str]:
        result = mxt("--store", rich, "export", *(f"--company={name}" for name in names))
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    orbit, mazix = exported("Orbit Motors"), exported("mazix")
    assert orbit and mazix
    assert sorted(exported("Orbit Motors", "mazix")) == sorted(orbit + mazix)


def test_a_kinds_help_says_its_whole_first_paragraph(mxt: Any) -> None:
    result = mxt("record", "claim", "--help")
    assert result.exit_code == 0
    said = " ".join(result.stdout.split())
    assert "tests it against the data (docs/concepts.md, Claims). Example:" in said


@pytest.mark.parametrize("field", ["quote", "url", "publisher"])
def test_a_source_field_at_the_top_of_a_line_says_where_it_belongs(
    mxt: Any, tmp_path: Path, field: str
) -> None:
    line = {"kind": "statement", "company": "Acme", "announced_on": "2025-01-01", field: "x",
            "source": {"title": "Acme news"}, "topic": "t", "text": "hello"}  # fmt: skip
    where = tmp_path / "s.sqlite"
    result = mxt("--store", str(where), "import", "--dry-run", "-", input=json.dumps(line))
    assert result.exit_code == 2
    assert result.stderr == (
        f"mxt: error: line 1: {field}: unknown field (did you mean `source.{field}`?)\n"
    )
    assert not where.exists()
