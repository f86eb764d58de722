"""The pydantic core schema of `claim`, prebuilt: written by
`python -m mxt.events.schemas.prebuild` from its model (do not edit; see there).
"""

# fmt: off
from __future__ import annotations

from functools import partial
from typing import Any

from mxt.events import checks, codes
import mxt.events.schemas.checks as schema_checks


class Claim:
    """Filled by pydantic_core as `mxt.events.schemas.claim.Claim` is."""
    schema_version = 1

class Source:
    """Filled by pydantic_core as `mxt.events.schemas.base.Source` is."""

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

def core_schema() -> Any:
    """The core schema of `claim`, as pydantic builds it from `mxt.events.schemas.claim.Claim`."""
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
