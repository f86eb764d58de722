"""The `mxt` command group: the store option, shared read options, and error mapping.

Exit codes: 0 success; 1 an operational failure (store unreachable, damaged log, verify
found damage); 2 bad input (a one-line message naming the field, nothing written).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from mxt.domain.errors import DomainError
from mxt.events.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])

COMMAND_MODULES = {
    "record": "write",
    "correct": "write",
    "retract": "write",
    "import": "interchange",
    "export": "interchange",
    "schema": "interchange",
    "log": "read",
    "state": "read",
    "audit": "read",
    "show": "read",
    "diff": "diff",
    "verify": "admin",
    "rebuild": "admin",
    "copy": "admin",
    "demo": "demo",
    "extract": "extract",
}


class MxtError(click.ClickException):
    """A domain or input error on its way out: one line on stderr and its exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message.replace("\n", " "))
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"mxt: error: {self.format_message()}", err=True)


class LazyGroup(click.Group):
    """Loads a command's module only when that command runs (fast start for queries)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (DomainError, InputError) as error:
            raise MxtError(str(error), error.exit_code) from None
        except Exception as error:
            from eventsourcing.persistence import PersistenceError

            if isinstance(error, PersistenceError):  # the database failed us: operational
                raise MxtError(f"store: {' '.join(str(error).split())}", 1) from None
            raise

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(cmd_name)
        if module_name is None:
            return None
        from importlib import import_module

        module = import_module(f"mxt.cli.{module_name}")
        command: click.Command = getattr(module, cmd_name.replace("-", "_") + "_command")
        return command


class Context:
    """What every command gets: where the store is."""

    def __init__(self, store_location: str | None) -> None:
        self.store_location = store_location

    def open_store(self) -> Any:
        """The store, with its read model attached so that writes keep it current."""
        from mxt.domain.store import Store
        from mxt.projections.readmodel import ReadModel

        store = Store(self.store_location)
        ReadModel(store)
        return store

    def open_tracker(self) -> Any:
        """The store with its read model caught up, ready for queries."""
        from mxt.domain.store import Store
        from mxt.projections.queries import Tracker

        return Tracker(Store(self.store_location))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="MXT_STORE",
    metavar="PATH|URL",
    help="SQLite file or postgresql:// URL (env MXT_STORE; default $XDG_DATA_HOME/mxt/mxt.sqlite).",
)
@click.version_option(package_name="mxt")
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """mxt, the market-expansion tracker: corporate announcements as immutable events,
    and the state of every model, market and company as of any date.

    Example: mxt state company Xiaomi --as-of 2025-07-05
    """
    ctx.obj = Context(store)


def read_options(function: F) -> F:
    """`--as-of`, `--known-at` and `--json`, shared by every read command."""
    function = click.option(
        "--json", "as_json", is_flag=True, help="Machine output (JSON) on stdout."
    )(function)
    function = click.option(
        "--known-at",
        metavar="TIMESTAMP",
        help="Only what had been recorded by then (ISO 8601; a date means its end, UTC). "
        "Default: now.",
    )(function)
    function = click.option(
        "--as-of", metavar="YYYY-MM-DD", help="Announcements made by this date. Default: today."
    )(function)
    return function


def main(argv: list[str] | None = None) -> None:
    """The console entry point: every error is one line on stderr with its exit code."""
    try:
        code = cli.main(args=argv, prog_name="mxt", standalone_mode=False)
        if isinstance(code, int):
            sys.exit(code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        click.echo("mxt: error: aborted", err=True)
        sys.exit(1)
    except click.ClickException as error:
        click.echo(f"mxt: error: {error.format_message()}".replace("\n", " "), err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
