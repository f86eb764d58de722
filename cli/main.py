"""The `mxt` command group: the store option, shared read options, and every error turned
into one line on stderr with its exit code (which code each error class means: `errors`).

Exit codes: 0 success; 1 an operational failure (store unreachable, damaged log, verify
found damage); 2 bad input (a one-line message naming the field, nothing written).
"""

from __future__ import annotations

import errno
import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from mxt.domain.errors import DomainError
from mxt.events.errors import InputError
from mxt.storage.errors import StorageError

if TYPE_CHECKING:
    from mxt.projections.opening import Mode
    from mxt.projections.questions.read_side import ReadSide
    from mxt.storage.store import Store

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
    "report": "report",
    "conflicts": "conflicts",
    "verify": "admin",
    "rebuild": "admin",
    "copy": "admin",
    "demo": "demo",
    "progress": "progress",
    "compare": "compare",
    "check": "check",
    "extract": "extract",
    "review": "review",
    "region": "region",
    "changes": "changes",
    "watch": "watch",
}


MESSAGE_LIMIT = 200  # characters of one error message, "mxt: error: " excluded


def one_line(message: str) -> str:
    """An error message as one printable line of at most `MESSAGE_LIMIT` characters:
    control characters escaped, so that no input can reach the terminal raw."""
    from mxt.events.invisible import printable

    text = printable(" ".join(message.split("\n")))
    if len(text) > MESSAGE_LIMIT:
        text = text[: MESSAGE_LIMIT - 1] + "…"
    return text


class MxtError(click.ClickException):
    """A domain or input error on its way out: one line on stderr and its exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(one_line(message))
        self.__dict__["exit_code"] = exit_code  # click declares it a class variable

    def show(self, file: Any = None) -> None:
        click.echo(f"mxt: error: {self.format_message()}", err=True)


class LazyGroup(click.Group):
    """Loads a command's module only when that command runs (fast start for queries)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (DomainError, StorageError, InputError) as error:
            from .errors import exit_code, worded

            raise MxtError(worded(error), exit_code(error)) from None
        except ValueError as error:
            from pydantic import ValidationError

            if not isinstance(error, ValidationError):
                raise
            from mxt.events.schemas.base import describe

            raise MxtError(str(describe(error)), 2) from None
        except Exception as error:
            from mxt.storage.failures import database_problem, is_database_error

            if is_database_error(error):  # the database failed us: operational
                raise MxtError(f"store: {database_problem(error)}", 1) from None
            raise

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command, its `--store` option (given after its name) moved in front of it."""
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and name != "demo":
            accept_store_option(command)
        return name, command, rest

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


def _set_store(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(Context).store_location = value


STORE_HELP = (
    "SQLite file or postgresql:// URL (env MXT_STORE; default: the platform's data folder, "
    "on Linux $XDG_DATA_HOME/mxt/mxt.sqlite)."
)


def accept_store_option(command: click.Command) -> None:
    """Lets `--store` follow the command's name (`mxt state model X/Y --store s.sqlite`),
    on the command and on each of its subcommands."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            accept_store_option(sub)
        return
    if any(param.name == "store_after" for param in command.params):
        return
    command.params.append(
        click.Option(
            ["--store", "store_after"], metavar="PATH|URL", expose_value=False,
            callback=_set_store, help=STORE_HELP,
        )
    )  # fmt: skip


class Context:
    """What every command gets: where the store is, and the way to open it; and, once a
    write command has committed, what it committed (`committed`)."""

    def __init__(self, store_location: str | None = None) -> None:
        self.store_location = store_location
        self.committed: str | None = None

    def commit_done(self, summary: str) -> None:
        """Notes that the command's writes are committed, and what they were (the line it is
        about to print): should stdout then fail, stderr still says so (`run`)."""
        self.committed = summary

    def open_store(self, mode: Mode) -> Store:
        """The store, opened for `mode` by the composition root (`mxt.projections.opening`):
        only "create" (`record`, `import`) makes a store that does not exist; every other
        command fails (exit 1) on a missing path and creates nothing."""
        from mxt.projections.opening import open_store

        return open_store(self.store_location, mode)

    def open_read_side(self) -> ReadSide:
        """The store opened for reading, ready for queries (nothing is written: a read model
        missing or behind is replayed, with a note on stderr), closed when the command ends."""
        from mxt.projections.opening import open_read_side

        from .options import replayed_note

        read_side = open_read_side(self.store_location)
        click.get_current_context().call_on_close(read_side.close)
        if read_side.replayed is not None:
            click.echo(replayed_note(read_side.store.display_location, read_side.replayed),
                       err=True)  # fmt: skip
        return read_side


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", envvar="MXT_STORE", metavar="PATH|URL", help=STORE_HELP)
@click.version_option(package_name="mxt")
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """mxt, the market-expansion read_side: corporate announcements as immutable events,
    and the state of every model, market and company as of any date.

    Example: mxt state company Xiaomi --as-of 2025-07-05
    """
    ctx.ensure_object(Context).store_location = store


def read_options(function: Any = None, *, sections: Any = None) -> Any:
    """`--as-of`, `--known-at` and the output options (`--format`, `--json`, and `--section`
    when `sections` names the lists of the answer: see `render.output_options`), shared by
    every read command, which receives `as_of`, `known_at` and `output`."""
    from .render import output_options

    if function is None:
        return lambda decorated: read_options(decorated, sections=sections)
    function = output_options(sections=sections)(function)
    function = click.option(
        "--known-at",
        metavar="TIMESTAMP",
        help="Only what had been recorded by then (ISO 8601; a date means its end, UTC). "
        "Default: everything recorded.",
    )(function)
    function = click.option(
        "--as-of", metavar="YYYY-MM-DD", help="Announcements made by this date. Default: today."
    )(function)
    return function


def company_filter(function: Any) -> Any:
    """`--company NAME`, as every command that looks at some companies takes it: any case,
    repeatable, received as `companies` (empty: every company)."""
    return click.option(
        "--company", "companies", multiple=True, metavar="NAME",
        help="Only this company (any case); repeat it for several. Default: every company.",
    )(function)  # fmt: skip


def target_filters(function: Any) -> Any:
    """`--company` (`company_filter`), `--metric` and `--period`: which targets a command
    looks at (`audit targets`, `progress`), received as `companies`, `metric` and `period`."""
    function = click.option(
        "--period", metavar="PERIOD", help="Only targets for this period (2025, 2025-H1, "
        "2025-Q3, 2025-06).",
    )(function)  # fmt: skip
    from mxt.events.metrics import METRICS

    function = click.option(
        "--metric", type=click.Choice(METRICS), help="Only targets of this metric.",
    )(function)  # fmt: skip
    return company_filter(function)


def show_warning(
    message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any
) -> None:
    """A warning raised below the CLI (a clock behind the log), as one line on stderr."""
    click.echo(f"mxt: warning: {one_line(str(message))}", err=True)


# The cyclic garbage collector's first threshold in an `mxt` process (Python's: 700 new
# objects): a command keeps most of what it makes to its end, so the collector's passes over
# the modules' and the answer's objects free almost nothing (state company's of a company of
# 700 rows spent 6 M instructions of its 550 M in them); a long command (a rebuild, an
# import) still collects, every 50,000 new objects.
GC_THRESHOLD = 50_000


def main(argv: list[str] | None = None) -> NoReturn:
    """The console entry point: runs one command line (`run`), then ends the process with
    its exit code (`leave`)."""
    import gc

    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    leave(run(argv))


class OutputFailed(Exception):
    """Standard output could not be written: it is closed, its disk is full, or the reader
    of its pipe has gone (`cause`)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))
        self.cause = cause


class GuardedOutput(io.TextIOBase):
    """Standard output as commands write to it, each failure to write raised as
    `OutputFailed` (so that it is never taken for another OSError, or lost): a descriptor
    closed before mxt started (`sys.stdout` None), a full disk, a closed pipe."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__()
        self.stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None) or "strict"

    def isatty(self) -> bool:
        return self.stream is not None and self.stream.isatty()

    def fileno(self) -> int:
        if self.stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # as a text stream does (click tells them apart so)
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.stream is None:
            raise OutputFailed(OSError(errno.EBADF, "closed"))
        try:
            return self.stream.write(text)
        except OSError as error:
            raise OutputFailed(error) from None

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as error:
            raise OutputFailed(error) from None


def output_failed(failure: OutputFailed, context: Context) -> int:
    """Exit 1 for output that could not be written, saying so on stderr (unless the reader
    of a pipe went away, which needs no message) and, when the command had committed its
    writes, what it recorded: those writes stand, and running it again records nothing
    twice."""
    if context.committed is not None:
        message = f"stdout: {failure}; the output is lost, but committed: {context.committed}"
        click.echo(f"mxt: error: {one_line(message)}", err=True)
    elif not isinstance(failure.cause, BrokenPipeError):
        click.echo(f"mxt: error: {one_line(f'stdout: {failure} (the output is incomplete)')}",
                   err=True)  # fmt: skip
    return 1


def run(argv: list[str] | None = None) -> int:
    """Runs one command line and answers its exit code: every error is one line on stderr.
    Standard output is written through `GuardedOutput` and flushed before the answer, so a
    failure to write it is named (`output_failed`), never a traceback."""
    import warnings

    warnings.showwarning = show_warning
    context = Context()
    stdout, sys.stdout = sys.stdout, GuardedOutput(sys.stdout)
    try:
        try:
            code = cli.main(args=argv, prog_name="mxt", standalone_mode=False, obj=context)
        except click.exceptions.Exit as done:
            code = done.exit_code
        except SystemExit as done:  # a command that ends with its own code (`check`)
            code = done.code if isinstance(done.code, int) else 1
        sys.stdout.flush()
        return code if isinstance(code, int) else 0
    except OutputFailed as failure:
        return output_failed(failure, context)
    except click.Abort:
        click.echo("mxt: error: aborted", err=True)
        return 1
    except click.ClickException as error:
        click.echo(f"mxt: error: {one_line(error.format_message())}", err=True)
        return error.exit_code
    except Exception as error:  # a bug: still one line, never a traceback (MXT_DEBUG shows it)
        import os

        if os.environ.get("MXT_DEBUG"):
            raise
        message = f"mxt: internal error: {type(error).__name__}: {error} (MXT_DEBUG=1 shows more)"
        click.echo(one_line(message), err=True)
        return 1
    finally:
        sys.stdout = stdout


def leave(code: int) -> NoReturn:
    """Ends the process with `code`, its stores closed and its output flushed, without the
    interpreter's teardown: freeing pydantic's and eventsourcing's objects one by one, which
    the operating system does at once, took 27 of `mxt record`'s 152 ms and 14 of a query's
    96 (`python -m bench.startup`). Commands close what they open (stores, output files);
    `Store.close_all` closes any store left open, so that SQLite's write-ahead log is
    checkpointed as at a normal exit. Output that cannot be flushed (a closed pipe) is exit 1.
    atexit hooks do not run: those of mxt's libraries (logging's) have nothing of mxt's to
    flush or remove."""
    import os

    stores = sys.modules.get("mxt.storage.store")
    if stores is not None:  # a command that opened no store never imported it
        stores.Store.close_all()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # closed before mxt started
            continue
        try:
            stream.flush()
        except ValueError:  # closed: nothing left to write
            pass
        except OSError:  # a closed pipe or a full disk: the output is incomplete
            code = code or 1
    os._exit(code)
