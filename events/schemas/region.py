"""The `region` interchange line: a region of one's own, defined in the log (docs/concepts.md,
Regions). It is no announcement: it has no company and no date; a later definition of the
same name replaces the earlier one from the moment it is recorded (`--known-at`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from mxt.events.fields import Text
from mxt.events.regions import ALL, check_region_market, check_region_name

from .base import Frozen

RegionName = Annotated[
    str,
    AfterValidator(check_region_name),
    Field(
        description="Uppercase letters, digits and -, 3 to 24 characters, beginning with a "
        "letter; never a country code nor a built-in region's name.",
        json_schema_extra={"pattern": r"^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$"},
    ),
]
RegionMarket = Annotated[
    str,
    AfterValidator(check_region_market),
    Field(json_schema_extra={"pattern": r"^([A-Za-z][A-Za-z0-9-]{1,23}|\*)$"}),
]


def _listed(codes: list[str]) -> list[str]:
    """A definition's markets as stored: each once, sorted (`*` first), so that one region
    has one spelling whatever the order it was given in."""
    return sorted(set(codes))


class RegionLine(Frozen):
    """A region of one's own: the markets it names (countries, built-in regions, regions of
    one's own, or `*`), less those it excepts, and why it was defined."""

    kind: Literal["region"] = "region"
    name: RegionName
    markets: Annotated[list[RegionMarket], AfterValidator(_listed)] = Field(
        min_length=1, max_length=300, description="Countries, regions or * (every market)."
    )
    except_: Annotated[list[RegionMarket], AfterValidator(_listed)] = Field(
        default_factory=list, alias="except", max_length=300, description="Markets left out."
    )
    reason: Text = Field(min_length=1, description="Why the region is defined (its source).")

    @model_validator(mode="after")
    def _consistent(self) -> RegionLine:
        if self.name in self.markets or self.name in self.except_:
            raise ValueError(f"markets: {self.name} cannot name itself")
        if ALL in self.except_:
            raise ValueError("except: * would leave nothing")
        both = sorted(set(self.markets) & set(self.except_))
        if both:
            raise ValueError(f"except: {', '.join(both)} is also one of the markets")
        return self

    def dump(self) -> dict[str, Any]:
        """The JSON form kept in the log and written by `mxt export`."""
        return self.model_dump(mode="json", by_alias=True)


SCHEMA = RegionLine
