"""Every peso by who pays: the ledger's money lines and IMSS's own pension lines, by payer.

Payers (:data:`pensiones.engine.componentes.PAGADORES`):

``gobierno_federal``
    The Federal Government's fiscal cost (:meth:`pensiones.Results.fiscal_cost`): the cuota social
    and the state CEAV contribution (federal transfers to the accounts), Ley 73 pensions in payment
    (budget programme J001, Ramo 50), the Government's part of the guaranteed pensions (LSS art. 170,
    172 A), the PBAM and Pensión Mujeres Bienestar (Ramo 20), the LSS art. 140 Bis leave, a reform's
    matching contribution on voluntary saving, less the CEAV balances the Ley 73 choice hands to the
    Government.
``fondo_bienestar``
    The Fondo de Pensiones para el Bienestar complements (decree DOF 01-05-2024): a public trust,
    counted in the fiscal cost.
``imss``
    The IMSS from its own resources: the Régimen de Jubilaciones y Pensiones of its employees (J003)
    and the suma asegurada it pays insurers for the survivors' annuities of Ley 97 members (J002), and for
    their invalidity annuities when the scenario has an invalidity incidence table.
``cuenta_individual``
    The worker's own balance: renta vitalicia payments (the insurer the balance bought them from),
    the guaranteed pension drawn down from the account before the Government takes over, and the
    annuities of the IMSS seguro de invalidez y vida (survivors' and invalidity pensions).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pensiones.engine import componentes as C

__all__ = ["LINEAS", "costo_por_pagador_paths", "cost_by_payer"]

#: (payer, component, what it is and its budget line), in the order tables show them.
LINEAS = (
    ("gobierno_federal", "cuota_social", "cuota social to the RCV accounts (LSS art. 168 fr. IV), federal transfer"),
    ("gobierno_federal", "aportacion_estatal", "state CEAV contribution (LSS art. 168 fr. III), federal transfer"),
    ("gobierno_federal", "ley73",
     "Ley 73 pensions in payment and new ones (J001, Ramo 50; LSS 1997 transitorio Duodecimo)"),
    ("gobierno_federal", "pension_garantizada",
     "guaranteed pensions once the account is exhausted (LSS arts. 170, 172 A)"),
    ("gobierno_federal", "pbam", "Pension para el Bienestar de las Personas Adultas Mayores (Ramo 20, S176)"),
    ("gobierno_federal", "mujeres_bienestar", "Pension Mujeres Bienestar (Ramo 20)"),
    ("gobierno_federal", "transferencia_rcv_ley73",
     "CEAV balances of Ley 73 choosers handed to the Government (negative)"),
    ("gobierno_federal", "licencias_140bis",
     "leave for parents of children with cancer (LSS art. 140 Bis), federal line"),
    ("fondo_bienestar", "fondo_bienestar", "Fondo de Pensiones para el Bienestar complements (decree DOF 01-05-2024)"),
    ("gobierno_federal", "sobrevivientes_ley73",
     "survivors' pensions of Ley 73 pensioners and transition-generation members (LSS 1973 arts. "
     "149-153)"),
    ("gobierno_federal", "sobrevivientes_pg",
     "survivors' pensions of guaranteed-pension pensioners once the balance is exhausted (LSS art. "
     "172)"),
    ("gobierno_federal", "invalidez_ley73",
     "Ley 73 invalidity pensions of transition-generation members (LSS 1973 arts. 128-131, 167; "
     "transitorio Duodecimo); only with an incidence table"),
    ("gobierno_federal", "pareo_ahorro_voluntario",
     "matching contribution on voluntary saving paid into the accounts (a reform: table "
     "pareo_ahorro_voluntario)"),
    ("gobierno_federal", "pension_basica_universal",
     "universal basic pension of a structural alternative, instead of the PBAM and the guaranteed pension "
     "(a reform: Procesos.alternativa)"),
    ("gobierno_federal", "subsidio_cobertura",
     "share of the contributions of a group brought into the regime that the Government pays (a reform: "
     "Procesos.cobertura)"),
    ("imss", "rjp", "Regimen de Jubilaciones y Pensiones of IMSS employees (J003), IMSS's own resources"),
    ("imss", "suma_asegurada_imss",
     "suma asegurada the IMSS pays insurers for the survivors' annuities of Ley 97 members (J002, LSS "
     "art. 159 fr. VI)"),
    ("imss", "suma_asegurada_invalidez_imss",
     "suma asegurada the IMSS pays insurers for the invalidity annuities of Ley 97 members (J002, LSS "
     "art. 120); only with an incidence table"),
    ("imss", "pensiones_alternativa",
     "pensions of a public defined-benefit or notional scheme run by the IMSS (a reform: Procesos.alternativa; "
     "its contributions are aportaciones_alternativa)"),
    ("cuenta_individual", "pensiones_renta_vitalicia",
     "renta vitalicia payments bought with the balance (LSS art. 159 fr. IV)"),
    ("cuenta_individual", "pagos_pg_cuenta", "guaranteed pension drawn down from the balance (LSS art. 170)"),
    ("cuenta_individual", "sobrevivientes_renta_vitalicia",
     "survivors' pensions of renta vitalicia pensioners (the seguro de sobrevivencia bought with the "
     "balance)"),
    ("cuenta_individual", "sobrevivientes_imss",
     "survivors' pensions of Ley 97 members, paid by the insurer from the balance plus the IMSS's suma "
     "asegurada"),
    ("cuenta_individual", "pensiones_invalidez",
     "Ley 97 invalidity pensions, paid by the insurer from the balance plus the IMSS's suma asegurada "
     "(LSS arts. 120, 141); only with an incidence table"),
)


def costo_por_pagador_paths(results) -> dict[tuple[str, str], np.ndarray]:
    """Nominal pesos by (payer, component), arrays (paths, years), every line of :data:`LINEAS`."""
    fiscal = results.fiscal_cost_paths()
    out = {}
    for payer, component, _ in LINEAS:
        if component in fiscal:
            values = fiscal[component]
        elif component in results.lines:
            values = results.lines[component].costo
        else:
            values = results.component(component)
        out[(payer, component)] = values
    return out


def cost_by_payer(results, *, payer=None, measure=None, stat=None, components=None, wide: bool = False) -> pd.DataFrame:
    """Cost by payer and component (see :meth:`pensiones.Results.cost_by_payer`).

    Parameters
    ----------
    results : Results
    payer : str or sequence of str, optional
        Some of :data:`pensiones.engine.componentes.PAGADORES`; default all.
    measure, stat : str or sequence of str, optional
        As :func:`pensiones.reporting.fiscal_cost` (``MXN``, ``MXN_2025``, ``pct_GDP``; ``mean``,
        ``se``, ``p5``, ``p50``, ``p95``); default all.
    components : str or sequence of str, optional
        Lines of :data:`LINEAS` and ``total`` (each payer's); default all.
    wide : bool
        ``True``: one measure and one stat as years (rows) by (payer, component) (columns).

    Returns
    -------
    pandas.DataFrame
        Tidy: ``payer``, ``component`` (each line and ``total`` per payer), ``year``, ``measure``,
        ``stat``, ``value`` and ``unit``; or the wide table.

    Examples
    --------
    >>> import pensiones
    >>> r = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=2), paths=2, seed=1, end=2030)
    >>> t = r.cost_by_payer(components="total", measure="pct_GDP", stat="mean", wide=True)
    >>> list(t.columns)[:2]
    [('gobierno_federal', 'total'), ('imss', 'total')]
    """
    from pensiones.reporting.tablas import _ancho, _filtros, _tidy, seleccion

    payers = seleccion("payer", payer, C.PAGADORES)
    measures, stats, comps = _filtros(measure, stat, components, (*dict.fromkeys(c for _, c, _ in LINEAS), "total"))
    arrays = costo_por_pagador_paths(results)
    frames = []
    for p in payers:
        lines = {component: v for (q, component), v in arrays.items() if q == p}
        lines["total"] = sum(lines.values())
        lines = {c: v for c, v in lines.items() if c in comps}
        if not lines:
            continue
        frame = _tidy(lines, results, measures, stats)
        frame.insert(0, "payer", p)
        frames.append(frame)
    if not frames:
        raise ValueError(f"no line of payer {', '.join(payers)} is among components {', '.join(comps)}")
    frame = pd.concat(frames, ignore_index=True)[["payer", "component", "year", "measure", "stat", "value", "unit"]]
    return _ancho(frame, ["payer", "component"], measures, stats, "cost_by_payer") if wide else frame
