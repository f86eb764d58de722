"""Draft announcements found in a news text: a small pipeline, one function per cue.

`extract_drafts(text, published, ...)` answers the drafts (import-format dicts) that a
reviewer can fix and import; nothing here opens a store or downloads anything.
"""

from __future__ import annotations

from .drafts import SourceInfo, extract_drafts

__all__ = ["SourceInfo", "extract_drafts"]
