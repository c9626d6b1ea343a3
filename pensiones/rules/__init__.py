"""The rules layer: the law as dated, cited, validated tables.

``load(regimen)`` returns an immutable :class:`RuleSet`; ``RuleSet.table(name)`` gives a
table as a DataFrame with its metadata; ``RuleSet.value(name, fecha, **axes)`` answers
what a table says on a date, raising before the first date and projecting past the last
one only through the projection the table declares.
"""

from pensiones._deprecation import modulo_renombrado
from pensiones.rules.errors import RuleLookupError, RuleTableError
from pensiones.rules.ruleset import REGIMENES, RuleSet, lookup_date, load
from pensiones.rules.supuestos import Criterios, Supuestos
from pensiones.rules.table import Table

__all__ = [
    "load",
    "RuleSet",
    "Table",
    "Supuestos",
    "Criterios",
    "REGIMENES",
    "RuleTableError",
    "RuleLookupError",
    "lookup_date",
]

#: Deprecated spellings (removed in 0.3; pensiones._deprecation).
__getattr__ = modulo_renombrado("pensiones.rules", globals(), {"fecha_de_anio": "lookup_date"})
