"""The person-year kernel and its pure-Python twin.

``construir(njit, prange, uniforme, normal)`` builds the kernel from the same source twice:
with Numba (``KERNEL``) and as plain Python (``KERNEL_PYTHON``, the twin the tests compare
against).  Python validates and allocates in :mod:`pensiones.engine.driver`; the kernel takes
only arrays and scalars, keeps each person's state in local variables (memory O(persons)) and
adds weighted amounts to integer ledgers in hundredths (centavos for pesos), so totals are
exact and identical for any number of threads or chunk size.
"""

from __future__ import annotations

import math

import numpy as np

from pensiones.engine import componentes as C
from pensiones.engine import rng as _rng
from pensiones.engine._numba import SIN_NUMBA

__all__ = ["construir", "KERNEL", "KERNEL_PYTHON", "NUMBA", "PYTHON"]

# ledger component indices (constants the kernel closes over)
_CS, _EST, _L73, _PG, _FONDO, _PBAM, _MUJ, _TRANSF = (C.INDICE[n] for n in C.FISCALES)
(_SINI, _APOR, _REND, _COM, _NEG, _FALL, _RV, _PGC, _RET73, _SFIN, _PRV, _MASA) = (C.INDICE[n] for n in C.FLUJOS)
(_VIV, _ACT, _COT, _NUEVOS, _NL73, _NRV, _NPG, _NPGG, _NNEG, _NFONDO, _NPBAM, _NMUJ) = (C.INDICE[n] for n in C.CONTEOS)
_S_SUP, _S_COT, _S_W1, _S_W2 = (_rng.STREAM[k] for k in ("supervivencia", "cotizacion", "salario_u1", "salario_u2"))


def construir(njit, prange, uniforme, normal):
    """Build (kernel, persona) with the given decorators and random functions."""

    @njit
    def add(ledger, k, comp, amount):
        # weighted amount in hundredths, rounded half up: exact integer sums in any order
        ledger[k, comp] += np.int64(math.floor(amount * 100.0 + 0.5))

    @njit
    def centavos(x):
        # pensiones._redondeo.centavos: half up, the same in the calculators
        return math.floor(x * 100.0 + 0.5) / 100.0

    @njit
    def banda(x, lower, upper):
        # band b covers (lower[b], upper[b]]; empty bands have upper <= lower
        for b in range(upper.shape[0]):
            if x > lower[b] and x <= upper[b]:
                return b
        return upper.shape[0] - 1

    @njit
    def ley73_mensual(prom, semanas, edad, y, T, P):
        salario = min(prom, T.tope[y])
        veces = salario / T.uma[y]
        g = banda(veces, T.l73_lower, T.l73_upper)
        # the same operations, in the same order, as pensiones.ley73.pension (bit-equal, tested)
        excedente = semanas - P[7]
        n = math.floor(excedente / 52.0) if excedente > 0 else 0.0
        cuantia = salario * 365.0 * T.l73_cb[g]
        incrementos = salario * 365.0 * T.l73_inc[g] * n
        vejez = cuantia + incrementos
        asign = vejez * P[8]
        maximo = max(salario * 365.0, vejez)
        if vejez + asign > maximo:
            asign = maximo - vejez
        incremento_11 = (vejez + asign) * T.inc11[y]
        e = min(max(edad, 60), 65) - 60
        mensual = centavos((vejez + asign + incremento_11) * T.l73_factor[e] / 12.0)
        return max(mensual, T.min73[y])

    @njit
    def pg_mensual(edad, semanas, prom_uma, y, T):
        k = -1
        for c in range(T.pg_cols.shape[1]):
            if semanas >= T.pg_cols[y, c]:
                k = c
        if k < 0:
            return 0.0
        e = min(max(edad, 60), 65) - 60
        b = banda(prom_uma, T.pg_band_lower, T.pg_band_upper)
        return centavos(T.pg_tabla[e, k, b] * T.pg_factor[y])

    @njit
    def persona(i, path, seed, sexo, nac, afil, semanas, sbc, saldo, prom73, prom_uma, cot0, peso, transicion,
                T, P, real, ledger, out):
        ny = T.uma.shape[0]
        start = T.start
        saldo_ret = saldo * P[11]
        saldo_ceav = saldo - saldo_ret
        saldo_pg = 0.0
        cot = cot0
        vivo = True
        tipo = 0  # 0 active, 1 RV, 2 PG, 3 negativa, 4 Ley 73
        pension = 0.0
        comp = 0.0
        ultimo_sbc = sbc
        semanas_prom = semanas
        anios_pg_gob = 0.0
        entrada = math.floor(afil)
        for y in range(ny):
            t = start + y
            if t < entrada:
                continue  # a future entrant: not in the system yet
            edad = t - nac
            if edad > 110:
                break
            if y > 0 and tipo != 0:
                pension *= T.infl[y - 1]  # February INPC update of pensions in payment
                comp *= T.infl[y - 1]
            add(ledger, y, _SINI, (saldo_ret + saldo_ceav + saldo_pg) * peso)
            add(ledger, y, _VIV, peso)
            nominal = (1.0 + real[y]) * T.infl[y] - 1.0
            fee = T.fee[y]
            # --- retirement at the start of the year -------------------------------
            if tipo == 0 and edad >= T.edad_ces[y]:
                elig97 = semanas >= T.smin[y]
                elig73 = transicion and semanas >= P[7]
                decide = edad >= P[0] or (P[1] > 0.5 and not cot and (elig97 or elig73))
                if decide:
                    total = saldo_ret + saldo_ceav
                    m97 = 0.0
                    rv = 0.0
                    pg = 0.0
                    if elig97:
                        rv = centavos(total / (12.0 * T.a12[sexo, min(edad, 110)]))
                        pg = pg_mensual(edad, semanas, prom_uma, y, T)
                        m97 = max(rv, pg)
                    m73 = ley73_mensual(prom73, semanas, edad, y, T, P) if elig73 else 0.0
                    if elig73 and m73 >= m97:
                        tipo = 4
                        pension = m73
                        add(ledger, y, _TRANSF, -saldo_ceav * peso)
                        add(ledger, y, _RET73, saldo_ret * peso)
                        saldo_ret = 0.0
                        saldo_ceav = 0.0
                    elif elig97 and rv >= pg:
                        tipo = 1
                        pension = rv
                        add(ledger, y, _RV, total * peso)
                        saldo_ret = 0.0
                        saldo_ceav = 0.0
                    elif elig97:
                        tipo = 2
                        pension = pg
                        saldo_pg = total
                        saldo_ret = 0.0
                        saldo_ceav = 0.0
                    elif edad >= P[0]:
                        tipo = 3
                        add(ledger, y, _NEG, total * peso)
                        add(ledger, y, _NNEG, peso)
                        saldo_ret = 0.0
                        saldo_ceav = 0.0
                    if tipo != 0:
                        add(ledger, y, _NUEVOS, peso)
                        if tipo in (1, 2) and not transicion and edad >= 65 and t >= 2024:
                            umbral = T.umbral[y]
                            if pension <= umbral:
                                comp = max(0.0, min(ultimo_sbc * 30.4, umbral) - pension)
                        if out.shape[0] > 0:
                            out[path, i, 0] = t
                            out[path, i, 1] = edad
                            out[path, i, 2] = 1.0 if tipo == 4 else 0.0
                            out[path, i, 3] = tipo if tipo != 4 else 4
                            out[path, i, 4] = pension
                            out[path, i, 5] = pension / (ultimo_sbc * 30.4) if tipo != 3 else 0.0
                            out[path, i, 7] = comp
            # --- an active member: contributions, returns, fees ---------------------------
            if tipo == 0:
                add(ledger, y, _ACT, peso)
                aport_ret = 0.0
                aport_ceav = 0.0
                if cot:
                    s = max(sbc, T.sm[y])
                    ultimo_sbc = s
                    cz = min(s, T.tope[y])
                    retiro = cz * 365.0 * T.t_ret[y]
                    bc = banda(cz, T.ceav_lower[y], T.ceav_upper[y])
                    ceav_p = cz * 365.0 * T.ceav_rate[y, bc]
                    ceav_t = cz * 365.0 * T.t_trab[y]
                    estatal = ceav_p * T.t_est[y]
                    bs = banda(s, T.cs_lower[y], T.cs_upper[y])
                    cuota = T.cs_anual[y, bs] * 365.0 / 4.0
                    aport_ret = retiro
                    aport_ceav = ceav_p + ceav_t + estatal + cuota
                    add(ledger, y, _APOR, (retiro + ceav_p + ceav_t) * peso)
                    add(ledger, y, _EST, estatal * peso)
                    add(ledger, y, _CS, cuota * peso)
                    add(ledger, y, _COT, peso)
                    add(ledger, y, _MASA, s * 365.0 * peso)
                    w = 365.0 / 7.0
                    prom_uma = (prom_uma * semanas_prom + (s / T.uma[y]) * w) / (semanas_prom + w)
                    semanas_prom += w
                    if transicion:
                        prom73 = (prom73 * (250.0 - w) + min(s, T.tope[y]) * w) / 250.0
                    semanas += w
                growth = (1.0 + nominal) ** 0.5
                bruto_r = saldo_ret * (1.0 + nominal) + aport_ret * growth
                bruto_c = saldo_ceav * (1.0 + nominal) + aport_ceav * growth
                fee_r = fee * (saldo_ret + bruto_r) / 2.0
                fee_c = fee * (saldo_ceav + bruto_c) / 2.0
                add(ledger, y, _REND, (bruto_r - saldo_ret - aport_ret + bruto_c - saldo_ceav - aport_ceav) * peso)
                add(ledger, y, _COM, (fee_r + fee_c) * peso)
                saldo_ret = bruto_r - fee_r
                saldo_ceav = bruto_c - fee_c
            # --- pensions in payment --------------------------------------------------
            elif tipo == 4:
                add(ledger, y, _L73, 12.0 * pension * peso)
                add(ledger, y, _NL73, peso)
            elif tipo == 1:
                add(ledger, y, _PRV, 12.0 * pension * peso)
                add(ledger, y, _NRV, peso)
            elif tipo == 2:
                mensual = (1.0 + nominal) ** (1.0 / 12.0) - 1.0
                cuenta = 0.0
                gobierno = 0.0
                inicio = saldo_pg
                for _ in range(12):
                    pago = min(pension, saldo_pg)
                    saldo_pg -= pago
                    cuenta += pago
                    gobierno += pension - pago
                    saldo_pg *= 1.0 + mensual
                add(ledger, y, _REND, (saldo_pg - inicio + cuenta) * peso)
                add(ledger, y, _PGC, cuenta * peso)
                add(ledger, y, _PG, gobierno * peso)
                add(ledger, y, _NPG, peso)
                if gobierno > 0.0:
                    add(ledger, y, _NPGG, peso)
                    anios_pg_gob += 1.0
            if comp > 0.0 and tipo in (1, 2):
                add(ledger, y, _FONDO, 12.0 * comp * peso)
                add(ledger, y, _NFONDO, peso)
            # --- non-contributory pensions -------------------------------------------------
            if edad >= T.pbam_edad[y]:
                add(ledger, y, _PBAM, T.pbam_anual[y] * P[9] * peso)
                add(ledger, y, _NPBAM, P[9] * peso)
            elif sexo == 1 and edad >= T.muj_min[y] and edad <= T.muj_max[y]:
                add(ledger, y, _MUJ, T.muj_anual[y] * P[10] * peso)
                add(ledger, y, _NMUJ, P[10] * peso)
            # --- end of year: survival, then next year's wage and contribution state -------
            q = T.qx[sexo, min(edad, 110)] * (1.0 - P[12]) ** max(t - 2009, 0) * P[6]
            if uniforme(seed, path, i, t, _S_SUP) < q:
                add(ledger, y, _FALL, (saldo_ret + saldo_ceav + saldo_pg) * peso)
                saldo_ret = 0.0
                saldo_ceav = 0.0
                saldo_pg = 0.0
                vivo = False
                if out.shape[0] > 0:
                    out[path, i, 8] = t
            add(ledger, y, _SFIN, (saldo_ret + saldo_ceav + saldo_pg) * peso)
            if not vivo:
                break
            if tipo == 0:
                a1 = edad + 1
                delta = -P[3] * (2.0 * (edad - P[2]) + 1.0)
                z = normal(seed, path, i, t, _S_W1, _S_W2)
                sbc = sbc * T.infl[y] * (1.0 + P[5]) * math.exp(delta + P[4] * z - 0.5 * P[4] * P[4])
                ab = 0 if a1 < 30 else (1 if a1 < 45 else (2 if a1 < 60 else 3))
                veces = sbc / T.sbc_ref[y + 1]
                sb = 0 if veces <= 2.0 / 3.0 else (1 if veces <= 4.0 / 3.0 else 2)
                p = T.p11[sexo, ab, sb] if cot else T.p01[sexo, ab, sb]
                cot = uniforme(seed, path, i, t, _S_COT) < p
        if out.shape[0] > 0:
            out[path, i, 6] = anios_pg_gob

    @njit(parallel=True)
    def kernel(seed, starts, ends, sexo, nac, afil, semanas, sbc, saldo, prom73, prom_uma, cot, peso, transicion,
               T, P, real, ledger, out):
        n_paths = real.shape[0]
        for c in prange(starts.shape[0]):
            for i in range(starts[c], ends[c]):
                for path in range(n_paths):
                    persona(i, path, seed, sexo[i], nac[i], afil[i], semanas[i], sbc[i], saldo[i], prom73[i],
                            prom_uma[i], cot[i], peso[i], transicion[i], T, P, real[path], ledger[c, path], out)

    return {"kernel": kernel, "persona": persona, "ley73_mensual": ley73_mensual, "pg_mensual": pg_mensual, "banda": banda}


def _identity(f=None, **kwargs):
    return f if f is not None else (lambda g: g)


#: The pure-Python twin (same source, no compilation).
PYTHON = construir(_identity, range, _rng.uniforme_py, _rng.normal_py)
KERNEL_PYTHON = PYTHON["kernel"]

if SIN_NUMBA:  # pragma: no cover
    NUMBA = PYTHON
else:
    import numba

    def _nj(f=None, **kwargs):
        opts = {"cache": False, "error_model": "numpy"}
        opts.update(kwargs)
        return numba.njit(**opts)(f) if f is not None else (lambda g: numba.njit(**opts)(g))

    NUMBA = construir(_nj, numba.prange, _rng.uniforme, _rng.normal)
KERNEL = NUMBA["kernel"]
