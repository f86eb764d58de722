"""The pydantic core schema of `factory`, prebuilt: written by
`python -m mxt.events.schemas.prebuild` from its model (do not edit; see there).
"""

# fmt: off
from __future__ import annotations

from functools import partial
from typing import Any

from mxt.events import checks, codes
import mxt.events.schemas.checks as schema_checks


class Factory:
    """Filled by pydantic_core as `mxt.events.schemas.factory.Factory` is."""
    schema_version = 1

class Source:
    """Filled by pydantic_core as `mxt.events.schemas.base.Source` is."""

def core_schema() -> Any:
    """The core schema of `factory`, as pydantic builds it from `mxt.events.schemas.factory.Factory`."""
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
