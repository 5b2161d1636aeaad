"""TAK-3: which follow-up tasks the werkstroom of a department may create (the follow-up matrix)."""

from __future__ import annotations

from cris.catalogus import Catalogus
from taken.models import TaakType, Vervolgregel


def vervolgtypen(*, afdeling: str):
    """TAK-3: the active task types the werkstroom of this department may create (the admin's matrix); the list
    form of ``vervolgtaak_toegestaan``, what every path offers."""
    return TaakType.objects.filter(actief=True, vervolgregels__van_afdeling=afdeling).order_by("afdeling", "naam")


def vervolgtaak_toegestaan(*, afdeling: str, taaktype: TaakType) -> bool:
    """TAK-3, one rule with one owner (issue 27): may work in the werkstroom of ``afdeling`` create a task of
    ``taaktype``? The follow-up matrix (Vervolgregel) decides. Every path that creates follow-up tasks goes
    through ``taak_aanmaken`` with ``vanuit``/``vanuit_werkstroom``, which asks here, and offers
    ``vervolgtypen``: the task page's follow-up (and the Acute Opvang alert), CAI on an existing client's casus
    (aanmelding.doorlopend) and the prosecution's hearing task (aanmelding.zitting). tests/test_regels.py proves
    they agree."""
    return vervolgtypen(afdeling=afdeling).filter(pk=taaktype.pk).exists()


_VERVOLG_AFDELINGEN = Catalogus(
    lambda: set(Vervolgregel.objects.filter(taaktype__actief=True).values_list("van_afdeling", flat=True)),
    TaakType,
    Vervolgregel,
)


def heeft_vervolgtypen(*, afdeling: str) -> bool:
    """Whether ``vervolgtypen`` has any for this department, from the catalogue cache: the task page asks
    on every view whether to offer a follow-up task."""
    return afdeling in _VERVOLG_AFDELINGEN()
