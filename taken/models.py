"""Taak and TaakType per team (TAK-1, TAK-2), and the contact report (VER-1)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from casus.models import Casus
from cris import klok
from cris.versie import Versiebeheerd
from taken.verslag_models import VerslagConcept  # noqa: F401 - VER-2 drafts, a model of this app
from werkstroom.models import Afdeling, Specialisatie, Team


class Subtype(models.TextChoices):
    BENADERING = "benadering", _("benadering")
    TERUGBELVERZOEK = "terugbelverzoek", _("terugbelverzoek")
    INTAKE = "intake", _("intake")
    ONDERSTEUNINGSGESPREK = "ondersteuningsgesprek", _("ondersteuningsgesprek")
    AFSPRAAK = "afspraak", _("afspraak")
    MONITOR = "monitor", _("monitor")
    OVERIG = "overig", _("overig")


class TaakType(Versiebeheerd):
    code = models.CharField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    afdeling = models.CharField(_("afdeling"), max_length=10, choices=Afdeling.choices)
    subtype = models.CharField(_("subtype"), max_length=25, choices=Subtype.choices, default=Subtype.OVERIG)
    deadline_uren = models.PositiveIntegerField(
        _("deadline in uren"), null=True, blank=True, help_text=_("Vanaf ontvangst van de aanmelding (TAK-8).")
    )
    standaard_prioriteit = models.PositiveSmallIntegerField(_("standaardprioriteit"), default=2)
    specialisatie = models.ForeignKey(
        Specialisatie,
        models.PROTECT,
        verbose_name=_("vereiste specialisatie"),
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De taakverdeler geeft taken van dit type alleen aan medewerkers met deze specialisatie (TAK-5)."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("taaktype")
        verbose_name_plural = _("taaktypen")
        ordering = ["afdeling", "naam"]

    def __str__(self) -> str:
        return f"{self.get_afdeling_display()}: {self.naam}"


class Vervolgregel(Versiebeheerd):
    """TAK-3: the follow-up matrix. Work in the werkstroom of ``van_afdeling`` may create tasks of
    ``taaktype``; the task page offers exactly these. Maintained by functional managers in the admin."""

    van_afdeling = models.CharField(_("vanuit werkstroom"), max_length=10, choices=Afdeling.choices)
    taaktype = models.ForeignKey(TaakType, models.CASCADE, verbose_name=_("mag aanmaken"), related_name="vervolgregels")

    class Meta:
        verbose_name = _("vervolgtaakregel")
        verbose_name_plural = _("vervolgtaakmatrix")
        ordering = ["van_afdeling", "taaktype__afdeling", "taaktype__naam"]
        constraints = [models.UniqueConstraint(fields=["van_afdeling", "taaktype"], name="vervolgregel_uniek")]

    def __str__(self) -> str:
        return f"{self.get_van_afdeling_display()} → {self.taaktype}"


class TaakStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    GEREALISEERD = "gerealiseerd", _("Gerealiseerd")
    AFGEBROKEN = "afgebroken", _("Afgebroken")


OPEN_TAAKSTATUSSEN = [TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN, TaakStatus.IN_BEHANDELING]
"""The open task statuses: the one owner (docs/architectuur.md). SQL text uses ``OPEN_TAAKSTATUSSEN_SQL``."""
OPEN_TAAKSTATUSSEN_SQL = "(" + ", ".join(f"'{status.value}'" for status in OPEN_TAAKSTATUSSEN) + ")"

DEADLINE_BIJNA_UREN = 4


def deadline_stand(status: str, deadline, nu) -> tuple[bool, bool]:
    """TAK-8: (te laat, bijna te laat) of a task. Open work past its deadline is te laat; open work due within
    the next DEADLINE_BIJNA_UREN hours is bijna te laat. The one owner of this rule: ``Taak.te_laat``, the
    worklist rows and (as SQL) ``te_laat_q`` and ``te_laat_sql`` agree with it (tests/test_regels.py)."""
    if status not in OPEN_TAAKSTATUSSEN or deadline is None:
        return False, False
    te_laat = deadline < nu
    return te_laat, not te_laat and deadline <= nu + timedelta(hours=DEADLINE_BIJNA_UREN)


def te_laat_q(nu, prefix: str = "") -> models.Q:
    """``deadline_stand``'s te laat as a filter, for a queryset of tasks (``prefix``: the path to the task)."""
    return models.Q(**{f"{prefix}status__in": OPEN_TAAKSTATUSSEN, f"{prefix}deadline__lt": nu})


def te_laat_sql(alias: str) -> str:
    """``deadline_stand``'s te laat as SQL text on table alias ``alias``, with "now" as its one parameter."""
    return f"({alias}.status IN {OPEN_TAAKSTATUSSEN_SQL} AND {alias}.deadline < %s)"


class Prioriteit(models.IntegerChoices):
    HOOG = 1, _("hoog")
    NORMAAL = 2, _("normaal")
    LAAG = 3, _("laag")


class Taak(models.Model):
    casus = models.ForeignKey(Casus, models.CASCADE, verbose_name=_("casus"), related_name="taken")
    type = models.ForeignKey(TaakType, models.PROTECT, verbose_name=_("taaktype"), related_name="taken")
    team = models.ForeignKey(Team, models.PROTECT, verbose_name=_("team"), related_name="taken")
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        related_name="taken",
    )
    status = models.CharField(_("status"), max_length=15, choices=TaakStatus.choices, default=TaakStatus.NIEUW)
    prioriteit = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Prioriteit.choices, default=Prioriteit.NORMAAL
    )
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    routering = models.CharField(_("waarom hier"), max_length=300, blank=True)
    # Filtered only within a team's unassigned tasks (taak_verdeler_idx): no index of its own on 4 M rows.
    specialisatie = models.ForeignKey(
        Specialisatie,
        models.PROTECT,
        verbose_name=_("vereiste specialisatie"),
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    afbreekreden = models.TextField(_("reden afbreken"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        indexes = [
            # The team worklist: open tasks of a team in list order (deadline, priority), read in index order.
            models.Index(
                fields=["team", "deadline", "prioriteit", "id"],
                name="taak_team_open_idx",
                condition=models.Q(status__in=OPEN_TAAKSTATUSSEN),
            ),
            # Counts per status and lists filtered on one status, per team, answered from the index (TAK-4).
            models.Index(fields=["team", "status", "deadline", "id"], name="taak_team_status_idx"),
            # The taakverdeler: unassigned tasks of a team in the order it hands them out (TAK-5).
            models.Index(
                fields=["team", "prioriteit", "deadline", "id"],
                name="taak_verdeler_idx",
                condition=models.Q(status="nieuw"),
            ),
            models.Index(fields=["behandelaar", "status", "deadline"], name="taak_behandelaar_idx"),
            models.Index(fields=["casus", "status"], name="taak_casus_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["toegewezen", "in_behandeling"]) | models.Q(behandelaar__isnull=False),
                name="taak_in_behandeling_heeft_behandelaar",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type.naam} ({self.get_status_display()})"

    @property
    def open(self) -> bool:
        return self.status in OPEN_TAAKSTATUSSEN

    @property
    def te_laat(self) -> bool:
        """TAK-8: open work past its deadline stands out in every list (``deadline_stand``)."""
        return deadline_stand(self.status, self.deadline, klok.nu())[0]

    @property
    def bijna_te_laat(self) -> bool:
        """TAK-8: open work due within the next DEADLINE_BIJNA_UREN hours stands out too (``deadline_stand``)."""
        return deadline_stand(self.status, self.deadline, klok.nu())[1]


class ContactKanaal(models.TextChoices):
    TELEFOON = "telefoon", _("telefoon")
    EMAIL = "email", _("e-mail")
    GESPREK = "gesprek", _("gesprek op locatie")
    VIDEO = "video", _("videobellen")
    BRIEF = "brief", _("brief")
    CHAT = "chat", _("chat")


class Richting(models.TextChoices):
    UITGAAND = "uitgaand", _("uitgaand")
    INKOMEND = "inkomend", _("inkomend")


class Contactmoment(models.Model):
    """A contact with the client, or a failed attempt, with its report (VER-1)."""

    taak = models.ForeignKey(Taak, models.CASCADE, verbose_name=_("taak"), related_name="contactmomenten")
    casus = models.ForeignKey(Casus, models.CASCADE, related_name="contactmomenten")
    medewerker = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="contactmomenten")
    tijdstip = models.DateTimeField(_("tijdstip"))
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=ContactKanaal.choices)
    richting = models.CharField(_("richting"), max_length=10, choices=Richting.choices, default=Richting.UITGAAND)
    bereikt = models.BooleanField(_("cliënt bereikt"))
    duur_minuten = models.PositiveIntegerField(_("duur (minuten)"), null=True, blank=True)
    verslag = models.TextField(_("verslag"), blank=True)
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    # VER-2: editable for 7 days after it was recorded, then locked; a later correction is a new entry.
    gewijzigd_op = models.DateTimeField(_("laatst gewijzigd op"), null=True, blank=True)
    correctie_van = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="correcties", verbose_name=_("correctie van")
    )
    versie = models.PositiveIntegerField(default=1, db_default=1, editable=False)  # cris.versie: the edit form

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        indexes = [models.Index(fields=["casus", "-tijdstip"], name="contact_casus_idx")]
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        return f"{self.get_kanaal_display()} {klok.als_tekst(self.tijdstip)}"


# TAK-7: a failed call attempt is a contact that did not reach the client. A correction (VER-2) repeats the
# contact data of its original and is no attempt of its own. The one owner of this rule: the worklist and the
# task page both count through ``mislukte_pogingen`` (tests/test_pogingen.py proves they agree).
MISLUKTE_POGING = models.Q(bereikt=False, correctie_van__isnull=True)


def mislukte_pogingen(taak: str = "pk"):
    """The number of failed call attempts of the task at ``taak`` (an outer reference), as an annotation."""
    pogingen = (
        Contactmoment.objects.filter(MISLUKTE_POGING, taak_id=models.OuterRef(taak))
        .order_by()
        .values("taak_id")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    # The 0 as SQL text, not a parameter: with it the worklist's rows query (fifty ids) has 51 parameters, and
    # psycopg converts a query of more than 50 anew on every run instead of from its cache (~0.1 ms per page).
    return Coalesce(models.Subquery(pogingen), RawSQL("0", (), output_field=models.IntegerField()))


class Terugbelnotitie(models.Model):
    """TAK-7: a note asking a colleague to call the client back; the colleague is notified."""

    taak = models.ForeignKey(Taak, models.CASCADE, verbose_name=_("taak"), related_name="terugbelnotities")
    voor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, verbose_name=_("voor collega"), related_name="terugbelnotities"
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, verbose_name=_("door"), related_name="+")
    tekst = models.TextField(_("notitie"))
    terugbellen_voor = models.DateTimeField(_("terugbellen vóór"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("terugbelnotitie")
        verbose_name_plural = _("terugbelnotities")
        ordering = ["-aangemaakt_op"]
        indexes = [
            models.Index(
                fields=["voor", "aangemaakt_op"], name="terugbel_open_idx", condition=models.Q(afgehandeld_op=None)
            )
        ]

    def __str__(self) -> str:
        return f"{_('Terugbelnotitie')} {klok.als_tekst(self.aangemaakt_op)}"


class Afspraak(models.Model):
    """AGE-1: an appointment belongs to a task; its owner is the worker who keeps it (moves with the task,
    TAK-6). ``gepland_door`` differs when JD-Admin planned it for a JD worker."""

    taak = models.ForeignKey(Taak, models.CASCADE, verbose_name=_("taak"), related_name="afspraken")
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, verbose_name=_("medewerker"), related_name="afspraken"
    )
    begin = models.DateTimeField(_("begin"))
    einde = models.DateTimeField(_("einde"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)
    gepland_door = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)  # cris.versie: moving checks it

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["begin"]
        indexes = [models.Index(fields=["medewerker", "begin"], name="afspraak_medewerker_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(einde__gt=models.F("begin")), name="afspraak_einde_na_begin")
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} {klok.als_tekst(self.begin)}"


class MijnFilters(models.Model):
    """TAK-4: a worker's saved worklist filters ("mijn filters"): the worklist URL's query, filter fields only."""

    medewerker = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, primary_key=True, related_name="werklijst_filters"
    )
    query = models.CharField(_("filters"), max_length=1000)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("mijn filters")
        verbose_name_plural = _("mijn filters")

    def __str__(self) -> str:
        return self.query
