"""The code points that render as nothing, by Unicode's properties: what a name may not hold
(`events.fields`) and what human output shows escaped (`printable`).

Unicode's `Default_Ignorable_Code_Point` (DerivedCoreProperties.txt) names the characters a
renderer draws as nothing when it does not support them: zero-width spaces and joiners, the
Hangul fillers (U+3164, U+115F, U+1160, U+FFA0), the combining grapheme joiner (U+034F),
variation selectors (U+FE0F), Khmer's inherent vowels (U+17B4, U+17B5), the tags, and the
ranges reserved for more. Python's `unicodedata` lacks the property; the `regex` library (a
dependency of dateparser) has it, but costs 8 ms to import on every command that would check
a name or print a table. So the ranges are kept here, and `derived()` recomputes them from
`regex`'s copy of the Unicode data: a test checks that the two agree, so a newer Unicode is
noticed (`python -m mxt.events.invisible` prints the ranges to paste).
"""

from __future__ import annotations

import re
import unicodedata

# Default_Ignorable_Code_Point, as inclusive ranges (as `regex` 2026.12.2 has it).
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip

# U+2800 BRAILLE PATTERN BLANK draws nothing too, but no Unicode property says so (it is a
# symbol, So): it is the one code point added by hand.
BLANK_SYMBOLS = "\u2800"


def _ranges_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


# What a name may not hold besides controls and format characters: every code point that
# renders as nothing, and every space but U+0020 that NFKC keeps (U+1680).
INVISIBLE = re.compile(f"[{_ranges_class(DEFAULT_IGNORABLE)}{BLANK_SYMBOLS}\u1680]")


# Unicode categories a name may not hold: controls, format characters (zero-width, direction
# marks and overrides, BOM), surrogates, and line or paragraph separators.
NAME_FORBIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def refused_in_name(char: str) -> bool:
    """Whether a name may not hold `char`: a control, format or invisible character (a
    `Xia\\u200bomi` or a `Xiaomi\\u3164` would look like Xiaomi and be another company)."""
    return unicodedata.category(char) in NAME_FORBIDDEN or INVISIBLE.match(char) is not None


def visible_name(text: str, limit: int = 200) -> str:
    """The name the name rules make of `text`: NFKC-normalised, what a name may not hold
    dropped, cut to `limit` characters and trimmed (empty when nothing is left)."""
    normal = unicodedata.normalize("NFKC", text)
    return "".join(char for char in normal if not refused_in_name(char))[:limit].strip()


# What human output never writes raw: C0 and C1 controls, DEL, the line and paragraph
# separators, and every code point that renders as nothing (`events.invisible`: zero-width
# characters, the bidi marks, embeddings, overrides and isolates that can make a line read
# as something else, fillers, variation selectors).
_UNPRINTABLE = re.compile(
    f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BLANK_SYMBOLS}{_ranges_class(DEFAULT_IGNORABLE)}]"
)
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def printable(text: str) -> str:
    """`text` with every control, direction or invisible character escaped (`\\x1b`, `\\n`,
    `\\u202e`, `\\u3164`), so that stored text can never move the cursor, clear the screen,
    forge a row or pass for another name."""

    def escape(found: re.Match[str]) -> str:
        char = found.group()
        if char in _ESCAPES:
            return _ESCAPES[char]
        if ord(char) < 0x100:
            return f"\\x{ord(char):02x}"
        return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"

    return _UNPRINTABLE.sub(escape, text)


def derived() -> tuple[tuple[int, int], ...]:
    """`DEFAULT_IGNORABLE` as the `regex` library's Unicode data has it today."""
    import regex

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    found: list[tuple[int, int]] = []
    for match in regex.finditer(r"\p{Default_Ignorable_Code_Point}+", every):
        low, high = ord(match.group()[0]), ord(match.group()[-1])
        found.append((low, high))
    return tuple(found)


if __name__ == "__main__":
    print(",\n".join(f"(0x{low:04X}, 0x{high:04X})" for low, high in derived()))
