"""Shared checks of the engine's tests: the identity of the individual accounts."""

from __future__ import annotations

import numpy as np
import pytest

#: What flows into the individual accounts (the ledger's components, in pesos).
ENTRADAS_CUENTAS = ("saldo_inicial", "aportaciones_obrero_patronales", "cuota_social", "aportacion_estatal",
                    "rendimientos")
#: What flows out of them, with its sign: the CEAV balance a Ley 73 chooser hands to the government is
#: recorded negative (``transferencia_rcv_ley73``), so it is subtracted.
SALIDAS_CUENTAS = (
    ("comisiones", 1), ("retiros_negativa", 1), ("retiros_fallecimiento", 1), ("compra_renta_vitalicia", 1),
    ("pagos_pg_cuenta", 1), ("retiro_ley73_trabajador", 1), ("transferencia_rcv_ley73", -1), ("saldo_rentas_imss", 1),
)


def _suma(c, terminos):
    """The terms ``(component, sign)`` added left to right, as a written sum is."""
    (primero, signo), *resto = terminos
    total = c(primero) if signo > 0 else -c(primero)
    for nombre, signo in resto:
        total = total + c(nombre) if signo > 0 else total - c(nombre)
    return total


def _assert_accounts_balance(results, persons: int, *, inflows=(), outflows=()) -> None:
    """Every peso in the accounts is in a balance, was paid out, withdrawn, charged or transferred: on every
    path and year the inflows less the outflows equal the final balance.

    ``inflows`` and ``outflows`` name the components a run adds to :data:`ENTRADAS_CUENTAS` and
    :data:`SALIDAS_CUENTAS` (e.g. the invalidity annuities).  Each person-year amount is rounded to the
    centavo: the tolerance is 0.5 centavos per record and term.
    """
    entradas = _suma(results.component, [(n, 1) for n in (*ENTRADAS_CUENTAS, *inflows)])
    salidas = _suma(results.component, [*SALIDAS_CUENTAS, *((n, 1) for n in outflows)])
    terminos = len(ENTRADAS_CUENTAS) + len(inflows) + len(SALIDAS_CUENTAS) + len(outflows)
    assert np.abs(entradas - salidas - results.component("saldo_final")).max() <= persons * terminos * 0.005


@pytest.fixture(scope="session")
def assert_accounts_balance():
    """The check of the accounts' identity, :func:`_assert_accounts_balance` (``results``, the records of its
    population, and any ``inflows=``/``outflows=`` the run adds)."""
    return _assert_accounts_balance
