"""Compiled bytecode for every run, even where Python may not write it beside the sources.

With PYTHONDONTWRITEBYTECODE set, or an install folder that is read-only, Python compiles SQLAlchemy, pydantic
and Textual from source on every start: `import sqlalchemy.orm` then costs 1.3-1.9 s instead of 0.2-0.3 s.
uv's `compile-bytecode` setting would compile at install, but uv then recompiles the whole environment on every
`uv run` (astral-sh/uv#12202), about 0.3-0.8 s a command and a line of output each time. Instead, proofwork
keeps the compiled files in its own cache folder (`sys.pycache_prefix`): nothing is written beside anyone's
sources, which is what PYTHONDONTWRITEBYTECODE asks for, and only the first run pays for compiling.
"""

from __future__ import annotations

import os
import sys
import sysconfig


def _install_is_writable() -> bool:
    return os.access(sysconfig.get_paths()["purelib"], os.W_OK)


def cache_bytecode() -> None:
    """Point Python's bytecode cache at proofwork's cache folder when it could not write one otherwise."""
    if sys.pycache_prefix is not None:
        return  # the person chose where bytecode goes (PYTHONPYCACHEPREFIX)
    if not sys.dont_write_bytecode and _install_is_writable():
        return  # Python writes its own bytecode beside the sources, as usual
    from platformdirs import user_cache_dir  # small and pure Python: a few milliseconds

    folder = os.path.join(user_cache_dir("proofwork", appauthor=False), "bytecode")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return  # no cache folder either: run as Python would
    sys.pycache_prefix = folder
    sys.dont_write_bytecode = False
