"""The pydantic core schema of `orders`, prebuilt: written by
`python -m mxt.events.schemas.prebuild` from its model (do not edit; see there).
"""

# fmt: off
from __future__ import annotations

from functools import partial
from typing import Any

from mxt.events import checks, codes
import mxt.events.schemas.checks as schema_checks


class Orders:
    """Filled by pydantic_core as `mxt.events.schemas.orders.Orders` is."""
    count_field = 'count'
    schema_version = 1

class Source:
    """Filled by pydantic_core as `mxt.events.schemas.base.Source` is."""

def core_schema() -> Any:
    """The core schema of `orders`, as pydantic builds it from `mxt.events.schemas.orders.Orders`."""
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
