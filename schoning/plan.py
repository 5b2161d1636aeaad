"""What hangs off a casus (or client, referral, document, import file): read from Django's model meta, so a
new model with a foreign key into the chain is purged along without anyone remembering to add it.

A plan for a root model lists every model whose rows must go with the root's rows, parents first, each with
the foreign-key columns that tie it to models already in the plan, and the nullable SET_NULL columns that
merely point into the plan (those are emptied, the rows stay). The purge collects ids parents-first and
deletes children-first with plain set-based SQL: no Django collector, no per-row signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

from cris.caches import process_cache

# Never deleted along: schoning's own records. Bewaarplicht points at Casus/Client with PROTECT so that the
# database refuses (at commit) a purge that would take a held casus or client.
UITGESLOTEN_APPS = frozenset({"schoning"})


@dataclass(frozen=True)
class Koppeling:
    kolom: str  # column in the child table
    doel: type[models.Model]  # the model in the plan it points to


@dataclass
class Stap:
    model: type[models.Model]
    koppelingen: list[Koppeling] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


@dataclass(frozen=True)
class Nullen:
    model: type[models.Model]
    kolom: str
    doel: type[models.Model]


@dataclass
class Plan:
    wortel: type[models.Model]
    stappen: list[Stap]  # parents first; stappen[0] is the root
    nullen: list[Nullen]

    @property
    def modellen(self) -> list[type[models.Model]]:
        return [s.model for s in self.stappen]


def _foreign_keys() -> dict[type[models.Model], list[tuple[type[models.Model], models.ForeignKey]]]:
    """target model → [(model, fk field)] over every installed model, auto-created through tables included."""
    verwijzingen: dict = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.ForeignKey):
                doel = veld.remote_field.model._meta.concrete_model
                verwijzingen.setdefault(doel, []).append((model, veld))
    return verwijzingen


def _zet_null(veld: models.ForeignKey) -> bool:
    return veld.null and veld.remote_field.on_delete in (models.SET_NULL, models.SET_DEFAULT)


@process_cache()
def plan_voor(wortel: type[models.Model]) -> Plan:
    verwijzingen = _foreign_keys()
    koppelingen: dict[type[models.Model], list[Koppeling]] = {wortel: []}
    nullen: list[Nullen] = []
    wachtrij = [wortel]
    while wachtrij:
        doel = wachtrij.pop(0)
        for model, veld in verwijzingen.get(doel, []):
            if model._meta.app_label in UITGESLOTEN_APPS:
                continue
            if _zet_null(veld):
                nullen.append(Nullen(model, veld.column, doel))
                continue
            # CASCADE, PROTECT, RESTRICT, DO_NOTHING: the rows belong to what is purged and go with it
            # (a referral of a purged casus is purged too, although Aanmelding.casus is PROTECT).
            if model not in koppelingen:
                koppelingen[model] = []
                wachtrij.append(model)
            koppelingen[model].append(Koppeling(veld.column, doel))
    return Plan(wortel, _ouders_eerst(wortel, koppelingen), nullen)


def _ouders_eerst(wortel, koppelingen: dict) -> list[Stap]:
    """Topological order: a model comes after every model in the plan it points to (ids are collected in
    this order and deleted in the reverse)."""
    geordend: list[Stap] = []
    gedaan: set = set()
    bezig: set = set()

    def bezoek(model):
        if model in gedaan:
            return
        if model in bezig:
            raise ValueError(f"circular foreign keys without SET_NULL around {model._meta.label}")
        bezig.add(model)
        for k in koppelingen[model]:
            if k.doel is not model:
                bezoek(k.doel)
        bezig.discard(model)
        gedaan.add(model)
        geordend.append(Stap(model, koppelingen[model]))

    bezoek(wortel)
    for model in koppelingen:
        bezoek(model)
    return geordend
