"""Validation of amounts given as a number or an array (the tax functions are vectorised)."""

from __future__ import annotations

from numbers import Real

import numpy as np

__all__ = ["importes", "devolver"]


def importes(name: str, value: object) -> tuple[np.ndarray, bool]:
    """``value`` as a float array (and whether it was a scalar); finite and >= 0, else ValueError naming ``name``."""
    scalar = isinstance(value, Real) and not isinstance(value, bool)
    if isinstance(value, (bool, str, bytes)):
        raise ValueError(f"{name} must be a real number or an array of them, got {value!r}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number or an array of them, got {value!r}") from None
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite (no NaN or infinity)")
    if (arr < 0).any():
        raise ValueError(f"{name} must be in [0, +inf); got a minimum of {float(arr.min())!r}")
    return arr, scalar


def devolver(arr: np.ndarray, scalar: bool):
    """A float for a scalar input, the array otherwise."""
    return float(arr) if scalar else arr
