"""Rounding of money to the centavo, shared by the calculators and the kernel.

Half up on the value times 100 (``floor(x * 100 + 0.5) / 100``).  One formula everywhere, because
Python's ``round`` on a float, NumPy's ``round`` (half to even on the scaled value) and Numba's can
disagree by a centavo at ties; this one function is compiled for the kernel and called by the
calculators.
"""

from __future__ import annotations

import math

from pensiones._jit import jit

__all__ = ["centavos"]


@jit
def centavos(x):
    """Round pesos to the centavo, half up.

    >>> centavos(71752.065), centavos(10.004), centavos(-2.5)
    (71752.07, 10.0, -2.5)
    """
    return math.floor(x * 100.0 + 0.5) / 100.0
