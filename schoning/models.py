"""Retention rules (SCH-1), legal holds, the nightly selection list with its deselections (SCH-2) and what the
purge keeps: anonymous counts and a record of what went (SCH-3).

Selection items, deselections and counts carry no foreign keys to the data they are about: they must outlive
it. Legal holds do (PROTECT): the database itself then refuses to delete a held casus or client.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casus.models import Casus, Client
from cris.versie import Versiebeheerd


class Soort(models.TextChoices):
    """The kinds of data a retention rule is about, in the order the purge handles them."""

    DOCUMENT = "document", _("document")
    CASUS = "casus", _("casus na Afgerond")
    AANMELDING = "aanmelding", _("afgewezen aanmelding")
    QUARANTAINE = "quarantaine", _("importbericht in quarantaine")
    IMPORT = "import", _("importbestand met zijn berichten")
    AUDIT = "audit", _("auditregels (per maand)")


class TeltVanaf(models.TextChoices):
    AFGEROND_OP = "afgerond_op", _("datum waarop de casus Afgerond werd")
    BEOORDEELD_OP = "beoordeeld_op", _("datum van de afwijzing")
    ONTVANGEN_OP = "ontvangen_op", _("datum van ontvangst")
    GESTART = "gestart", _("datum van aanlevering")
    AANGEMAAKT_OP = "aangemaakt_op", _("datum aangemaakt")
    AFGEHANDELD_OP = "afgehandeld_op", _("datum afgehandeld")
    GEWIJZIGD_OP = "gewijzigd_op", _("datum laatst gewijzigd")
    TIJDSTIP = "tijdstip", _("tijdstip van de regel")


# Which dates a rule of each kind may count from; the first is the default.
TELT_VANAF_PER_SOORT: dict[str, list[str]] = {
    Soort.DOCUMENT: [TeltVanaf.GEWIJZIGD_OP, TeltVanaf.AANGEMAAKT_OP],
    Soort.CASUS: [TeltVanaf.AFGEROND_OP],
    Soort.AANMELDING: [TeltVanaf.BEOORDEELD_OP, TeltVanaf.ONTVANGEN_OP],
    Soort.QUARANTAINE: [TeltVanaf.AANGEMAAKT_OP, TeltVanaf.AFGEHANDELD_OP],
    Soort.IMPORT: [TeltVanaf.GESTART],
    Soort.AUDIT: [TeltVanaf.TIJDSTIP],
}


class Bewaarregel(Versiebeheerd):
    """SCH-1: how long one kind of data is kept, and from which date that period counts."""

    soort = models.CharField(_("soort gegevens"), max_length=12, choices=Soort.choices, unique=True)
    termijn_maanden = models.PositiveIntegerField(
        _("bewaartermijn (maanden)"), help_text=_("Bijvoorbeeld 84 voor zeven jaar.")
    )
    telt_vanaf = models.CharField(_("termijn telt vanaf"), max_length=15, choices=TeltVanaf.choices)
    actief = models.BooleanField(
        _("actief"), default=False, help_text=_("Alleen actieve regels worden 's nachts geselecteerd.")
    )
    grondslag = models.CharField(
        _("grondslag"), max_length=300, blank=True, help_text=_("De wet of het besluit waarop de termijn rust.")
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bewaarregel")
        verbose_name_plural = _("bewaarregels")
        ordering = ["soort"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.termijn_maanden} {_('maanden')}"

    def clean(self):
        from django.core.exceptions import ValidationError

        toegestaan = TELT_VANAF_PER_SOORT.get(self.soort, [])
        if self.telt_vanaf and self.telt_vanaf not in toegestaan:
            keuzes = ", ".join(str(TeltVanaf(t).label) for t in toegestaan)
            raise ValidationError({"telt_vanaf": _("Voor deze soort kan de termijn tellen vanaf: %s.") % keuzes})
        if self.termijn_maanden is not None and self.termijn_maanden < 1:
            raise ValidationError({"termijn_maanden": _("De termijn is minstens één maand.")})


class Bewaarplicht(Versiebeheerd):
    """Legal hold: this casus, or every casus and referral of this client, is not purged while it lasts."""

    casus = models.ForeignKey(Casus, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("casus"))
    client = models.ForeignKey(
        Client, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("cliënt")
    )
    reden = models.TextField(_("reden"))
    tot = models.DateField(_("tot en met"), null=True, blank=True, help_text=_("Leeg: tot de plicht wordt opgeheven."))
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bewaarplicht")
        verbose_name_plural = _("bewaarplichten")
        ordering = ["-vastgelegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(casus__isnull=False, client__isnull=True) | Q(casus__isnull=True, client__isnull=False),
                name="bewaarplicht_casus_of_client",
            )
        ]

    def __str__(self) -> str:
        doel = f"CA{self.casus_id:07d}" if self.casus_id else f"CL{self.client_id:07d}"
        return f"{doel}: {self.reden[:60]}"


class SelectieStatus(models.TextChoices):
    CONCEPT = "concept", _("te beoordelen")
    TER_GOEDKEURING = "ter_goedkeuring", _("ter goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd, wacht op uitvoering")
    BEZIG = "bezig", _("wordt uitgevoerd")
    UITGEVOERD = "uitgevoerd", _("uitgevoerd")
    VERVALLEN = "vervallen", _("vervallen (vervangen door een nieuwere lijst)")


class Selectie(models.Model):
    """A dated selection list (SCH-2). After the purge it is the record of what went (SCH-3): the rules as
    they were, the counts, the hashed ids (in its items), who prepared and who approved it."""

    datum = models.DateField(_("datum"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SelectieStatus.choices, default=SelectieStatus.CONCEPT
    )
    # {soort: {"termijn_maanden", "telt_vanaf", "grens"}}: the rules as applied, so the record stays true
    # when a rule changes later; "grens" is re-checked by the purge.
    regels = models.JSONField(_("toegepaste regels"), default=dict)
    voorbereid_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorbereid door"),
    )
    voorbereid_op = models.DateTimeField(_("voorbereid op"), null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    batch_grootte = models.PositiveIntegerField(_("batchgrootte"), default=1000)
    batches_totaal = models.PositiveIntegerField(_("batches totaal"), default=0)
    batches_klaar = models.PositiveIntegerField(_("batches klaar"), default=0)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("schoningslijst")
        verbose_name_plural = _("schoningslijsten")
        ordering = ["-datum", "-id"]
        permissions = [
            ("selectie_beoordelen", _("Schoningslijst inzien, items uitzonderen en ter goedkeuring aanbieden")),
            ("selectie_goedkeuren", _("Schoningslijst goedkeuren (vier ogen)")),
        ]
        constraints = [
            # Four eyes: the one who approves is not the one who prepared.
            models.CheckConstraint(
                condition=Q(goedgekeurd_door__isnull=True) | ~Q(goedgekeurd_door=models.F("voorbereid_door")),
                name="selectie_vier_ogen",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Schoningslijst')} {self.datum:%d-%m-%Y}"

    @property
    def voortgang(self) -> int:
        if self.status == SelectieStatus.UITGEVOERD:
            return 100
        return 0 if not self.batches_totaal else min(100, round(100 * self.batches_klaar / self.batches_totaal))


class ItemStatus(models.TextChoices):
    GESELECTEERD = "geselecteerd", _("geselecteerd")
    UITGEZONDERD = "uitgezonderd", _("uitgezonderd")
    BEWAARPLICHT = "bewaarplicht", _("bewaarplicht")
    NIET_MEER = "niet_meer", _("niet meer aan de beurt")
    VERWIJDERD = "verwijderd", _("verwijderd")


class SelectieItem(models.Model):
    """One thing on the list: a casus, referral, document, import file, quarantine message, or one month of
    audit log (object_id = yyyymm). Once purged, object_id is emptied and only the keyed hash remains."""

    selectie = models.ForeignKey(Selectie, models.CASCADE, related_name="items")
    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    object_id = models.BigIntegerField(_("object-id"), null=True, blank=True)
    id_hash = models.CharField(_("id (hash)"), max_length=64)
    peildatum = models.DateTimeField(_("termijn telt vanaf"))
    aantal = models.PositiveIntegerField(_("aantal regels"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices)

    class Meta:
        verbose_name = _("item op de schoningslijst")
        verbose_name_plural = _("items op de schoningslijst")
        indexes = [
            # Paging through the list and the purge's batches: per list, kind and status, in id order.
            models.Index(fields=["selectie", "soort", "status", "id"], name="schoning_item_lijst_idx"),
            models.Index(fields=["id_hash"], name="schoning_item_hash_idx"),
        ]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def omschrijving(self) -> str:
        if self.object_id is None:
            return f"{self.get_soort_display()} #{self.id_hash[:12]}"
        prefix = {"casus": "CA", "aanmelding": "AM", "document": "DO", "quarantaine": "QB", "import": "AL"}
        if self.soort == Soort.AUDIT:
            return f"{_('auditregels')} {self.object_id // 100}-{self.object_id % 100:02d}"
        return f"{prefix[self.soort]}{self.object_id:07d}"


class Uitzondering(models.Model):
    """SCH-2: an item taken off the list, with a reason, for good or until a date. Later lists skip it too."""

    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    object_id = models.BigIntegerField(_("object-id"))
    reden = models.TextField(_("reden"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    selectie = models.ForeignKey(Selectie, models.SET_NULL, null=True, blank=True, related_name="+")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("door"))
    op = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitzondering")
        verbose_name_plural = _("uitzonderingen")
        ordering = ["-op"]
        indexes = [models.Index(fields=["soort", "object_id"], name="schoning_uitzondering_idx")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.object_id}: {self.reden[:60]}"


class SchoningTelling(models.Model):
    """SCH-3: what a purge removed, as anonymous counts (per kind, year, district and channel) for reporting."""

    selectie = models.ForeignKey(Selectie, models.PROTECT, related_name="tellingen")
    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    jaar = models.PositiveSmallIntegerField(_("jaar"), help_text=_("Jaar waarin de termijn begon te tellen."))
    district_id = models.BigIntegerField(_("district"), default=0, help_text=_("0: onbekend of niet van toepassing."))
    bron = models.CharField(_("kanaal"), max_length=15, blank=True)
    aantal = models.PositiveIntegerField(_("aantal"), default=0)
    taken = models.PositiveIntegerField(_("taken"), default=0)
    contactmomenten = models.PositiveIntegerField(_("contactmomenten"), default=0)
    documenten = models.PositiveIntegerField(_("documenten"), default=0)
    aanmeldingen = models.PositiveIntegerField(_("aanmeldingen"), default=0)

    class Meta:
        verbose_name = _("schoningstelling")
        verbose_name_plural = _("schoningstellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["selectie", "soort", "jaar", "district_id", "bron"], name="schoningtelling_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.jaar}: {self.aantal}"


class BestandVerwijdering(models.Model):
    """A file whose database rows are purged, to be removed from storage once that transaction has committed.
    Rows are written in the purge's transaction; a crash before the unlink leaves the row, not an orphan."""

    class Opslag(models.TextChoices):
        DOCUMENTEN = "documenten", _("documenten")
        BERICHTEN = "berichten", _("archief van de import")

    opslag = models.CharField(max_length=12, choices=Opslag.choices)
    naam = models.CharField(max_length=1000)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("te verwijderen bestand")
        verbose_name_plural = _("te verwijderen bestanden")

    def __str__(self) -> str:
        return f"{self.opslag}: {self.naam}"
