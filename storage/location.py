"""Where a store is, read once: a `--store` value as a SQLite path or a PostgreSQL URL (by
libpq's own rules), how it may be printed (never with a password), and how long mxt waits for
a server (`MXT_CONNECT_TIMEOUT`) or for a lock another writer holds (`MXT_LOCK_TIMEOUT`).

Every reader of a `--store` value asks `parse_location`, so that a value means one thing
everywhere: a scheme is matched in any case, a mistyped URL is refused rather than taken for
a file name, and the URL's query parameters (`sslmode`, …) reach the connection.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .errors import BadSetting, BadStoreLocation, StoreUnavailable

POSTGRES_SCHEMES = ("postgresql", "postgres")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
# A scheme with its `://` mistyped: `postgresql:/u@h/db`, `postgresql:u@h`, `postgresql//u@h`
# (a Windows drive, `C:\…`, has a one-letter "scheme" and stays a path).
_SCHEME_TYPO = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+)(?::/*|//)")
_SECRET_PARAMETERS = re.compile(r"(?<=[?&])((?:ssl)?password=)[^&]*")
MASK = "***"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
NEEDS_PSYCOPG = "store: PostgreSQL needs psycopg: pip install 'mxt[postgres]'"

CONNECT_TIMEOUT_SECONDS = 5.0  # default of MXT_CONNECT_TIMEOUT
LOCK_TIMEOUT_SECONDS = 600  # default of MXT_LOCK_TIMEOUT
LOCK_NOTICE_SECONDS = 1.0  # a wait for a lock longer than this is said on stderr


class StoreLocation(NamedTuple):
    """A `--store` value as mxt reads it. (A NamedTuple, not a frozen dataclass: making a
    dataclass costs every command about half a millisecond.)"""

    text: str  # what mxt opens: the SQLite path, or the URL (`postgresql://`)
    is_postgres: bool
    shown: str  # what mxt prints: the URL with its passwords replaced by ***
    keywords: Mapping[str, str] = MappingProxyType({})  # libpq's, from the URL

    def __repr__(self) -> str:  # never the text or the keywords: they may hold a password
        return f"StoreLocation(is_postgres={self.is_postgres!r}, shown={self.shown!r})"


def default_store_path() -> Path:
    """The platform's data folder for mxt, then `mxt.sqlite`: on Linux
    `$XDG_DATA_HOME/mxt/mxt.sqlite`, falling back to `~/.local/share/mxt/mxt.sqlite`."""
    from platformdirs import user_data_path

    return user_data_path("mxt", appauthor=False) / "mxt.sqlite"


def parse_location(value: str | os.PathLike[str] | None) -> StoreLocation:
    """A `--store` value read as a location: None is the default file; a `postgresql://` or
    `postgres://` URL (the scheme in any case) is PostgreSQL, read by libpq's rules; any other
    value is a SQLite path. Bad input (`BadStoreLocation`, nothing made): an empty value, one
    that begins or ends with a space, another `scheme://`, a mistyped scheme (`postgresql:/…`,
    `postgresql//…`, `postgresql:user@host`), and a URL that libpq would refuse or that names
    no database."""
    if value is None:
        path = str(default_store_path())
        return StoreLocation(path, False, path)
    text = os.fspath(value)
    if not text.strip():
        raise BadStoreLocation("store: empty (give a SQLite path or a postgresql:// URL)")
    if text != text.strip():
        raise BadStoreLocation(f"store: {masked(text)!r} begins or ends with a space (remove it)")
    found = _SCHEME.match(text)
    if found is None:
        if _SCHEME_TYPO.match(text):
            raise BadStoreLocation(
                f"store: {masked(text)!r} looks like a mistyped URL: a PostgreSQL URL begins "
                "postgresql:// (a file of that name is written ./NAME)"
            )
        return StoreLocation(text, False, text)
    if found.group(1).lower() not in POSTGRES_SCHEMES:
        raise BadStoreLocation(
            f"store: unknown scheme {found.group(1)}:// (a SQLite path or a postgresql:// URL)"
        )
    return _postgres_location("postgresql://" + text[found.end() :])


def masked(text: str) -> str:
    """`text` (a URL, or what may be a mistyped one) as it may be printed: whatever could be a
    password — between the first `:` after the scheme and the last `@`, and the values of
    `password=` and `sslpassword=` parameters — replaced by ***."""
    lead = len(text) - len(text.lstrip())
    scheme = _SCHEME.match(text, lead) or _SCHEME_TYPO.match(text, lead)
    start = scheme.end() if scheme else lead
    rest = text[start:]
    at, colon = rest.rfind("@"), rest.find(":")
    if 0 <= colon < at:
        rest = rest[: colon + 1] + MASK + rest[at:]
    return text[:start] + _SECRET_PARAMETERS.sub(r"\1" + MASK, rest)


def _postgres_location(url: str) -> StoreLocation:
    """A `postgresql://` URL read by libpq (psycopg's `conninfo_to_dict`): its connection
    keywords, query parameters included, checked as far as they can be without connecting."""
    shown = masked(url)
    rest = url[len("postgresql://") :]
    at = rest.rfind("@")
    if at >= 0 and ("@" in rest[:at] or "/" in rest[:at]):
        # libpq takes the first '@' before any '/': an '@' or '/' in a password would put the
        # rest of it in the host or the database name, and into every error message.
        raise BadStoreLocation(
            f"store: {shown}: only the '@' before the host may be written as it is (write an "
            "'@' or '/' in a user name, password or database name as %40 or %2F)"
        )
    try:
        from psycopg import Error as PsycopgError
        from psycopg.conninfo import conninfo_to_dict
    except ImportError:
        raise StoreUnavailable(NEEDS_PSYCOPG) from None
    try:
        keywords = {key: str(value) for key, value in conninfo_to_dict(url).items()}
    except PsycopgError:
        try:  # libpq's own words, where they cannot hold a password
            conninfo_to_dict(shown)
        except PsycopgError as error:
            reason = " ".join(str(error).split())
            raise BadStoreLocation(f"store: {shown}: not a PostgreSQL URL ({reason})") from None
        raise BadStoreLocation(
            f"store: {shown}: the password is not valid in a URL (write a space as %20 and a "
            "'%' as %25)"
        ) from None
    _check_keywords(keywords, shown)
    return StoreLocation(url, True, shown, keywords)


def _check_keywords(keywords: Mapping[str, str], shown: str) -> None:
    """The URL names a database, and its ports and `sslmode` are ones libpq accepts."""
    if not keywords.get("dbname"):
        raise BadStoreLocation(
            f"store: {shown} names no database (postgresql://USER@HOST/DATABASE)"
        )
    for port in keywords.get("port", "").split(","):
        if port and not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
            raise BadStoreLocation(
                f"store: {shown}: port {port[:20]!r} is not a number from 1 to 65535"
            )
    mode = keywords.get("sslmode")
    if mode is not None and mode not in SSL_MODES:
        raise BadStoreLocation(
            f"store: {shown}: sslmode {mode[:20]!r} is not one of {', '.join(SSL_MODES)}"
        )


def connect_timeout() -> float:
    """Seconds to wait for a PostgreSQL server (env MXT_CONNECT_TIMEOUT, default 5)."""
    text = os.environ.get("MXT_CONNECT_TIMEOUT", "")
    try:
        value = float(text) if text.strip() else CONNECT_TIMEOUT_SECONDS
    except ValueError:
        raise BadSetting(f"MXT_CONNECT_TIMEOUT: {text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise BadSetting("MXT_CONNECT_TIMEOUT: must be between 0 and 3600 seconds")
    return value


def lock_timeout() -> int:
    """Seconds a command waits for a lock another writer holds before it gives up (env
    MXT_LOCK_TIMEOUT, a whole number from 1 to 86400; default 600)."""
    text = os.environ.get("MXT_LOCK_TIMEOUT", "").strip()
    if not text:
        return LOCK_TIMEOUT_SECONDS
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 86400):
        raise BadSetting(
            f"MXT_LOCK_TIMEOUT: {text[:20]!r} is not a whole number of seconds from 1 to 86400"
        )
    return int(text)
