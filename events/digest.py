"""SHA-256 (and SHA-1), as every digest of mxt takes them: ids, the hash chain, the read
model's seals (and the name-based UUIDs of the log's aggregates, `uuid5`).

CPython's own implementation where there is one, as `random` takes its SHA-512: `hashlib`
loads OpenSSL first, which cost every command about 10 M instructions at start-up (a tenth of
a question's own), for digests of a few hundred bytes each; a process that takes thousands
switches to OpenSSL's, faster a digest (`Sha256`). The digest is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any
from uuid import UUID

from .switching import Switching


def _implementation(algorithm: str, modules: tuple[str, ...]) -> Callable[[bytes], Any]:
    """CPython's own `algorithm` (from the first of `modules` that has it), else hashlib's."""
    for name in modules:
        try:
            found: Callable[[bytes], Any] = getattr(import_module(name), algorithm)
            return found
        except (ImportError, AttributeError):
            continue
    import hashlib

    found = getattr(hashlib, algorithm)
    return found


# How many SHA-256 digests a process takes with CPython's own before it loads OpenSSL's.
FAST_AFTER = 2_000


class Sha256(Switching):
    """SHA-256 as `hashlib.sha256` is called: CPython's own implementation for a process's
    first `FAST_AFTER` digests, then OpenSSL's (hashlib's), the same digest. OpenSSL's uses
    the processor's SHA instructions where it has them: 0.75 µs for a stored event of 400
    bytes where CPython's takes 1.9, 1.3 µs for 1.5 KB where it takes 9.7 (this machine);
    loading it costs about 2.5 ms of CPU, the saving on some 2,000 digests. So a one-off
    question (a read checks two digests a row: `View`) keeps CPython's, and a long-lived
    process (a report, the read side of another program, a rebuild) soon takes OpenSSL's; a
    process that has loaded hashlib already takes it from the first."""

    def __init__(self, own: Callable[[bytes], Any]) -> None:
        super().__init__(own, _openssl_sha256, "_hashlib", FAST_AFTER)


def _openssl_sha256() -> Callable[[bytes], Any]:
    import hashlib

    return hashlib.sha256


sha256 = Sha256(_implementation("sha256", ("_sha2", "_sha256")))  # (`_sha2` from Python 3.12)
sha1 = _implementation("sha1", ("_sha1",))


def uuid5(namespace: UUID, name: str) -> UUID:
    """`uuid.uuid5(namespace, name)`, the same UUID (`uuid` takes SHA-1 from hashlib)."""
    return UUID(uuid5_hex(namespace.bytes, name))


def uuid5_hex(namespace: bytes, name: str) -> str:
    """`uuid5(UUID(bytes=namespace), name).hex`, made without a UUID object: the name-based
    UUID of RFC 4122 (version 5) spelled out, at a sixth of `uuid.uuid5`'s cost (an import
    makes one per line)."""
    digest = sha1(namespace + name.encode("utf-8")).digest()
    number = int.from_bytes(digest[:16], "big") & _VERSION_CLEARED | _VERSION_5
    return f"{number:032x}"


# The bits of a UUID's version (the 13th hex digit) and variant (the 17th's top two bits),
# cleared and set as `uuid.UUID(..., version=5)` does.
_VERSION_CLEARED = ~((0xF000 << 64) | (0xC000 << 48))
_VERSION_5 = (5 << 76) | (0x8000 << 48)
