"""netmap: find the people two steps away worth an informational interview, and who can introduce you.

The library's calls (``netmap.Store``, ``netmap.import_paths``, ``netmap.suggest``, ``netmap.path``,
``netmap.classify_title``, ``netmap.write_map``, ``netmap.write_sample``…) live in :mod:`netmap.api` and
load on first use, so ``netmap --version`` stays instant and a command imports only what it needs.
"""

from typing import Any

__version__ = "0.1.0"

# The names netmap.api exports; any other attribute (such as a submodule being imported) is not looked
# up there, so `from netmap import archive` does not load the whole library.
_API = frozenset(
    """Brief Classification Company Demo Draft Due MapFile Pace Person Record Route Store Suggestion
    Suggestions classify_title classify_titles count_people demo draft forget forget_owner import_exports
    import_manifest import_paths industries iter_people list_companies list_people merge needs_reclassifying
    outreach_board owner_sources pace path prep read_exports reclassify refer refuse_clashes set_goal set_me
    stats suggest suggestions tag_company tag_person track unclassified_count unmerge untrack write_calendar write_map
    write_sample write_text""".split()
)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'netmap' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module("netmap.api"), name)
