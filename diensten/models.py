"""Service catalogue (DIE-1), services per task with their time (DIE-2, DIE-3) and the anonymous production
figures that outlive a purged casus (DIE-4, SCH-3)."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.models import Casus
from cris import klok
from cris.versie import Versiebeheerd
from taken.models import Taak
from werkstroom.models import District, Team


class Categorie(models.TextChoices):
    INFORMEREND = "informerend", _("Informerende dienst")
    ONDERSTEUNEND = "ondersteunend", _("Ondersteunende dienst")


class DienstSoort(Versiebeheerd):
    """A kind of service in the catalogue, optionally a sub-service of a main service. A soort is never
    deleted: old services keep the meaning they had; `geldig_tot` retires it for new registrations."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    categorie = models.CharField(_("categorie"), max_length=15, choices=Categorie.choices)
    hoofddienst = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="subdiensten",
        verbose_name=_("hoofddienst"),
        help_text=_("Leeg voor een hoofddienst; gevuld voor een subdienst."),
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    geldig_van = models.DateField(_("geldig van"), default=date(2000, 1, 1))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    class Meta:
        verbose_name = _("dienstsoort")
        verbose_name_plural = _("dienstencatalogus")
        ordering = ["categorie", "volgorde", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gte=models.F("geldig_van")),
                name="dienstsoort_geldigheid_oplopend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hoofddienst.naam} – {self.naam}" if self.hoofddienst_id else self.naam

    def clean(self):
        if self.hoofddienst_id:
            if self.hoofddienst_id == self.pk or self.hoofddienst.hoofddienst_id:
                raise ValidationError(
                    {"hoofddienst": _("Een subdienst hoort bij een hoofddienst, niet bij een subdienst.")}
                )
            if self.hoofddienst.categorie != self.categorie:
                raise ValidationError({"categorie": _("Een subdienst heeft de categorie van zijn hoofddienst.")})
        if self.geldig_tot and self.geldig_tot < self.geldig_van:
            raise ValidationError({"geldig_tot": _("De einddatum ligt voor de begindatum.")})

    def geldig_op(self, dag: date) -> bool:
        return self.geldig_van <= dag and (self.geldig_tot is None or dag <= self.geldig_tot)


class DienstStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    AFGEROND = "afgerond", _("Afgerond")
    AFGEBROKEN = "afgebroken", _("Afgebroken")


OPEN_DIENSTSTATUSSEN = [DienstStatus.NIEUW, DienstStatus.IN_BEHANDELING]


class Dienst(models.Model):
    """A service delivered on a task (DIE-2).

    Lead time (DIE-3) is the time the service was open: `doorlooptijd_s` holds the seconds of the periods
    already closed, `open_sinds` the start of the running one. Reopening starts a new period, so the time
    between closing and reopening never counts. Team and district are copied from the task and casus at
    registration: the production report (DIE-4) groups by them without joining the big tables.
    `historie_sinds` is set when the task closes: the service then belongs to the task's Historie and is
    read-only, until it is reopened with the task (CAS-3)."""

    taak = models.ForeignKey(Taak, models.CASCADE, related_name="diensten", verbose_name=_("taak"))
    casus = models.ForeignKey(Casus, models.CASCADE, related_name="diensten")
    soort = models.ForeignKey(DienstSoort, models.PROTECT, related_name="diensten", verbose_name=_("dienst"))
    team = models.ForeignKey(Team, models.PROTECT, related_name="+")
    district = models.ForeignKey(District, models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=15, choices=DienstStatus.choices, default=DienstStatus.NIEUW)
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    open_sinds = models.DateTimeField(null=True, blank=True)
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    doorlooptijd_s = models.BigIntegerField(default=0)
    besteed_minuten = models.PositiveIntegerField(_("besteed (minuten)"), default=0)
    keer_heropend = models.PositiveSmallIntegerField(default=0)
    historie_sinds = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        indexes = [
            models.Index(fields=["taak", "status"], name="dienst_taak_idx"),
            # The production report reads a period's closed and new services by time, never the whole table.
            models.Index(
                fields=["afgesloten_op", "soort", "district", "team"],
                name="dienst_afgesloten_idx",
                include=["status", "doorlooptijd_s"],
                condition=models.Q(afgesloten_op__isnull=False),
            ),
            models.Index(fields=["aangemaakt_op", "soort", "district", "team"], name="dienst_aangemaakt_idx"),
            models.Index(fields=["casus"], name="dienst_casus_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=["nieuw", "in_behandeling"], open_sinds__isnull=False, afgesloten_op=None)
                    | models.Q(status__in=["afgerond", "afgebroken"], open_sinds=None, afgesloten_op__isnull=False)
                ),
                name="dienst_open_of_afgesloten",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} ({self.get_status_display()})"

    @property
    def open(self) -> bool:
        return self.status in OPEN_DIENSTSTATUSSEN

    @property
    def historie(self) -> bool:
        return self.historie_sinds is not None

    def doorlooptijd(self, nu: datetime | None = None):
        """DIE-3: the time this service has been open, over all its periods."""
        seconden = self.doorlooptijd_s
        if self.open_sinds is not None:
            seconden += max(0, int(((nu or klok.nu()) - self.open_sinds).total_seconds()))
        return timezone.timedelta(seconds=seconden)


class Tijdsbesteding(models.Model):
    """Time actually spent on a service (besteedde tijd, DIE-3)."""

    dienst = models.ForeignKey(Dienst, models.CASCADE, related_name="tijdsbestedingen")
    medewerker = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    # The service's report dimensions, copied (they never change on a service): the production report sums
    # a period's minutes from the index alone, without joining every service ever registered.
    soort = models.ForeignKey(DienstSoort, models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, models.PROTECT, related_name="+")
    district = models.ForeignKey(District, models.PROTECT, null=True, blank=True, related_name="+")
    datum = models.DateField(_("datum"))
    minuten = models.PositiveIntegerField(_("minuten"))
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tijdsbesteding")
        verbose_name_plural = _("tijdsbestedingen")
        indexes = [
            models.Index(fields=["dienst", "datum"], name="tijd_dienst_idx"),
            models.Index(fields=["datum"], name="tijd_datum_idx", include=["soort", "district", "team", "minuten"]),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(minuten__gt=0), name="tijd_minuten_positief")]

    def __str__(self) -> str:
        return f"{self.minuten} min op {self.datum:%d-%m-%Y}"


class Productiecijfers(models.Model):
    """Anonymous production figures (DIE-4) per month, service type, district and team: the columns of
    ``diensten.productie.productie_sql``. No casus, client or person."""

    maand = models.DateField(_("maand"))
    soort = models.ForeignKey(DienstSoort, models.PROTECT, related_name="+")
    district = models.ForeignKey(District, models.PROTECT, null=True, blank=True, related_name="+")
    team = models.ForeignKey(Team, models.PROTECT, related_name="+")
    nieuw = models.PositiveIntegerField(default=0)
    afgerond = models.PositiveIntegerField(default=0)
    afgebroken = models.PositiveIntegerField(default=0)
    doorlooptijd_s = models.BigIntegerField(default=0)
    besteed_minuten = models.BigIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.maand:%m-%Y} {self.soort_id}"


class GeschoondeProductie(Productiecijfers):
    """The production figures of purged cases (SCH-3, DIE-4). The report adds these rows to the live ones;
    `diensten.services.productie.productie_bewaren` writes them just before a purge."""

    class Meta:
        verbose_name = _("geschoonde productie")
        verbose_name_plural = _("geschoonde productie")
        indexes = [models.Index(fields=["maand", "soort", "district", "team"], name="geschoond_maand_idx")]


class ProductieMaand(models.Model):
    """DIE-4: the state of a month's pre-computed production (``VoorberekendeProductie``). The job
    ``diensten.tasks.productie_voorberekenen`` computes a closed month without a row here or with `verouderd`;
    a write on the services or time of a closed month sets `verouderd` in its own transaction
    (``diensten.services.productie.maanden_verouderd``). The report reads a month's pre-computed figures only
    while it is closed and not `verouderd`; otherwise it counts the month live."""

    maand = models.DateField(_("maand"), primary_key=True)
    verouderd = models.BooleanField(_("verouderd"), default=True)
    berekend_op = models.DateTimeField(_("berekend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("productiemaand")
        verbose_name_plural = _("productiemaanden")

    def __str__(self) -> str:
        return f"{self.maand:%m-%Y}"


class VoorberekendeProductie(Productiecijfers):
    """DIE-4: a closed month's production figures, as ``diensten.productie.productie_sql`` counts them (live
    and purged work), written by the job that keeps ``ProductieMaand``."""

    class Meta:
        verbose_name = _("voorberekende productie")
        verbose_name_plural = _("voorberekende productie")
        indexes = [models.Index(fields=["maand", "soort", "district", "team"], name="voorberekend_maand_idx")]
