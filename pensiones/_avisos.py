"""Warnings of the library that users may want to filter by category."""

from __future__ import annotations

__all__ = ["SmallSampleWarning", "PensionesDeprecationWarning", "REGISTROS_MINIMOS", "avisar"]

#: Fewest records of a synthetic population below which :class:`SmallSampleWarning` is raised.
#: At 1,000 records about 750 are today's affiliates; the contributors' share in them, which sets
#: every record's weight, then has a relative standard error near 4 %, and the small groups of the
#: fiscal cost (Fondo Bienestar recipients, guaranteed pensions) are a few dozen records each.
REGISTROS_MINIMOS = 1_000


class SmallSampleWarning(UserWarning):
    """A population has so few records that sampling error dominates its results.

    Filter it as any warning, e.g. ``warnings.simplefilter("ignore", pensiones.SmallSampleWarning)``.
    """


class PensionesDeprecationWarning(DeprecationWarning, FutureWarning):
    """A renamed id or name was used: it still works for one release, under its new name.

    A ``DeprecationWarning`` (what Python's tools look for) and a ``FutureWarning`` (what users see): it
    points at the user's line, so a script or notebook shows it by default.
    """


def avisar(message: str, category: type[Warning]) -> None:
    """``warnings.warn`` pointing at the first caller outside the package (the user's line)."""
    import os
    import sys
    import warnings

    package = os.path.dirname(os.path.abspath(__file__))
    level, frame = 2, sys._getframe(1)  # stacklevel 2 is the caller of this function
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package + os.sep):
        frame, level = frame.f_back, level + 1
    if frame is None or frame.f_code.co_filename.startswith("<frozen"):  # the command line: no user code
        level -= 1
    warnings.warn(message, category, stacklevel=level)
