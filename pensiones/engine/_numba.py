"""Numba switch: ``PENSIONES_SIN_NUMBA=1`` runs every kernel as plain Python (for debugging).

``njit`` and ``prange`` come from here; with the switch on they are the identity and ``range``.
"""

from __future__ import annotations

import os

SIN_NUMBA = os.environ.get("PENSIONES_SIN_NUMBA", "") not in ("", "0")

if SIN_NUMBA:  # pragma: no cover - exercised by the debugging switch only

    def njit(*args, **kwargs):
        if args and callable(args[0]):
            return args[0]
        return lambda f: f

    prange = range
else:
    from numba import njit, prange

__all__ = ["njit", "prange", "SIN_NUMBA"]
