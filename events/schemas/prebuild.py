"""`python -m mxt.events.schemas.prebuild`: writes `prebuilt_KIND.py`, each kind's pydantic
core schema as Python source (and `prebuilt.py`, each kind's fields for `mxt record KIND`'s
options), so that `mxt record` validates an announcement without defining a model (defining
one cost the process more than the rest of `mxt record`, issue 27).

The models stay the source of truth: the core schema written is the one pydantic builds from
each model, with its JSON Schema metadata left out, each model class replaced by a plain class
of the same name and class variables (pydantic_core fills it as it fills the model), and each
function named by the pydantic-free module that holds it. A test fails when a written file
differs from what this writes (run this command again after changing a schema).
"""

from __future__ import annotations

import functools
import re
import sys
import types
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic._internal._validators import max_length_validator

from mxt.events.kinds import KIND_NAMES

from . import schema_of

TARGET = Path(__file__).with_name("prebuilt.py")
# The modules a prebuilt schema may call into: none of them imports pydantic.
MODULES = {
    "mxt.events.checks": "checks",
    "mxt.events.codes": "codes",
    "mxt.events.schemas.checks": "schema_checks",
}
# pydantic's own functions in a core schema, and the pydantic-free twin that stands in.
PLAIN_SERIALIZER = "PlainValidator.__get_pydantic_core_schema__.<locals>.<lambda>"
HEADER = '''"""The pydantic core schema of `KIND`, prebuilt: written by
`python -m mxt.events.schemas.prebuild` from its model (do not edit; see there).
"""

# fmt: off
from __future__ import annotations

from functools import partial
from typing import Any

from mxt.events import checks, codes
import mxt.events.schemas.checks as schema_checks
'''
INDEX = '''"""What `mxt record KIND` needs of each kind's model without defining it: its fields (the
command's options) and its docstring (its help); its core schema is `prebuilt_KIND.py`.
Written by `python -m mxt.events.schemas.prebuild` from the models (do not edit; see there).
"""

# fmt: off
from __future__ import annotations

from typing import Any
'''


class Writer:
    """Python source of core schemas: the plain classes they name, and each kind's schema."""

    def __init__(self) -> None:
        self.classes: dict[str, type[BaseModel]] = {}

    def value(self, item: Any, indent: int) -> str:
        """`item` as a Python expression, nested dicts and lists one entry a line."""
        pad = "    " * (indent + 1)
        if isinstance(item, dict):
            if not item:
                return "{}"
            entries = [
                f"{pad}{key!r}: {self.entry(key, value, indent + 1)},"
                for key, value in item.items()
                if key != "metadata"
            ]
            return "{\n" + "\n".join(entries) + "\n" + "    " * indent + "}"
        if isinstance(item, list | tuple):
            if all(isinstance(part, str | int | float | bool | None) for part in item):
                return repr(list(item))
            entries = [f"{pad}{self.value(part, indent + 1)}," for part in item]
            return "[\n" + "\n".join(entries) + "\n" + "    " * indent + "]"
        if isinstance(item, type) and issubclass(item, BaseModel):
            return self.model_class(item)
        if item is list:
            return "list"
        if isinstance(item, functools.partial):
            if item.func is max_length_validator and not item.args:
                return f"partial(checks.max_length, max_length={item.keywords['max_length']!r})"
            raise ValueError(f"no prebuilt twin of {item!r}")
        if isinstance(item, types.MethodType):
            owner = item.__self__
            function = item.__func__
            if not (isinstance(owner, type) and issubclass(owner, BaseModel)) or not isinstance(
                function, types.FunctionType
            ):
                raise ValueError(f"{item!r} cannot be prebuilt")
            return f"partial({self.function(function)}, {self.model_class(owner)})"
        if isinstance(item, types.FunctionType):
            if item.__qualname__ == PLAIN_SERIALIZER:
                return "checks.serialized"
            return self.function(item)
        if isinstance(item, str | int | float | bool | None):
            return repr(item)
        raise ValueError(f"cannot write {item!r} ({type(item).__name__}) as prebuilt source")

    def entry(self, key: str, value: Any, indent: int) -> str:
        """One entry of a schema; a model's reference loses the process-dependent number
        pydantic gives it (`mxt.events.schemas.base.Source:94557888111152`)."""
        if key in ("ref", "schema_ref") and isinstance(value, str):
            return repr(re.sub(r":\d+$", "", value))
        return self.value(value, indent)

    def function(self, function: types.FunctionType) -> str:
        """A function by the pydantic-free module that defines it at its top level."""
        alias = MODULES.get(function.__module__)
        module = sys.modules.get(function.__module__)
        name = function.__name__
        if alias is None or getattr(module, name, None) is not function:
            raise ValueError(
                f"{function.__module__}.{function.__qualname__} is not a top-level function of "
                f"a module a prebuilt schema may call ({', '.join(MODULES)}): move it there"
            )
        return f"{alias}.{name}"

    def model_class(self, model: type[BaseModel]) -> str:
        """The plain class standing for a model (one per name)."""
        known = self.classes.setdefault(model.__name__, model)
        if known is not model:
            raise ValueError(f"two models named {model.__name__}")
        return model.__name__

    def class_source(self, model: type[BaseModel]) -> str:
        """A plain class with the model's name and class variables (`count_field`)."""
        lines = [
            f"class {model.__name__}:",
            f'    """Filled by pydantic_core as `{model.__module__}.{model.__qualname__}` is."""',
        ]
        for name in sorted(model.__class_vars__):
            value = getattr(model, name)
            if not isinstance(value, str | int | float | bool | None):
                raise ValueError(f"{model.__name__}.{name} = {value!r} cannot be prebuilt")
            lines.append(f"    {name} = {value!r}")
        return "\n".join(lines)


def allowed(annotation: Any) -> list[str]:
    """The values a `Literal[...]` field allows (inside `X | None` too); [] for any other."""
    if get_origin(annotation) is Literal:
        return [str(value) for value in get_args(annotation)]
    return [value for arg in get_args(annotation) for value in allowed(arg)]


def is_flag(annotation: Any) -> bool:
    """Whether a field is a yes/no one (`bool`, inside `X | None` or `Annotated` too)."""
    if annotation is bool:
        return True
    return any(is_flag(arg) for arg in get_args(annotation) if arg is not type(None))


def field_facts(model: type[BaseModel]) -> list[tuple[Any, ...]]:
    """What `mxt record KIND` makes an option of, per field of the model (`FIELD_FACTS`)."""
    return [
        (name, info.alias, info.description, info.is_required(), allowed(info.annotation),
         "list" in str(info.annotation) or get_origin(info.annotation) is list,
         is_flag(info.annotation))
        for name, info in model.model_fields.items()
    ]  # fmt: skip


def sources() -> dict[Path, str]:
    """The text of `prebuilt.py` (each kind's fields, for `mxt record KIND`'s options) and of
    each kind's `prebuilt_KIND.py` (its core schema), as the models are now."""
    written: dict[Path, str] = {}
    for kind in KIND_NAMES:
        writer = Writer()
        model = schema_of(kind)
        model.model_rebuild()
        schema = writer.value(model.__pydantic_core_schema__, 1)
        origin = f"{model.__module__}.{model.__qualname__}"
        function = (
            "def core_schema() -> Any:\n"
            f'    """The core schema of `{kind}`, as pydantic builds it from `{origin}`."""\n'
            f"    return {schema}\n"
        )
        classes = [writer.class_source(model) for model in writer.classes.values()]
        header = HEADER.replace("KIND", kind)
        written[TARGET.with_name(f"{module_name(kind)}.py")] = "\n\n".join(
            [header, *classes, function]
        )
    facts = "".join(f"    {kind!r}: {field_facts(schema_of(kind))!r},\n" for kind in KIND_NAMES)
    docs = "".join(f"    {kind!r}: {schema_of(kind).__doc__!r},\n" for kind in KIND_NAMES)
    from pydantic_core import __version__ as core_version

    written[TARGET] = "\n\n".join(
        [INDEX,
         "# The pydantic-core whose schema format the kinds' core schemas are written in: under\n"
         "# another, `mxt record` validates with the models instead.\n"
         f"PYDANTIC_CORE = {core_version!r}\n",
         "# Each field of each kind as `mxt record KIND` makes an option of it: name, alias,\n"
         "# description, required, allowed values, a list, a flag.\n"
         f"FIELD_FACTS: dict[str, list[tuple[Any, ...]]] = {{\n{facts}}}\n",
         f"DOCS = {{\n{docs}}}\n"]
    )  # fmt: skip
    return written


def module_name(kind: str) -> str:
    """The module of a kind's prebuilt core schema: `prebuilt_wait_time` for `wait-time`."""
    return f"prebuilt_{kind.replace('-', '_')}"


def main() -> None:
    """Writes `prebuilt.py` and the kinds' `prebuilt_KIND.py` beside this module."""
    for path, text in sources().items():
        path.write_text(text)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
