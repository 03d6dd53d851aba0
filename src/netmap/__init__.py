"""netmap: find the people two steps away worth an informational interview, and who can introduce you.

The library's calls (``netmap.Store``, ``netmap.import_paths``, ``netmap.suggest``, ``netmap.path``,
``netmap.classify_title``, ``netmap.write_map``, ``netmap.write_sample``…) live in :mod:`netmap.api` and
load on first use, so ``netmap --version`` stays instant.
"""

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    import importlib

    api = importlib.import_module("netmap.api")
    if name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module 'netmap' has no attribute {name!r}")
