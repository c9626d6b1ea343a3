"""Input checks shared by the public functions.

Every check raises :class:`ValueError` whose message names the argument and the
allowed range, so that a user sees at once which input is wrong.  Nothing is
clamped, rounded away or guessed.
"""

from __future__ import annotations

import datetime as _dt
import math
from numbers import Integral, Real

# first and last year the library answers for, defined once in pensiones.calendario (re-exported)
from pensiones.calendario import ANIO_MAX, ANIO_MIN

__all__ = ["check_number", "check_integer", "check_choice", "as_date", "ANIO_MIN", "ANIO_MAX"]



def check_number(
    name: str,
    value: object,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    min_inclusive: bool = True,
) -> float:
    """Return ``value`` as a float after checking it is a finite real in range.

    Raises
    ------
    ValueError
        If the value is not a real number, is NaN or infinite, or lies outside
        ``[minimum, maximum]``; the message names ``name`` and the range.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    x = float(value)
    if math.isnan(x) or math.isinf(x):
        raise ValueError(f"{name} must be finite, got {x!r}")
    low_ok = minimum is None or (x >= minimum if min_inclusive else x > minimum)
    high_ok = maximum is None or x <= maximum
    if not (low_ok and high_ok):
        raise ValueError(f"{name} must be in {_range_text(minimum, maximum, min_inclusive)}, got {x!r}")
    return x


def check_integer(name: str, value: object, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as an int after checking it is an integer in ``[minimum, maximum]``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    x = int(value)
    if (minimum is not None and x < minimum) or (maximum is not None and x > maximum):
        raise ValueError(f"{name} must be in {_range_text(minimum, maximum, True)}, got {x!r}")
    return x


def check_choice(name: str, value: object, allowed: tuple[str, ...] | list[str]) -> str:
    """Return ``value`` after checking it is one of ``allowed``."""
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value  # type: ignore[return-value]


def as_date(name: str, value: object) -> _dt.date:
    """Return a :class:`datetime.date` from a date, a datetime or an ISO string ``YYYY-MM-DD``."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{name} must be a date (datetime.date or 'YYYY-MM-DD'), got {value!r}")


def _range_text(minimum: float | None, maximum: float | None, min_inclusive: bool) -> str:
    left = "[" if min_inclusive else "("
    low = "-inf" if minimum is None else f"{minimum:g}"
    high = "+inf" if maximum is None else f"{maximum:g}"
    right = "]" if maximum is not None else ")"
    return f"{left}{low}, {high}{right}"


def did_you_mean(name: object, choices) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices`` to a mistyped ``name`` (difflib), or ``""``.

    >>> did_you_mean("semanas_125", ["semanas_1250", "reforma_2020"])
    "; did you mean 'semanas_1250'?"
    >>> did_you_mean("zzz", ["uma", "inpc"])
    ''
    """
    import difflib

    if not isinstance(name, str):
        return ""
    close = difflib.get_close_matches(name, [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
