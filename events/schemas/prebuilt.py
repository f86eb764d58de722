"""Every announcement kind's pydantic core schema, prebuilt: written by
`python -m mxt.events.schemas.prebuild` from the models (do not edit; see there).

`mxt record` validates with these (`schemas.validate_for_record`) without defining a model.
"""

# fmt: off
from __future__ import annotations

from functools import partial
from typing import Any

from mxt.events import checks, codes
from mxt.events.schemas import checks as schema_checks


class Launch:
    """Filled by pydantic_core as `mxt.events.schemas.launch.Launch` is."""
    schema_version = 1

class Source:
    """Filled by pydantic_core as `mxt.events.schemas.base.Source` is."""

class Orders:
    """Filled by pydantic_core as `mxt.events.schemas.orders.Orders` is."""
    count_field = 'count'
    schema_version = 1

class WaitTime:
    """Filled by pydantic_core as `mxt.events.schemas.wait_time.WaitTime` is."""
    schema_version = 1

class Target:
    """Filled by pydantic_core as `mxt.events.schemas.target.Target` is."""
    count_field = 'value'
    schema_version = 1

class Deliveries:
    """Filled by pydantic_core as `mxt.events.schemas.deliveries.Deliveries` is."""
    count_field = 'units'
    schema_version = 1

class Factory:
    """Filled by pydantic_core as `mxt.events.schemas.factory.Factory` is."""
    schema_version = 1

class Policy:
    """Filled by pydantic_core as `mxt.events.schemas.policy.Policy` is."""
    schema_version = 1

class Showcase:
    """Filled by pydantic_core as `mxt.events.schemas.showcase.Showcase` is."""
    schema_version = 1

class ExpectedEntry:
    """Filled by pydantic_core as `mxt.events.schemas.expected_entry.ExpectedEntry` is."""
    schema_version = 1

class Exit:
    """Filled by pydantic_core as `mxt.events.schemas.exit.Exit` is."""
    schema_version = 1

class Statement:
    """Filled by pydantic_core as `mxt.events.schemas.statement.Statement` is."""
    schema_version = 1

class Claim:
    """Filled by pydantic_core as `mxt.events.schemas.claim.Claim` is."""
    schema_version = 1

class StreakClaim:
    """Filled by pydantic_core as `mxt.events.schemas.claim.StreakClaim` is."""

class TotalClaim:
    """Filled by pydantic_core as `mxt.events.schemas.claim.TotalClaim` is."""

class TargetClaim:
    """Filled by pydantic_core as `mxt.events.schemas.claim.TargetClaim` is."""

class LaunchedClaim:
    """Filled by pydantic_core as `mxt.events.schemas.claim.LaunchedClaim` is."""

class CompareClaim:
    """Filled by pydantic_core as `mxt.events.schemas.claim.CompareClaim` is."""

def launch() -> Any:
    """The core schema of `launch` (mxt.events.schemas.launch.Launch)."""
    return {
        'type': 'function-after',
        'function': {
            'type': 'no-info',
            'function': schema_checks.happened_by_its_announcement,
        },
        'schema': {
            'type': 'model',
            'cls': Launch,
            'schema': {
                'type': 'model-fields',
                'fields': {
                    'id': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'nullable',
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': checks.check_identifier,
                                    },
                                    'schema': {
                                        'type': 'str',
                                    },
                                },
                            },
                            'default': None,
                        },
                    },
                    'company': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': checks.check_name,
                            },
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': partial(checks.max_length, max_length=200),
                                },
                                'schema': {
                                    'type': 'function-before',
                                    'function': {
                                        'type': 'no-info',
                                        'function': checks.normalised_name,
                                    },
                                    'schema': {
                                        'type': 'str',
                                    },
                                },
                            },
                        },
                    },
                    'announced_on': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': codes.parse_iso_date,
                            },
                            'schema': {
                                'type': 'date',
                            },
                        },
                    },
                    'source': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'model',
                            'cls': Source,
                            'schema': {
                                'type': 'model-fields',
                                'fields': {
                                    'title': {
                                        'type': 'model-field',
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': checks.check_name,
                                            },
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': partial(checks.max_length, max_length=200),
                                                },
                                                'schema': {
                                                    'type': 'function-before',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.normalised_name,
                                                    },
                                                    'schema': {
                                                        'type': 'str',
                                                    },
                                                },
                                            },
                                        },
                                    },
                                    'url': {
                                        'type': 'model-field',
                                        'schema': {
                                            'type': 'default',
                                            'schema': {
                                                'type': 'nullable',
                                                'schema': {
                                                    'type': 'str',
                                                    'max_length': 2000,
                                                    'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                                },
                                            },
                                            'default': None,
                                        },
                                    },
                                    'publisher': {
                                        'type': 'model-field',
                                        'schema': {
                                            'type': 'default',
                                            'schema': {
                                                'type': 'nullable',
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.check_name,
                                                    },
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': partial(checks.max_length, max_length=200),
                                                        },
                                                        'schema': {
                                                            'type': 'function-before',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': checks.normalised_name,
                                                            },
                                                            'schema': {
                                                                'type': 'str',
                                                            },
                                                        },
                                                    },
                                                },
                                            },
                                            'default': None,
                                        },
                                    },
                                    'quote': {
                                        'type': 'model-field',
                                        'schema': {
                                            'type': 'default',
                                            'schema': {
                                                'type': 'nullable',
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.check_text,
                                                    },
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': partial(checks.max_length, max_length=10000),
                                                        },
                                                        'schema': {
                                                            'type': 'function-before',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': checks.trimmed,
                                                            },
                                                            'schema': {
                                                                'type': 'str',
                                                            },
                                                        },
                                                    },
                                                },
                                            },
                                            'default': None,
                                        },
                                    },
                                },
                                'model_name': 'Source',
                                'computed_fields': [],
                            },
                            'custom_init': False,
                            'root_model': False,
                            'config': {
                                'extra_fields_behavior': 'forbid',
                                'validate_by_alias': True,
                                'validate_by_name': True,
                                'title': 'Source',
                            },
                            'ref': 'mxt.events.schemas.base.Source',
                        },
                    },
                    'speaker': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'nullable',
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': checks.check_name,
                                    },
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': partial(checks.max_length, max_length=200),
                                        },
                                        'schema': {
                                            'type': 'function-before',
                                            'function': {
                                                'type': 'no-info',
                                                'function': checks.normalised_name,
                                            },
                                            'schema': {
                                                'type': 'str',
                                            },
                                        },
                                    },
                                },
                            },
                            'default': None,
                        },
                    },
                    'certainty': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'literal',
                                'expected': ['confirmed', 'reported', 'expected'],
                            },
                            'default': 'confirmed',
                        },
                    },
                    'note': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'nullable',
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': checks.check_text,
                                    },
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': partial(checks.max_length, max_length=10000),
                                        },
                                        'schema': {
                                            'type': 'function-before',
                                            'function': {
                                                'type': 'no-info',
                                                'function': checks.trimmed,
                                            },
                                            'schema': {
                                                'type': 'str',
                                            },
                                        },
                                    },
                                },
                            },
                            'default': None,
                        },
                    },
                    'kind': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'literal',
                                'expected': ['launch'],
                            },
                            'default': 'launch',
                        },
                    },
                    'model': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': checks.check_name,
                            },
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': partial(checks.max_length, max_length=200),
                                },
                                'schema': {
                                    'type': 'function-before',
                                    'function': {
                                        'type': 'no-info',
                                        'function': checks.normalised_name,
                                    },
                                    'schema': {
                                        'type': 'str',
                                    },
                                },
                            },
                        },
                    },
                    'market': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': codes.check_market_said,
                            },
                            'schema': {
                                'type': 'str',
                            },
                        },
                    },
                    'launched_on': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'nullable',
                                'schema': {
                                    'type': 'function-plain',
                                    'function': {
                                        'type': 'no-info',
                                        'function': checks.check_day_or_period,
                                    },
                                    'json_schema_input_schema': {
                                        'type': 'any',
                                    },
                                    'serialization': {
                                        'type': 'function-wrap',
                                        'function': checks.serialized,
                                        'schema': {
                                            'type': 'str',
                                        },
                                        'return_schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                            'default': None,
                        },
                    },
                    'status': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'nullable',
                                'schema': {
                                    'type': 'literal',
                                    'expected': ['launched', 'planned', 'paused', 'cancelled'],
                                },
                            },
                            'default': None,
                        },
                    },
                    'segment': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'nullable',
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': checks.check_name,
                                    },
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': partial(checks.max_length, max_length=200),
                                        },
                                        'schema': {
                                            'type': 'function-before',
                                            'function': {
                                                'type': 'no-info',
                                                'function': checks.normalised_name,
                                            },
                                            'schema': {
                                                'type': 'str',
                                            },
                                        },
                                    },
                                },
                            },
                            'default': None,
                        },
                    },
                    'competitor': {
                        'type': 'model-field',
                        'schema': {
                            'type': 'default',
                            'schema': {
                                'type': 'nullable',
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': checks.check_name,
                                    },
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': partial(checks.max_length, max_length=200),
                                        },
                                        'schema': {
                                            'type': 'function-before',
                                            'function': {
                                                'type': 'no-info',
                                                'function': checks.normalised_name,
                                            },
                                            'schema': {
                                                'type': 'str',
                                            },
                                        },
                                    },
                                },
                            },
                            'default': None,
                        },
                    },
                },
                'model_name': 'Launch',
                'computed_fields': [],
            },
            'custom_init': False,
            'root_model': False,
            'config': {
                'extra_fields_behavior': 'forbid',
                'validate_by_alias': True,
                'validate_by_name': True,
                'title': 'Launch',
            },
        },
        'ref': 'mxt.events.schemas.launch.Launch',
    }


def orders() -> Any:
    """The core schema of `orders` (mxt.events.schemas.orders.Orders)."""
    return {
        'type': 'function-after',
        'function': {
            'type': 'no-info',
            'function': schema_checks.check_range,
        },
        'schema': {
            'type': 'model',
            'cls': Orders,
            'schema': {
                'type': 'function-before',
                'function': {
                    'type': 'no-info',
                    'function': partial(schema_checks.spelled_bound, Orders),
                },
                'schema': {
                    'type': 'model-fields',
                    'fields': {
                        'id': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_identifier,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                        'company': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'announced_on': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': codes.parse_iso_date,
                                },
                                'schema': {
                                    'type': 'date',
                                },
                            },
                        },
                        'source': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'model',
                                'cls': Source,
                                'schema': {
                                    'type': 'model-fields',
                                    'fields': {
                                        'title': {
                                            'type': 'model-field',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'url': {
                                            'type': 'model-field',
                                            'schema': {
                                                'type': 'default',
                                                'schema': {
                                                    'type': 'nullable',
                                                    'schema': {
                                                        'type': 'str',
                                                        'max_length': 2000,
                                                        'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                                    },
                                                },
                                                'default': None,
                                            },
                                        },
                                        'publisher': {
                                            'type': 'model-field',
                                            'schema': {
                                                'type': 'default',
                                                'schema': {
                                                    'type': 'nullable',
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.check_name,
                                                        },
                                                        'schema': {
                                                            'type': 'function-after',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': partial(checks.max_length, max_length=200),
                                                            },
                                                            'schema': {
                                                                'type': 'function-before',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.normalised_name,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                        },
                                                    },
                                                },
                                                'default': None,
                                            },
                                        },
                                        'quote': {
                                            'type': 'model-field',
                                            'schema': {
                                                'type': 'default',
                                                'schema': {
                                                    'type': 'nullable',
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.check_text,
                                                        },
                                                        'schema': {
                                                            'type': 'function-after',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': partial(checks.max_length, max_length=10000),
                                                            },
                                                            'schema': {
                                                                'type': 'function-before',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.trimmed,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                        },
                                                    },
                                                },
                                                'default': None,
                                            },
                                        },
                                    },
                                    'model_name': 'Source',
                                    'computed_fields': [],
                                },
                                'custom_init': False,
                                'root_model': False,
                                'config': {
                                    'extra_fields_behavior': 'forbid',
                                    'validate_by_alias': True,
                                    'validate_by_name': True,
                                    'title': 'Source',
                                },
                                'ref': 'mxt.events.schemas.base.Source',
                            },
                        },
                        'speaker': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                        'certainty': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'literal',
                                    'expected': ['confirmed', 'reported', 'expected'],
                                },
                                'default': 'confirmed',
                            },
                        },
                        'note': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_text,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=10000),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.trimmed,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                        'bound': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'literal',
                                        'expected': ['exact', 'at-least', 'at-most', 'about', 'range'],
                                    },
                                },
                                'default': None,
                            },
                        },
                        'high': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.parse_count,
                                        },
                                        'schema': {
                                            'type': 'int',
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                        'markets': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'list',
                                        'items_schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': checks.check_market_or_all,
                                            },
                                            'schema': {
                                                'type': 'str',
                                            },
                                        },
                                        'min_length': 1,
                                    },
                                },
                                'default': None,
                            },
                        },
                        'except_': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'list',
                                        'items_schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': codes.check_market_said,
                                            },
                                            'schema': {
                                                'type': 'str',
                                            },
                                        },
                                    },
                                },
                                'default': None,
                            },
                            'validation_alias': 'except',
                            'serialization_alias': 'except',
                        },
                        'kind': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'literal',
                                    'expected': ['orders'],
                                },
                                'default': 'orders',
                            },
                        },
                        'model': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'stage': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'literal',
                                'expected': ['pre-booking', 'locked', 'confirmed'],
                            },
                        },
                        'count': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.parse_count,
                                },
                                'schema': {
                                    'type': 'int',
                                },
                            },
                        },
                        'within': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_duration,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                    },
                    'model_name': 'Orders',
                    'computed_fields': [],
                },
            },
            'custom_init': False,
            'root_model': False,
            'config': {
                'extra_fields_behavior': 'forbid',
                'validate_by_alias': True,
                'validate_by_name': True,
                'title': 'Orders',
            },
        },
        'ref': 'mxt.events.schemas.orders.Orders',
    }


def wait_time() -> Any:
    """The core schema of `wait-time` (mxt.events.schemas.wait_time.WaitTime)."""
    return {
        'type': 'model',
        'cls': WaitTime,
        'schema': {
            'type': 'model-fields',
            'fields': {
                'id': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_identifier,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'company': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'announced_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
                'source': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'model',
                        'cls': Source,
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'title': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'url': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'str',
                                                'max_length': 2000,
                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'publisher': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'quote': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Source',
                            'computed_fields': [],
                        },
                        'custom_init': False,
                        'root_model': False,
                        'config': {
                            'extra_fields_behavior': 'forbid',
                            'validate_by_alias': True,
                            'validate_by_name': True,
                            'title': 'Source',
                        },
                        'ref': 'mxt.events.schemas.base.Source',
                    },
                },
                'speaker': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'certainty': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['confirmed', 'reported', 'expected'],
                        },
                        'default': 'confirmed',
                    },
                },
                'note': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_text,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=10000),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.trimmed,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'kind': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['wait-time'],
                        },
                        'default': 'wait-time',
                    },
                },
                'model': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'trim': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'max_months': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-plain',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_positive_number,
                        },
                        'json_schema_input_schema': {
                            'type': 'any',
                        },
                        'serialization': {
                            'type': 'function-wrap',
                            'function': checks.serialized,
                            'schema': {
                                'type': 'union',
                                'choices': [
                                    {
                                        'type': 'int',
                                    },
                                    {
                                        'type': 'float',
                                    },
                                ],
                            },
                            'return_schema': {
                                'type': 'union',
                                'choices': [
                                    {
                                        'type': 'int',
                                    },
                                    {
                                        'type': 'float',
                                    },
                                ],
                            },
                        },
                    },
                },
            },
            'model_name': 'WaitTime',
            'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
            'extra_fields_behavior': 'forbid',
            'validate_by_alias': True,
            'validate_by_name': True,
            'title': 'WaitTime',
        },
        'ref': 'mxt.events.schemas.wait_time.WaitTime',
    }


def target() -> Any:
    """The core schema of `target` (mxt.events.schemas.target.Target)."""
    return {
        'type': 'function-after',
        'function': {
            'type': 'no-info',
            'function': schema_checks.check_previous,
        },
        'schema': {
            'type': 'function-after',
            'function': {
                'type': 'no-info',
                'function': schema_checks.check_range,
            },
            'schema': {
                'type': 'model',
                'cls': Target,
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': partial(schema_checks.spelled_previous, Target),
                    },
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': partial(schema_checks.spelled_bound, Target),
                        },
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'id': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_identifier,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'company': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'announced_on': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': codes.parse_iso_date,
                                        },
                                        'schema': {
                                            'type': 'date',
                                        },
                                    },
                                },
                                'source': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'model',
                                        'cls': Source,
                                        'schema': {
                                            'type': 'model-fields',
                                            'fields': {
                                                'title': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.check_name,
                                                        },
                                                        'schema': {
                                                            'type': 'function-after',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': partial(checks.max_length, max_length=200),
                                                            },
                                                            'schema': {
                                                                'type': 'function-before',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.normalised_name,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                        },
                                                    },
                                                },
                                                'url': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'default',
                                                        'schema': {
                                                            'type': 'nullable',
                                                            'schema': {
                                                                'type': 'str',
                                                                'max_length': 2000,
                                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                                            },
                                                        },
                                                        'default': None,
                                                    },
                                                },
                                                'publisher': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'default',
                                                        'schema': {
                                                            'type': 'nullable',
                                                            'schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.check_name,
                                                                },
                                                                'schema': {
                                                                    'type': 'function-after',
                                                                    'function': {
                                                                        'type': 'no-info',
                                                                        'function': partial(checks.max_length, max_length=200),
                                                                    },
                                                                    'schema': {
                                                                        'type': 'function-before',
                                                                        'function': {
                                                                            'type': 'no-info',
                                                                            'function': checks.normalised_name,
                                                                        },
                                                                        'schema': {
                                                                            'type': 'str',
                                                                        },
                                                                    },
                                                                },
                                                            },
                                                        },
                                                        'default': None,
                                                    },
                                                },
                                                'quote': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'default',
                                                        'schema': {
                                                            'type': 'nullable',
                                                            'schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.check_text,
                                                                },
                                                                'schema': {
                                                                    'type': 'function-after',
                                                                    'function': {
                                                                        'type': 'no-info',
                                                                        'function': partial(checks.max_length, max_length=10000),
                                                                    },
                                                                    'schema': {
                                                                        'type': 'function-before',
                                                                        'function': {
                                                                            'type': 'no-info',
                                                                            'function': checks.trimmed,
                                                                        },
                                                                        'schema': {
                                                                            'type': 'str',
                                                                        },
                                                                    },
                                                                },
                                                            },
                                                        },
                                                        'default': None,
                                                    },
                                                },
                                            },
                                            'model_name': 'Source',
                                            'computed_fields': [],
                                        },
                                        'custom_init': False,
                                        'root_model': False,
                                        'config': {
                                            'extra_fields_behavior': 'forbid',
                                            'validate_by_alias': True,
                                            'validate_by_name': True,
                                            'title': 'Source',
                                        },
                                        'ref': 'mxt.events.schemas.base.Source',
                                    },
                                },
                                'speaker': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'certainty': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'literal',
                                            'expected': ['confirmed', 'reported', 'expected'],
                                        },
                                        'default': 'confirmed',
                                    },
                                },
                                'note': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'bound': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'literal',
                                                'expected': ['exact', 'at-least', 'at-most', 'about', 'range'],
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'high': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.parse_count,
                                                },
                                                'schema': {
                                                    'type': 'int',
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'markets': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'list',
                                                'items_schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.check_market_or_all,
                                                    },
                                                    'schema': {
                                                        'type': 'str',
                                                    },
                                                },
                                                'min_length': 1,
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'except_': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'list',
                                                'items_schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': codes.check_market_said,
                                                    },
                                                    'schema': {
                                                        'type': 'str',
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                    'validation_alias': 'except',
                                    'serialization_alias': 'except',
                                },
                                'kind': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'literal',
                                            'expected': ['target'],
                                        },
                                        'default': 'target',
                                    },
                                },
                                'metric': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'literal',
                                        'expected': ['production', 'wholesale', 'deliveries', 'sales', 'retail', 'registrations', 'exports', 'bookings'],
                                    },
                                },
                                'period': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_period,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                                'value': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.parse_count,
                                        },
                                        'schema': {
                                            'type': 'int',
                                        },
                                    },
                                },
                                'previous': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.parse_count,
                                                },
                                                'schema': {
                                                    'type': 'int',
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'previous_high': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.parse_count,
                                                },
                                                'schema': {
                                                    'type': 'int',
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Target',
                            'computed_fields': [],
                        },
                    },
                },
                'custom_init': False,
                'root_model': False,
                'config': {
                    'extra_fields_behavior': 'forbid',
                    'validate_by_alias': True,
                    'validate_by_name': True,
                    'title': 'Target',
                },
            },
        },
        'ref': 'mxt.events.schemas.target.Target',
    }


def deliveries() -> Any:
    """The core schema of `deliveries` (mxt.events.schemas.deliveries.Deliveries)."""
    return {
        'type': 'function-after',
        'function': {
            'type': 'no-info',
            'function': schema_checks.check_range,
        },
        'schema': {
            'type': 'model',
            'cls': Deliveries,
            'schema': {
                'type': 'function-before',
                'function': {
                    'type': 'no-info',
                    'function': partial(schema_checks.spelled_bound, Deliveries),
                },
                'schema': {
                    'type': 'model-fields',
                    'fields': {
                        'id': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_identifier,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                        'company': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'announced_on': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': codes.parse_iso_date,
                                },
                                'schema': {
                                    'type': 'date',
                                },
                            },
                        },
                        'source': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'model',
                                'cls': Source,
                                'schema': {
                                    'type': 'model-fields',
                                    'fields': {
                                        'title': {
                                            'type': 'model-field',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'url': {
                                            'type': 'model-field',
                                            'schema': {
                                                'type': 'default',
                                                'schema': {
                                                    'type': 'nullable',
                                                    'schema': {
                                                        'type': 'str',
                                                        'max_length': 2000,
                                                        'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                                    },
                                                },
                                                'default': None,
                                            },
                                        },
                                        'publisher': {
                                            'type': 'model-field',
                                            'schema': {
                                                'type': 'default',
                                                'schema': {
                                                    'type': 'nullable',
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.check_name,
                                                        },
                                                        'schema': {
                                                            'type': 'function-after',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': partial(checks.max_length, max_length=200),
                                                            },
                                                            'schema': {
                                                                'type': 'function-before',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.normalised_name,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                        },
                                                    },
                                                },
                                                'default': None,
                                            },
                                        },
                                        'quote': {
                                            'type': 'model-field',
                                            'schema': {
                                                'type': 'default',
                                                'schema': {
                                                    'type': 'nullable',
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.check_text,
                                                        },
                                                        'schema': {
                                                            'type': 'function-after',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': partial(checks.max_length, max_length=10000),
                                                            },
                                                            'schema': {
                                                                'type': 'function-before',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.trimmed,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                        },
                                                    },
                                                },
                                                'default': None,
                                            },
                                        },
                                    },
                                    'model_name': 'Source',
                                    'computed_fields': [],
                                },
                                'custom_init': False,
                                'root_model': False,
                                'config': {
                                    'extra_fields_behavior': 'forbid',
                                    'validate_by_alias': True,
                                    'validate_by_name': True,
                                    'title': 'Source',
                                },
                                'ref': 'mxt.events.schemas.base.Source',
                            },
                        },
                        'speaker': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                        'certainty': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'literal',
                                    'expected': ['confirmed', 'reported', 'expected'],
                                },
                                'default': 'confirmed',
                            },
                        },
                        'note': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_text,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=10000),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.trimmed,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                        'bound': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'literal',
                                        'expected': ['exact', 'at-least', 'at-most', 'about', 'range'],
                                    },
                                },
                                'default': None,
                            },
                        },
                        'high': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.parse_count,
                                        },
                                        'schema': {
                                            'type': 'int',
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                        'markets': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'list',
                                        'items_schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': checks.check_market_or_all,
                                            },
                                            'schema': {
                                                'type': 'str',
                                            },
                                        },
                                        'min_length': 1,
                                    },
                                },
                                'default': None,
                            },
                        },
                        'except_': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'list',
                                        'items_schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': codes.check_market_said,
                                            },
                                            'schema': {
                                                'type': 'str',
                                            },
                                        },
                                    },
                                },
                                'default': None,
                            },
                            'validation_alias': 'except',
                            'serialization_alias': 'except',
                        },
                        'kind': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'literal',
                                    'expected': ['deliveries'],
                                },
                                'default': 'deliveries',
                            },
                        },
                        'period': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_period,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'units': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.parse_count,
                                },
                                'schema': {
                                    'type': 'int',
                                },
                            },
                        },
                        'metric': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'literal',
                                        'expected': ['production', 'wholesale', 'deliveries', 'sales', 'retail', 'registrations', 'exports', 'bookings'],
                                    },
                                },
                                'default': None,
                            },
                        },
                        'model': {
                            'type': 'model-field',
                            'schema': {
                                'type': 'default',
                                'schema': {
                                    'type': 'nullable',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'default': None,
                            },
                        },
                    },
                    'model_name': 'Deliveries',
                    'computed_fields': [],
                },
            },
            'custom_init': False,
            'root_model': False,
            'config': {
                'extra_fields_behavior': 'forbid',
                'validate_by_alias': True,
                'validate_by_name': True,
                'title': 'Deliveries',
            },
        },
        'ref': 'mxt.events.schemas.deliveries.Deliveries',
    }


def factory() -> Any:
    """The core schema of `factory` (mxt.events.schemas.factory.Factory)."""
    return {
        'type': 'model',
        'cls': Factory,
        'schema': {
            'type': 'model-fields',
            'fields': {
                'id': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_identifier,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'company': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'announced_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
                'source': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'model',
                        'cls': Source,
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'title': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'url': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'str',
                                                'max_length': 2000,
                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'publisher': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'quote': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Source',
                            'computed_fields': [],
                        },
                        'custom_init': False,
                        'root_model': False,
                        'config': {
                            'extra_fields_behavior': 'forbid',
                            'validate_by_alias': True,
                            'validate_by_name': True,
                            'title': 'Source',
                        },
                        'ref': 'mxt.events.schemas.base.Source',
                    },
                },
                'speaker': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'certainty': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['confirmed', 'reported', 'expected'],
                        },
                        'default': 'confirmed',
                    },
                },
                'note': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_text,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=10000),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.trimmed,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'kind': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['factory'],
                        },
                        'default': 'factory',
                    },
                },
                'site': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'phase': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'int',
                        'ge': 1,
                    },
                },
                'market': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': schema_checks.one_country,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': codes.check_market_said,
                                    },
                                    'schema': {
                                        'type': 'str',
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'status': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'literal',
                        'expected': ['land-acquired', 'under-construction', 'completed', 'operational', 'paused', 'cancelled', 'closed'],
                    },
                },
                'effective_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-plain',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_day_or_period,
                                },
                                'json_schema_input_schema': {
                                    'type': 'any',
                                },
                                'serialization': {
                                    'type': 'function-wrap',
                                    'function': checks.serialized,
                                    'schema': {
                                        'type': 'str',
                                    },
                                    'return_schema': {
                                        'type': 'str',
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'capacity': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.parse_count,
                                },
                                'schema': {
                                    'type': 'int',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'assembly': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'literal',
                                'expected': ['full', 'ckd', 'skd'],
                            },
                        },
                        'default': None,
                    },
                },
            },
            'model_name': 'Factory',
            'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
            'extra_fields_behavior': 'forbid',
            'validate_by_alias': True,
            'validate_by_name': True,
            'title': 'Factory',
        },
        'ref': 'mxt.events.schemas.factory.Factory',
    }


def policy() -> Any:
    """The core schema of `policy` (mxt.events.schemas.policy.Policy)."""
    return {
        'type': 'model',
        'cls': Policy,
        'schema': {
            'type': 'model-fields',
            'fields': {
                'id': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_identifier,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'company': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'announced_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
                'source': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'model',
                        'cls': Source,
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'title': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'url': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'str',
                                                'max_length': 2000,
                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'publisher': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'quote': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Source',
                            'computed_fields': [],
                        },
                        'custom_init': False,
                        'root_model': False,
                        'config': {
                            'extra_fields_behavior': 'forbid',
                            'validate_by_alias': True,
                            'validate_by_name': True,
                            'title': 'Source',
                        },
                        'ref': 'mxt.events.schemas.base.Source',
                    },
                },
                'speaker': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'certainty': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['confirmed', 'reported', 'expected'],
                        },
                        'default': 'confirmed',
                    },
                },
                'note': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_text,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=10000),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.trimmed,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'kind': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['policy'],
                        },
                        'default': 'policy',
                    },
                },
                'markets': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'list',
                        'items_schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': checks.check_market_or_all,
                            },
                            'schema': {
                                'type': 'str',
                            },
                        },
                        'min_length': 1,
                    },
                },
                'except_': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': codes.check_market_said,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default_factory': list,
                        'default_factory_takes_data': False,
                    },
                    'validation_alias': 'except',
                    'serialization_alias': 'except',
                },
                'not_before': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
            },
            'model_name': 'Policy',
            'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
            'extra_fields_behavior': 'forbid',
            'validate_by_alias': True,
            'validate_by_name': True,
            'title': 'Policy',
        },
        'ref': 'mxt.events.schemas.policy.Policy',
    }


def showcase() -> Any:
    """The core schema of `showcase` (mxt.events.schemas.showcase.Showcase)."""
    return {
        'type': 'model',
        'cls': Showcase,
        'schema': {
            'type': 'model-fields',
            'fields': {
                'id': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_identifier,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'company': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'announced_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
                'source': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'model',
                        'cls': Source,
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'title': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'url': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'str',
                                                'max_length': 2000,
                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'publisher': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'quote': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Source',
                            'computed_fields': [],
                        },
                        'custom_init': False,
                        'root_model': False,
                        'config': {
                            'extra_fields_behavior': 'forbid',
                            'validate_by_alias': True,
                            'validate_by_name': True,
                            'title': 'Source',
                        },
                        'ref': 'mxt.events.schemas.base.Source',
                    },
                },
                'speaker': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'certainty': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['confirmed', 'reported', 'expected'],
                        },
                        'default': 'confirmed',
                    },
                },
                'note': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_text,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=10000),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.trimmed,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'kind': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['showcase'],
                        },
                        'default': 'showcase',
                    },
                },
                'model': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'market': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': codes.check_market_said,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'venue': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
            },
            'model_name': 'Showcase',
            'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
            'extra_fields_behavior': 'forbid',
            'validate_by_alias': True,
            'validate_by_name': True,
            'title': 'Showcase',
        },
        'ref': 'mxt.events.schemas.showcase.Showcase',
    }


def expected_entry() -> Any:
    """The core schema of `expected-entry` (mxt.events.schemas.expected_entry.ExpectedEntry)."""
    return {
        'type': 'model',
        'cls': ExpectedEntry,
        'schema': {
            'type': 'model-fields',
            'fields': {
                'id': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_identifier,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'company': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'announced_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
                'source': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'model',
                        'cls': Source,
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'title': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'url': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'str',
                                                'max_length': 2000,
                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'publisher': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'quote': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Source',
                            'computed_fields': [],
                        },
                        'custom_init': False,
                        'root_model': False,
                        'config': {
                            'extra_fields_behavior': 'forbid',
                            'validate_by_alias': True,
                            'validate_by_name': True,
                            'title': 'Source',
                        },
                        'ref': 'mxt.events.schemas.base.Source',
                    },
                },
                'speaker': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'certainty': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['confirmed', 'reported', 'expected'],
                        },
                        'default': 'confirmed',
                    },
                },
                'note': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_text,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=10000),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.trimmed,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'kind': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['expected-entry'],
                        },
                        'default': 'expected-entry',
                    },
                },
                'market': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': codes.check_market_said,
                        },
                        'schema': {
                            'type': 'str',
                        },
                    },
                },
                'model': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'expected': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-plain',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_day_or_period,
                        },
                        'json_schema_input_schema': {
                            'type': 'any',
                        },
                        'serialization': {
                            'type': 'function-wrap',
                            'function': checks.serialized,
                            'schema': {
                                'type': 'str',
                            },
                            'return_schema': {
                                'type': 'str',
                            },
                        },
                    },
                },
            },
            'model_name': 'ExpectedEntry',
            'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
            'extra_fields_behavior': 'forbid',
            'validate_by_alias': True,
            'validate_by_name': True,
            'title': 'ExpectedEntry',
        },
        'ref': 'mxt.events.schemas.expected_entry.ExpectedEntry',
    }


def exit() -> Any:
    """The core schema of `exit` (mxt.events.schemas.exit.Exit)."""
    return {
        'type': 'model',
        'cls': Exit,
        'schema': {
            'type': 'model-fields',
            'fields': {
                'id': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_identifier,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'company': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'announced_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
                'source': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'model',
                        'cls': Source,
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'title': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'url': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'str',
                                                'max_length': 2000,
                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'publisher': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'quote': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Source',
                            'computed_fields': [],
                        },
                        'custom_init': False,
                        'root_model': False,
                        'config': {
                            'extra_fields_behavior': 'forbid',
                            'validate_by_alias': True,
                            'validate_by_name': True,
                            'title': 'Source',
                        },
                        'ref': 'mxt.events.schemas.base.Source',
                    },
                },
                'speaker': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'certainty': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['confirmed', 'reported', 'expected'],
                        },
                        'default': 'confirmed',
                    },
                },
                'note': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_text,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=10000),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.trimmed,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'kind': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['exit'],
                        },
                        'default': 'exit',
                    },
                },
                'markets': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'list',
                        'items_schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': checks.check_market_or_all,
                            },
                            'schema': {
                                'type': 'str',
                            },
                        },
                        'min_length': 1,
                    },
                },
                'except_': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'list',
                                'items_schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': codes.check_market_said,
                                    },
                                    'schema': {
                                        'type': 'str',
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                    'validation_alias': 'except',
                    'serialization_alias': 'except',
                },
                'model': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'effective_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-plain',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_day_or_period,
                                },
                                'json_schema_input_schema': {
                                    'type': 'any',
                                },
                                'serialization': {
                                    'type': 'function-wrap',
                                    'function': checks.serialized,
                                    'schema': {
                                        'type': 'str',
                                    },
                                    'return_schema': {
                                        'type': 'str',
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'temporary': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.spelled_flag,
                                },
                                'schema': {
                                    'type': 'bool',
                                    'strict': True,
                                },
                            },
                        },
                        'default': None,
                    },
                },
            },
            'model_name': 'Exit',
            'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
            'extra_fields_behavior': 'forbid',
            'validate_by_alias': True,
            'validate_by_name': True,
            'title': 'Exit',
        },
        'ref': 'mxt.events.schemas.exit.Exit',
    }


def statement() -> Any:
    """The core schema of `statement` (mxt.events.schemas.statement.Statement)."""
    return {
        'type': 'model',
        'cls': Statement,
        'schema': {
            'type': 'model-fields',
            'fields': {
                'id': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_identifier,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'company': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'announced_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
                'source': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'model',
                        'cls': Source,
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'title': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'url': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'str',
                                                'max_length': 2000,
                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'publisher': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'quote': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Source',
                            'computed_fields': [],
                        },
                        'custom_init': False,
                        'root_model': False,
                        'config': {
                            'extra_fields_behavior': 'forbid',
                            'validate_by_alias': True,
                            'validate_by_name': True,
                            'title': 'Source',
                        },
                        'ref': 'mxt.events.schemas.base.Source',
                    },
                },
                'speaker': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'certainty': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['confirmed', 'reported', 'expected'],
                        },
                        'default': 'confirmed',
                    },
                },
                'note': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_text,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=10000),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.trimmed,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'kind': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['statement'],
                        },
                        'default': 'statement',
                    },
                },
                'topic': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'text': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_text,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=10000),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.trimmed,
                                },
                                'schema': {
                                    'type': 'str',
                                    'min_length': 1,
                                },
                            },
                        },
                    },
                },
                'model': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'market': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': codes.check_market_said,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
            },
            'model_name': 'Statement',
            'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
            'extra_fields_behavior': 'forbid',
            'validate_by_alias': True,
            'validate_by_name': True,
            'title': 'Statement',
        },
        'ref': 'mxt.events.schemas.statement.Statement',
    }


def claim() -> Any:
    """The core schema of `claim` (mxt.events.schemas.claim.Claim)."""
    return {
        'type': 'model',
        'cls': Claim,
        'schema': {
            'type': 'model-fields',
            'fields': {
                'id': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_identifier,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'company': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-after',
                        'function': {
                            'type': 'no-info',
                            'function': checks.check_name,
                        },
                        'schema': {
                            'type': 'function-after',
                            'function': {
                                'type': 'no-info',
                                'function': partial(checks.max_length, max_length=200),
                            },
                            'schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.normalised_name,
                                },
                                'schema': {
                                    'type': 'str',
                                },
                            },
                        },
                    },
                },
                'announced_on': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': codes.parse_iso_date,
                        },
                        'schema': {
                            'type': 'date',
                        },
                    },
                },
                'source': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'model',
                        'cls': Source,
                        'schema': {
                            'type': 'model-fields',
                            'fields': {
                                'title': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'function-after',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.check_name,
                                        },
                                        'schema': {
                                            'type': 'function-after',
                                            'function': {
                                                'type': 'no-info',
                                                'function': partial(checks.max_length, max_length=200),
                                            },
                                            'schema': {
                                                'type': 'function-before',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.normalised_name,
                                                },
                                                'schema': {
                                                    'type': 'str',
                                                },
                                            },
                                        },
                                    },
                                },
                                'url': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'str',
                                                'max_length': 2000,
                                                'pattern': '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'publisher': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_name,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=200),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.normalised_name,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                                'quote': {
                                    'type': 'model-field',
                                    'schema': {
                                        'type': 'default',
                                        'schema': {
                                            'type': 'nullable',
                                            'schema': {
                                                'type': 'function-after',
                                                'function': {
                                                    'type': 'no-info',
                                                    'function': checks.check_text,
                                                },
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': partial(checks.max_length, max_length=10000),
                                                    },
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.trimmed,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                        'default': None,
                                    },
                                },
                            },
                            'model_name': 'Source',
                            'computed_fields': [],
                        },
                        'custom_init': False,
                        'root_model': False,
                        'config': {
                            'extra_fields_behavior': 'forbid',
                            'validate_by_alias': True,
                            'validate_by_name': True,
                            'title': 'Source',
                        },
                        'ref': 'mxt.events.schemas.base.Source',
                    },
                },
                'speaker': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_name,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=200),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.normalised_name,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'certainty': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['confirmed', 'reported', 'expected'],
                        },
                        'default': 'confirmed',
                    },
                },
                'note': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'nullable',
                            'schema': {
                                'type': 'function-after',
                                'function': {
                                    'type': 'no-info',
                                    'function': checks.check_text,
                                },
                                'schema': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': partial(checks.max_length, max_length=10000),
                                    },
                                    'schema': {
                                        'type': 'function-before',
                                        'function': {
                                            'type': 'no-info',
                                            'function': checks.trimmed,
                                        },
                                        'schema': {
                                            'type': 'str',
                                        },
                                    },
                                },
                            },
                        },
                        'default': None,
                    },
                },
                'kind': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'default',
                        'schema': {
                            'type': 'literal',
                            'expected': ['claim'],
                        },
                        'default': 'claim',
                    },
                },
                'claim': {
                    'type': 'model-field',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': schema_checks.decode_claim,
                        },
                        'schema': {
                            'type': 'tagged-union',
                            'choices': {
                                'streak': {
                                    'type': 'function-after',
                                    'function': {
                                        'type': 'no-info',
                                        'function': schema_checks.within_the_calendar,
                                    },
                                    'schema': {
                                        'type': 'model',
                                        'cls': StreakClaim,
                                        'schema': {
                                            'type': 'model-fields',
                                            'fields': {
                                                'type': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'literal',
                                                        'expected': ['streak'],
                                                    },
                                                },
                                                'metric': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'literal',
                                                        'expected': ['production', 'wholesale', 'deliveries', 'sales', 'retail', 'registrations', 'exports', 'bookings'],
                                                    },
                                                },
                                                'model': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'default',
                                                        'schema': {
                                                            'type': 'nullable',
                                                            'schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.check_name,
                                                                },
                                                                'schema': {
                                                                    'type': 'function-after',
                                                                    'function': {
                                                                        'type': 'no-info',
                                                                        'function': partial(checks.max_length, max_length=200),
                                                                    },
                                                                    'schema': {
                                                                        'type': 'function-before',
                                                                        'function': {
                                                                            'type': 'no-info',
                                                                            'function': checks.normalised_name,
                                                                        },
                                                                        'schema': {
                                                                            'type': 'str',
                                                                        },
                                                                    },
                                                                },
                                                            },
                                                        },
                                                        'default': None,
                                                    },
                                                },
                                                'at_least': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'function-before',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.parse_count,
                                                        },
                                                        'schema': {
                                                            'type': 'int',
                                                        },
                                                    },
                                                },
                                                'months': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'int',
                                                        'strict': True,
                                                        'ge': 1,
                                                        'le': 1200,
                                                    },
                                                },
                                                'ending': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': checks.check_month,
                                                        },
                                                        'schema': {
                                                            'type': 'str',
                                                        },
                                                    },
                                                },
                                                'exact': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'default',
                                                        'schema': {
                                                            'type': 'nullable',
                                                            'schema': {
                                                                'type': 'bool',
                                                                'strict': True,
                                                            },
                                                        },
                                                        'default': None,
                                                    },
                                                },
                                                'markets': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'default',
                                                        'schema': {
                                                            'type': 'nullable',
                                                            'schema': {
                                                                'type': 'list',
                                                                'items_schema': {
                                                                    'type': 'function-after',
                                                                    'function': {
                                                                        'type': 'no-info',
                                                                        'function': checks.check_market_or_all,
                                                                    },
                                                                    'schema': {
                                                                        'type': 'str',
                                                                    },
                                                                },
                                                                'min_length': 1,
                                                            },
                                                        },
                                                        'default': None,
                                                    },
                                                },
                                                'except_': {
                                                    'type': 'model-field',
                                                    'schema': {
                                                        'type': 'default',
                                                        'schema': {
                                                            'type': 'nullable',
                                                            'schema': {
                                                                'type': 'list',
                                                                'items_schema': {
                                                                    'type': 'function-after',
                                                                    'function': {
                                                                        'type': 'no-info',
                                                                        'function': codes.check_market_said,
                                                                    },
                                                                    'schema': {
                                                                        'type': 'str',
                                                                    },
                                                                },
                                                            },
                                                        },
                                                        'default': None,
                                                    },
                                                    'validation_alias': 'except',
                                                    'serialization_alias': 'except',
                                                },
                                            },
                                            'model_name': 'StreakClaim',
                                            'computed_fields': [],
                                        },
                                        'custom_init': False,
                                        'root_model': False,
                                        'config': {
                                            'extra_fields_behavior': 'forbid',
                                            'validate_by_alias': True,
                                            'validate_by_name': True,
                                            'title': 'StreakClaim',
                                        },
                                    },
                                    'ref': 'mxt.events.schemas.claim.StreakClaim',
                                },
                                'total': {
                                    'type': 'model',
                                    'cls': TotalClaim,
                                    'schema': {
                                        'type': 'model-fields',
                                        'fields': {
                                            'type': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['total'],
                                                },
                                            },
                                            'metric': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['production', 'wholesale', 'deliveries', 'sales', 'retail', 'registrations', 'exports', 'bookings'],
                                                },
                                            },
                                            'model': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'default',
                                                    'schema': {
                                                        'type': 'nullable',
                                                        'schema': {
                                                            'type': 'function-after',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': checks.check_name,
                                                            },
                                                            'schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': partial(checks.max_length, max_length=200),
                                                                },
                                                                'schema': {
                                                                    'type': 'function-before',
                                                                    'function': {
                                                                        'type': 'no-info',
                                                                        'function': checks.normalised_name,
                                                                    },
                                                                    'schema': {
                                                                        'type': 'str',
                                                                    },
                                                                },
                                                            },
                                                        },
                                                    },
                                                    'default': None,
                                                },
                                            },
                                            'period': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.check_period,
                                                    },
                                                    'schema': {
                                                        'type': 'str',
                                                    },
                                                },
                                            },
                                            'op': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['>=', '<=', '='],
                                                },
                                            },
                                            'value': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-before',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.parse_count,
                                                    },
                                                    'schema': {
                                                        'type': 'int',
                                                    },
                                                },
                                            },
                                            'markets': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'default',
                                                    'schema': {
                                                        'type': 'nullable',
                                                        'schema': {
                                                            'type': 'list',
                                                            'items_schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.check_market_or_all,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                            'min_length': 1,
                                                        },
                                                    },
                                                    'default': None,
                                                },
                                            },
                                            'except_': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'default',
                                                    'schema': {
                                                        'type': 'nullable',
                                                        'schema': {
                                                            'type': 'list',
                                                            'items_schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': codes.check_market_said,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                        },
                                                    },
                                                    'default': None,
                                                },
                                                'validation_alias': 'except',
                                                'serialization_alias': 'except',
                                            },
                                        },
                                        'model_name': 'TotalClaim',
                                        'computed_fields': [],
                                    },
                                    'custom_init': False,
                                    'root_model': False,
                                    'config': {
                                        'extra_fields_behavior': 'forbid',
                                        'validate_by_alias': True,
                                        'validate_by_name': True,
                                        'title': 'TotalClaim',
                                    },
                                    'ref': 'mxt.events.schemas.claim.TotalClaim',
                                },
                                'target': {
                                    'type': 'model',
                                    'cls': TargetClaim,
                                    'schema': {
                                        'type': 'model-fields',
                                        'fields': {
                                            'type': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['target'],
                                                },
                                            },
                                            'metric': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['production', 'wholesale', 'deliveries', 'sales', 'retail', 'registrations', 'exports', 'bookings'],
                                                },
                                            },
                                            'period': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.check_period,
                                                    },
                                                    'schema': {
                                                        'type': 'str',
                                                    },
                                                },
                                            },
                                            'value': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-before',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.parse_count,
                                                    },
                                                    'schema': {
                                                        'type': 'int',
                                                    },
                                                },
                                            },
                                            'markets': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'default',
                                                    'schema': {
                                                        'type': 'nullable',
                                                        'schema': {
                                                            'type': 'list',
                                                            'items_schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.check_market_or_all,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                            'min_length': 1,
                                                        },
                                                    },
                                                    'default': None,
                                                },
                                            },
                                            'except_': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'default',
                                                    'schema': {
                                                        'type': 'nullable',
                                                        'schema': {
                                                            'type': 'list',
                                                            'items_schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': codes.check_market_said,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                        },
                                                    },
                                                    'default': None,
                                                },
                                                'validation_alias': 'except',
                                                'serialization_alias': 'except',
                                            },
                                        },
                                        'model_name': 'TargetClaim',
                                        'computed_fields': [],
                                    },
                                    'custom_init': False,
                                    'root_model': False,
                                    'config': {
                                        'extra_fields_behavior': 'forbid',
                                        'validate_by_alias': True,
                                        'validate_by_name': True,
                                        'title': 'TargetClaim',
                                    },
                                    'ref': 'mxt.events.schemas.claim.TargetClaim',
                                },
                                'launched': {
                                    'type': 'model',
                                    'cls': LaunchedClaim,
                                    'schema': {
                                        'type': 'model-fields',
                                        'fields': {
                                            'type': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['launched'],
                                                },
                                            },
                                            'model': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.check_name,
                                                    },
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': partial(checks.max_length, max_length=200),
                                                        },
                                                        'schema': {
                                                            'type': 'function-before',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': checks.normalised_name,
                                                            },
                                                            'schema': {
                                                                'type': 'str',
                                                            },
                                                        },
                                                    },
                                                },
                                            },
                                            'market': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': codes.check_market_said,
                                                    },
                                                    'schema': {
                                                        'type': 'str',
                                                    },
                                                },
                                            },
                                            'on_or_before': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-before',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': codes.parse_iso_date,
                                                    },
                                                    'schema': {
                                                        'type': 'date',
                                                    },
                                                },
                                            },
                                        },
                                        'model_name': 'LaunchedClaim',
                                        'computed_fields': [],
                                    },
                                    'custom_init': False,
                                    'root_model': False,
                                    'config': {
                                        'extra_fields_behavior': 'forbid',
                                        'validate_by_alias': True,
                                        'validate_by_name': True,
                                        'title': 'LaunchedClaim',
                                    },
                                    'ref': 'mxt.events.schemas.claim.LaunchedClaim',
                                },
                                'compare': {
                                    'type': 'model',
                                    'cls': CompareClaim,
                                    'schema': {
                                        'type': 'model-fields',
                                        'fields': {
                                            'type': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['compare'],
                                                },
                                            },
                                            'metric': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['production', 'wholesale', 'deliveries', 'sales', 'retail', 'registrations', 'exports', 'bookings'],
                                                },
                                            },
                                            'period': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.check_period,
                                                    },
                                                    'schema': {
                                                        'type': 'str',
                                                    },
                                                },
                                            },
                                            'than': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'function-after',
                                                    'function': {
                                                        'type': 'no-info',
                                                        'function': checks.check_name,
                                                    },
                                                    'schema': {
                                                        'type': 'function-after',
                                                        'function': {
                                                            'type': 'no-info',
                                                            'function': partial(checks.max_length, max_length=200),
                                                        },
                                                        'schema': {
                                                            'type': 'function-before',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': checks.normalised_name,
                                                            },
                                                            'schema': {
                                                                'type': 'str',
                                                            },
                                                        },
                                                    },
                                                },
                                            },
                                            'op': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'literal',
                                                    'expected': ['>', '>=', '<', '<='],
                                                },
                                            },
                                            'by': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'default',
                                                    'schema': {
                                                        'type': 'nullable',
                                                        'schema': {
                                                            'type': 'function-before',
                                                            'function': {
                                                                'type': 'no-info',
                                                                'function': checks.parse_count,
                                                            },
                                                            'schema': {
                                                                'type': 'int',
                                                            },
                                                        },
                                                    },
                                                    'default': None,
                                                },
                                            },
                                            'markets': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'default',
                                                    'schema': {
                                                        'type': 'nullable',
                                                        'schema': {
                                                            'type': 'list',
                                                            'items_schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': checks.check_market_or_all,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                            'min_length': 1,
                                                        },
                                                    },
                                                    'default': None,
                                                },
                                            },
                                            'except_': {
                                                'type': 'model-field',
                                                'schema': {
                                                    'type': 'default',
                                                    'schema': {
                                                        'type': 'nullable',
                                                        'schema': {
                                                            'type': 'list',
                                                            'items_schema': {
                                                                'type': 'function-after',
                                                                'function': {
                                                                    'type': 'no-info',
                                                                    'function': codes.check_market_said,
                                                                },
                                                                'schema': {
                                                                    'type': 'str',
                                                                },
                                                            },
                                                        },
                                                    },
                                                    'default': None,
                                                },
                                                'validation_alias': 'except',
                                                'serialization_alias': 'except',
                                            },
                                        },
                                        'model_name': 'CompareClaim',
                                        'computed_fields': [],
                                    },
                                    'custom_init': False,
                                    'root_model': False,
                                    'config': {
                                        'extra_fields_behavior': 'forbid',
                                        'validate_by_alias': True,
                                        'validate_by_name': True,
                                        'title': 'CompareClaim',
                                    },
                                    'ref': 'mxt.events.schemas.claim.CompareClaim',
                                },
                            },
                            'discriminator': 'type',
                            'strict': False,
                            'from_attributes': True,
                        },
                    },
                },
            },
            'model_name': 'Claim',
            'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
            'extra_fields_behavior': 'forbid',
            'validate_by_alias': True,
            'validate_by_name': True,
            'title': 'Claim',
        },
        'ref': 'mxt.events.schemas.claim.Claim',
    }


CORE_SCHEMAS = {
    'launch': launch,
    'orders': orders,
    'wait-time': wait_time,
    'target': target,
    'deliveries': deliveries,
    'factory': factory,
    'policy': policy,
    'showcase': showcase,
    'expected-entry': expected_entry,
    'exit': exit,
    'statement': statement,
    'claim': claim,
}


# Each field of each kind as `mxt record KIND` makes an option of it: name, alias,
# description, required, allowed values, a list, a flag.
FIELD_FACTS: dict[str, list[tuple[Any, ...]]] = {
    'launch': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['launch'], False, False), ('model', None, 'Model name.', True, [], False, False), ('market', None, 'ISO 3166-1 alpha-2 code, or EU.', True, [], False, False), ('launched_on', None, 'A day, or a period as said (2025-H2); default: announced_on. For a pause, when sales stopped.', False, [], False, False), ('status', None, 'Absent: launched when launched_on is on or before announced_on (or a period that had ended), else planned.', False, ['launched', 'planned', 'paused', 'cancelled'], False, False), ('segment', None, None, False, [], False, False), ('competitor', None, None, False, [], False, False)],
    'orders': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('bound', None, 'How the count is meant (default exact); a range needs high.', False, ['exact', 'at-least', 'at-most', 'about', 'range'], False, False), ('high', None, "A range's top (bound: range).", False, [], False, False), ('markets', None, 'Scope: codes, regions or *; absent: worldwide.', False, [], True, False), ('except_', 'except', 'Scope: markets left out of `markets`.', False, [], True, False), ('kind', None, None, False, ['orders'], False, False), ('model', None, 'Model name.', True, [], False, False), ('stage', None, 'Order stage.', True, ['pre-booking', 'locked', 'confirmed'], False, False), ('count', None, None, True, [], False, False), ('within', None, 'e.g. 3min, 18h, 2d, 1w, 6mo.', False, [], False, False)],
    'wait-time': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['wait-time'], False, False), ('model', None, 'Model name.', True, [], False, False), ('trim', None, 'Trim; absent: the model as a whole.', False, [], False, False), ('max_months', None, 'Longest wait in months (> 0).', True, [], False, False)],
    'target': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('bound', None, 'How the count is meant (default exact); a range needs high.', False, ['exact', 'at-least', 'at-most', 'about', 'range'], False, False), ('high', None, "A range's top (bound: range).", False, [], False, False), ('markets', None, 'Scope: codes, regions or *; absent: worldwide.', False, [], True, False), ('except_', 'except', 'Scope: markets left out of `markets`.', False, [], True, False), ('kind', None, None, False, ['target'], False, False), ('metric', None, 'What is counted.', True, ['production', 'wholesale', 'deliveries', 'sales', 'retail', 'registrations', 'exports', 'bookings'], False, False), ('period', None, 'YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM.', True, [], False, False), ('value', None, None, True, [], False, False), ('previous', None, 'The value it says it replaces.', False, [], False, False), ('previous_high', None, 'When that was a range.', False, [], False, False)],
    'deliveries': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('bound', None, 'How the count is meant (default exact); a range needs high.', False, ['exact', 'at-least', 'at-most', 'about', 'range'], False, False), ('high', None, "A range's top (bound: range).", False, [], False, False), ('markets', None, 'Scope: codes, regions or *; absent: worldwide.', False, [], True, False), ('except_', 'except', 'Scope: markets left out of `markets`.', False, [], True, False), ('kind', None, None, False, ['deliveries'], False, False), ('period', None, 'YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM.', True, [], False, False), ('units', None, None, True, [], False, False), ('metric', None, 'Default: deliveries.', False, ['production', 'wholesale', 'deliveries', 'sales', 'retail', 'registrations', 'exports', 'bookings'], False, False), ('model', None, 'Absent: the company total.', False, [], False, False)],
    'factory': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['factory'], False, False), ('site', None, 'Factory site.', True, [], False, False), ('phase', None, 'Phase number (>= 1).', True, [], False, False), ('market', None, 'The country it stands in (ISO 3166-1 alpha-2).', False, [], False, False), ('status', None, 'Status reached; paused, cancelled and closed keep the one reached before.', True, ['land-acquired', 'under-construction', 'completed', 'operational', 'paused', 'cancelled', 'closed'], False, False), ('effective_on', None, 'When the status is reached: a day, or a period as said (2026-H2); default announced_on; a later one is a plan.', False, [], False, False), ('capacity', None, 'Units a year.', False, [], False, False), ('assembly', None, 'Full production, or assembly of kits (CKD, SKD).', False, ['full', 'ckd', 'skd'], False, False)],
    'policy': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['policy'], False, False), ('markets', None, 'Codes, regions, or * (all).', True, [], True, False), ('except_', 'except', 'Markets left out of `markets`.', False, [], True, False), ('not_before', None, 'No sales before this date (YYYY-MM-DD).', True, [], False, False)],
    'showcase': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['showcase'], False, False), ('model', None, 'Model name.', True, [], False, False), ('market', None, 'Absent: online or worldwide.', False, [], False, False), ('venue', None, "Where, e.g. 'MWC 2024, Barcelona'.", True, [], False, False)],
    'expected-entry': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['expected-entry'], False, False), ('market', None, 'ISO 3166-1 alpha-2 code, or EU.', True, [], False, False), ('model', None, 'Absent: the company as a whole.', False, [], False, False), ('expected', None, 'When, as said: a day YYYY-MM-DD or a period YYYY, YYYY-H1/H2, YYYY-Q1..Q4, YYYY-MM.', True, [], False, False)],
    'exit': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['exit'], False, False), ('markets', None, 'Codes, regions, or * (all).', True, [], True, False), ('except_', 'except', 'Markets left out of `markets`.', False, [], True, False), ('model', None, 'Absent: every model of the company.', False, [], False, False), ('effective_on', None, 'When sales stop: a day, or a period as said; default announced_on.', False, [], False, False), ('temporary', None, 'A suspension (a stop-sale), not a withdrawal. Default false.', False, [], False, True)],
    'statement': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['statement'], False, False), ('topic', None, 'e.g. hiring, strategy.', True, [], False, False), ('text', None, 'What was said.', True, [], False, False), ('model', None, 'Model it concerns.', False, [], False, False), ('market', None, 'Market it concerns.', False, [], False, False)],
    'claim': [('id', None, 'Idempotency key; derived from the canonical content when absent.', False, [], False, False), ('company', None, None, True, [], False, False), ('announced_on', None, 'When it became public (the as-of axis).', True, [], False, False), ('source', None, None, True, [], False, False), ('speaker', None, None, False, [], False, False), ('certainty', None, None, False, ['confirmed', 'reported', 'expected'], False, False), ('note', None, None, False, [], False, False), ('kind', None, None, False, ['claim'], False, False), ('claim', None, 'The claim object (JSON on the command line): streak, total, target, launched or compare, each but launched with an optional scope (markets, except; docs/concepts.md, Claims).', True, [], False, False)],
}


DOCS = {
    'launch': 'A model goes on sale in a market (or is planned to, pauses there, or its plan is\n    cancelled).',
    'orders': 'An order milestone of a model.',
    'wait-time': 'How long buyers of a model (or one trim) wait at most.',
    'target': 'A production, delivery or sales target for a period (and a scope).',
    'deliveries': "Units delivered (or sold, or produced) in a period: a company total or one model's.",
    'factory': 'A factory phase reaches a status (or is planned to).',
    'policy': 'Sales in some markets will not start before a date.',
    'showcase': 'A model is shown (not sold) somewhere.',
    'expected-entry': 'A model, or the company as a whole, is expected to enter a market.',
    'exit': 'Sales stop in some markets: a withdrawal, or a temporary suspension.',
    'statement': 'Anything else worth keeping; shown by log and show, not folded into state.',
    'claim': 'A checkable statement somebody made; `mxt check` tests it against the data (docs/concepts.md,\n    Claims).',
}
