"""What `mxt log` answers: each announcement as the log lists it (`log_entry`), and every
column its rows may have (`log_columns`, read from the kind schemas)."""

from functools import lru_cache
from typing import get_args

from mxt.events.content import Content

from ..readmodel.view import Row


def log_entry(row: Row) -> Content:
    """An announcement in the export format, with `recorded_at` and `status`.

    `status` is the record's (`active` or `retracted`), so a factory's or a launch's own
    `status` field is shown as `factory_status` or `launch_status` here.
    """
    entry = dict(row.content)
    if "status" in entry:
        entry[f"{entry['kind']}_status"] = entry.pop("status")
    entry["recorded_at"] = row.recorded_at
    entry["status"] = "retracted" if row.retracted else "active"
    return entry


@lru_cache(maxsize=1)
def log_columns() -> list[str]:
    """Every column a flattened log entry may have (`source.title`...), in a reading order:
    the common fields, each kind's own fields, provenance, then `recorded_at` and `status`,
    all read from the kind schemas."""
    from pydantic import BaseModel

    from mxt.events.announcements import SCHEMAS, Announcement

    def names(model: type[BaseModel], prefix: str = "") -> list[str]:
        found = []
        for name, info in model.model_fields.items():
            shown = info.alias or name
            if prefix == "" and shown == "status":  # as `log_entry` renames it
                shown = f"{model.model_fields['kind'].default}_status"
            nested = [
                option
                for option in (get_args(info.annotation) or (info.annotation,))
                if isinstance(option, type) and issubclass(option, BaseModel)
            ]
            if nested:  # a source, or a union of objects (a claim): their dotted fields
                found += [inner for model in nested for inner in names(model, f"{prefix}{shown}.")]
            else:
                found.append(prefix + shown)
        return found

    common = names(Announcement)
    head = ["id", "kind", "company", "announced_on", "certainty"]
    own = [name for kind in SCHEMAS.values() for name in names(kind) if name not in common]
    tail = [name for name in common if name not in head]
    return list(dict.fromkeys([*head, *own, *tail, "recorded_at", "status"]))
