"""Aanmelding (referral): content (AAN-2), review queues and statuses (AAN-3)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import OpClass
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.models import Casus, Client, Geslacht, Kanaal, Slachtofferrol
from casus.namen import weergavenaam
from cris import klok
from cris.versie import Versiebeheerd
from gebeurtenissen.models import Gebeurtenis


class AanmeldingStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEOORDELING = "in_beoordeling", _("In beoordeling")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEKEURD = "afgekeurd", _("Afgekeurd")
    AUTOMATISCH_VERWERKT = "automatisch", _("Automatisch verwerkt")
    ONLINE_AANBOD = "online_aanbod", _("Online aanbod verstuurd")
    SAMENGEVOEGD = "samengevoegd", _("Samengevoegd")


OPEN_AANMELDINGSTATUSSEN = [AanmeldingStatus.NIEUW, AanmeldingStatus.IN_BEOORDELING]


class Wachtrij(models.TextChoices):
    """AAN-3: police and manual referrals are assessed by Administratie, prosecution ones by JD-Admin."""

    ADMINISTRATIE = "administratie", _("Administratie")
    JD_ADMIN = "jd_admin", _("JD-Admin")


class Doelgroep(models.TextChoices):
    """AAN-4/AAN-8: what the organisation offers for a delict."""

    MENSELIJKE_ONDERSTEUNING = "menselijk", _("menselijke ondersteuning")
    ALLEEN_ONLINE = "online", _("alleen online aanbod")
    BUITEN_DOELGROEP = "buiten", _("buiten de doelgroep")


class Delict(Versiebeheerd):
    """The delict catalogue (AAN-2, AAN-4). Functional managers keep it in the admin; the imports map the
    partners' delict codes against it, and an unknown code flags the referral (not refuses it)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    categorie = models.CharField(_("categorie"), max_length=100, blank=True)
    doelgroep = models.CharField(
        _("doelgroep"), max_length=10, choices=Doelgroep.choices, default=Doelgroep.MENSELIJKE_ONDERSTEUNING
    )
    informatie_url = models.URLField(
        _("informatiepagina"), blank=True, help_text=_("Pagina met informatie over dit delict (AAN-8).")
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("delict")
        verbose_name_plural = _("delicten")
        ordering = ["categorie", "naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


class Signalering(models.TextChoices):
    """Why a referral needs the reviewer's attention; set at intake, shown on the review page."""

    BSN_ONTBREEKT = "bsn_ontbreekt", _("BSN ontbreekt")
    BSN_ONGELDIG = "bsn_ongeldig", _("BSN ongeldig: voldoet niet aan de elfproef")
    DELICT_ONBEKEND = "delict_onbekend", _("Delictcode onbekend in de delictencatalogus")
    MEERDERE_CASUSSEN = "meerdere_casussen", _("Meerdere casussen passen bij dit OM-bericht")
    # AAN-6: the BVBSN check, retried until BVBSN answers.
    BSN_NIET_GECONTROLEERD = "bsn_niet_gecontroleerd", _("BSN nog niet gecontroleerd bij BVBSN")
    BSN_ONBEKEND = "bsn_onbekend", _("BSN onbekend bij BVBSN")
    BSN_DOUBLURE = "bsn_doublure", _("BVBSN meldt een doublure op dit BSN")
    # AAN-6: a chain partner sent a BSN the matrix slachtofferrol × delict refuses; it was not kept.
    BSN_NIET_VASTGELEGD = "bsn_niet_vastgelegd", _("BSN ontvangen maar niet vastgelegd (BSN-matrix)")
    # KOP-3: the client registered themself on Mijnslachtofferhulp (AAN-1 channel online).
    ZELFAANMELDING = "zelfaanmelding", _("Zelfaanmelding via Mijnslachtofferhulp: niet door een ketenpartner gemeld")
    ONLINE_AANBOD_HANDMATIG = (
        "online_aanbod_handmatig",
        _("Alleen online aanbod, maar het bericht kon niet automatisch worden verstuurd"),
    )


class Afwijsreden(Versiebeheerd):
    """Why a referral is rejected (AAN-3): a list kept by functional managers, so rejections can be counted."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    toelichting_verplicht = models.BooleanField(
        _("toelichting verplicht"), default=False, help_text=_("De beoordelaar moet de afwijzing toelichten.")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("reden van afwijzing")
        verbose_name_plural = _("redenen van afwijzing")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Verwerkingsregel(Versiebeheerd):
    """AAN-9: a rule under which referrals are approved without a person. A referral is approved
    automatically when an active rule of its channel applies and every condition the rule asks for holds.
    Two conditions always hold for automatic approval, whatever the rule says: the delict is known and in
    the target group (human support), and the client is certain (one exact match, or certainly new)."""

    naam = models.CharField(_("naam"), max_length=200)
    actief = models.BooleanField(_("actief"), default=False)
    kanaal = models.CharField(_("kanaal"), max_length=15, choices=Kanaal.choices, default=Kanaal.EDP)
    delictcategorieen = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("delictcategorieën"),
        default=list,
        blank=True,
        help_text=_("Alleen delicten uit deze categorieën (komma's ertussen). Leeg: alle categorieën."),
    )
    eis_volledig = models.BooleanField(
        _("gegevens volledig"),
        default=True,
        help_text=_("Achternaam, geboortedatum, BSN of postcode met huisnummer, en een telefoonnummer of e-mailadres."),
    )
    eis_toestemming = models.BooleanField(_("toestemming voor contact"), default=True)
    eis_geen_signaleringen = models.BooleanField(_("geen signaleringen"), default=True)
    eis_meerderjarig = models.BooleanField(_("meerderjarig"), default=True)
    eis_geen_kwetsbaarheden = models.BooleanField(_("geen kwetsbaarheden"), default=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("regel voor automatische verwerking")
        verbose_name_plural = _("regels voor automatische verwerking")
        ordering = ["kanaal", "naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self):
        from django.core.exceptions import ValidationError

        bekend = set(Delict.objects.values_list("categorie", flat=True))
        onbekend = [c for c in self.delictcategorieen if c not in bekend]
        if onbekend:
            raise ValidationError(
                {
                    "delictcategorieen": _("Onbekende categorie: %(c)s. Kies uit: %(k)s.")
                    % {"c": ", ".join(onbekend), "k": ", ".join(sorted(c for c in bekend if c))}
                }
            )


class Uitkomst(models.TextChoices):
    GOEDGEKEURD = "goedgekeurd", _("automatisch goedgekeurd")
    ONLINE_AANBOD = "online_aanbod", _("online aanbod verstuurd")
    BEOORDELEN = "beoordelen", _("naar beoordeling door een medewerker")


class AutomatischBesluit(models.Model):
    """What automatic processing decided for one referral, and why (AAN-8, AAN-9). One row per referral
    received from a chain partner; counted per day on the review page and in the admin."""

    aanmelding = models.OneToOneField("Aanmelding", models.CASCADE, related_name="automatisch_besluit")
    uitkomst = models.CharField(_("uitkomst"), max_length=15, choices=Uitkomst.choices)
    regel = models.ForeignKey(
        Verwerkingsregel, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("regel")
    )
    reden = models.TextField(_("reden"))
    genomen_op = models.DateTimeField(_("genomen op"), default=timezone.now)

    class Meta:
        verbose_name = _("automatisch besluit")
        verbose_name_plural = _("automatische besluiten")
        ordering = ["-genomen_op", "-pk"]
        indexes = [models.Index(fields=["genomen_op", "uitkomst"], name="besluit_dag_idx")]

    def __str__(self) -> str:
        return f"{self.get_uitkomst_display()}: {self.reden}"


class Aanmelding(models.Model):
    kanaal = models.CharField(_("kanaal"), max_length=15, choices=Kanaal.choices)
    wachtrij = models.CharField(_("wachtrij"), max_length=15, choices=Wachtrij.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=AanmeldingStatus.choices, default=AanmeldingStatus.NIEUW
    )
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    bericht_id = models.CharField(_("bericht-id"), max_length=64, null=True, blank=True, unique=True)
    pv_nummer = models.CharField(_("PV-nummer"), max_length=20, blank=True)
    parketnummer = models.CharField(_("parketnummer"), max_length=20, blank=True)
    # Delict
    delict_code = models.CharField(_("delictcode"), max_length=20, blank=True)
    delict_omschrijving = models.CharField(_("delict"), max_length=300, blank=True)
    delict_datum = models.DateField(_("delictdatum"), null=True, blank=True)
    delict_plaats = models.CharField(_("delictplaats"), max_length=100, blank=True)
    slachtofferrol = models.CharField(
        _("slachtofferrol"), max_length=20, choices=Slachtofferrol.choices, default=Slachtofferrol.SLACHTOFFER
    )
    # Person
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=10, blank=True)
    huisletter = models.CharField(_("huisletter"), max_length=5, blank=True)
    toevoeging = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    land = models.CharField(_("land"), max_length=100, blank=True, default="Nederland")
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    taal = models.CharField(_("taal"), max_length=2, blank=True)
    minderjarig = models.BooleanField(_("minderjarig"), default=False)
    vertegenwoordiger = models.CharField(_("vertegenwoordiger"), max_length=300, blank=True)
    toestemming_contact = models.BooleanField(_("toestemming voor contact"), default=False)
    beschermingsmaatregelen = models.TextField(_("beschermingsmaatregelen"), blank=True)
    kwetsbaarheden = ArrayField(
        models.CharField(max_length=50), verbose_name=_("kwetsbaarheden"), default=list, blank=True
    )
    juridische_informatie = models.TextField(_("juridische informatie"), blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    melder = models.CharField(_("melder"), max_length=300, blank=True, help_text=_("Wie meldt aan, en namens wie."))
    signaleringen = ArrayField(
        models.CharField(max_length=30, choices=Signalering.choices),
        verbose_name=_("signaleringen"),
        default=list,
        blank=True,
    )
    bsn_ontvangen = models.CharField(
        _("ontvangen BSN"), max_length=20, blank=True, help_text=_("Het BSN zoals ontvangen, als het ongeldig was.")
    )
    # AAN-6: when BVBSN answered on the BSN, and the person it knows under it (for the reviewer to compare).
    bsn_gecontroleerd_op = models.DateTimeField(_("BSN gecontroleerd op"), null=True, blank=True)
    bsn_persoon = models.JSONField(_("persoon volgens BVBSN"), null=True, blank=True)
    # EDOM: the prosecution's data for the casus's legal part (casus.Strafzaak), kept until approval.
    strafzaak = models.JSONField(_("strafzaak"), default=dict, blank=True)
    # Handling
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="ingevoerde_aanmeldingen"
    )
    voorgestelde_client = models.ForeignKey(
        Client,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gekoppeld aan cliënt (voorstel)"),
    )
    beoordelaar = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    afwijsreden = models.TextField(_("reden afwijzing"), blank=True)
    reden_afwijzing = models.ForeignKey(
        Afwijsreden,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reden (lijst)"),
        db_index=False,  # reasons are deactivated, never deleted; counting goes by date first
    )
    samengevoegd_met = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="samengevoegd",
        verbose_name=_("samengevoegd met"),
        help_text=_("De aanmelding waarvan deze een dubbele is."),
        db_index=False,  # partial index below: almost every referral has none
    )
    gebeurtenis = models.ForeignKey(
        Gebeurtenis,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="aanmeldingen",
        verbose_name=_("gebeurtenis"),
        db_index=False,  # partial index below
    )
    casus = models.ForeignKey(Casus, models.PROTECT, null=True, blank=True, related_name="aanmeldingen")
    # The teams (their groups) with view rights on the casus, for search (ZOE-1): kept by the database, never by
    # this code (triggers of migration 0016 set it on every write of the referral and of its casus's team
    # permission rows); whatever a save() writes here is replaced. casus.access.zichtbaar_voor(teams_veld=...).
    casus_teams = ArrayField(models.IntegerField(), default=list, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        indexes = [
            # The review queue (AAN-3): its page in order and its counts per status, from the index alone.
            models.Index(
                fields=["wachtrij", "ontvangen_op", "id"],
                name="aanmelding_wachtrij_idx",
                condition=models.Q(status__in=["nieuw", "in_beoordeling"]),
                include=["status"],
            ),
            models.Index(fields=["pv_nummer"], name="aanmelding_pv_idx", condition=~models.Q(pv_nummer="")),
            models.Index(fields=["ingevoerd_door", "-aangemaakt_op"], name="aanmelding_invoerder_idx"),
            # Search (ZOE-1) by name, BSN, birth date and address.
            # With what the name search filters, checks access on (the queue, who entered it, the casus and its
            # teams) and sorts on, so it finds the page of a common surname in the index alone (an index-only scan),
            # not by reading the row of every Jansen.
            models.Index(
                OpClass(Upper("achternaam"), name="text_pattern_ops"),
                OpClass(Upper("voornamen"), name="text_pattern_ops"),  # a first name searched with it: a scan key
                name="aanmelding_zoeknaam_idx",
                include=[
                    *("achternaam", "voornamen", "wachtrij", "ingevoerd_door", "ontvangen_op", "id"),
                    *("casus", "casus_teams"),
                ],
            ),
            models.Index(fields=["bsn"], name="aanmelding_bsn_idx", condition=~models.Q(bsn="")),
            models.Index(fields=["geboortedatum"], name="aanmelding_geboortedatum_idx"),
            models.Index(
                fields=["postcode", "huisnummer"], name="aanmelding_adres_idx", condition=~models.Q(postcode="")
            ),
            models.Index(fields=["parketnummer"], name="aanmelding_parket_idx", condition=~models.Q(parketnummer="")),
            models.Index(
                fields=["samengevoegd_met"],
                name="aanmelding_samengevoegd_idx",
                condition=models.Q(samengevoegd_met__isnull=False),
            ),
            models.Index(
                fields=["gebeurtenis"], name="aanmelding_gebeurtenis_idx", condition=models.Q(gebeurtenis__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.naam}"

    @property
    def nummer(self) -> str:
        return self.nummer_van(self.pk)

    @staticmethod
    def nummer_van(pk: int) -> str:
        return f"AM{pk:07d}"

    @property
    def samengevoegd_met_nummer(self) -> str:
        return self.nummer_van(self.samengevoegd_met_id) if self.samengevoegd_met_id else ""

    @property
    def naam(self) -> str:
        return weergavenaam(self.voornamen, self.voorletters, self.tussenvoegsel, self.achternaam)

    @property
    def open(self) -> bool:
        return self.status in OPEN_AANMELDINGSTATUSSEN

    @property
    def zittingsdatum(self):
        """The hearing from the prosecution's data (EDOM), as a datetime for display."""
        from datetime import datetime

        waarde = (self.strafzaak or {}).get("zittingsdatum")
        return datetime.fromisoformat(waarde) if waarde else None

    def get_signaleringen_display(self) -> list[str]:
        labels = dict(Signalering.choices)
        return [labels.get(code, code) for code in self.signaleringen]


# --- BSN registration matrix (AAN-6) ------------------------------------------------------------------------


class BsnRegel(Versiebeheerd):
    """AAN-6: may a BSN be recorded for this slachtofferrol and delict? Functional managers keep the matrix in
    the admin. The most specific rule wins: role + delict, then role for every delict; without a rule a BSN
    may be recorded. A refusal shows its reason at the field."""

    slachtofferrol = models.CharField(_("slachtofferrol"), max_length=20, choices=Slachtofferrol.choices)
    delict = models.ForeignKey(
        Delict,
        models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("delict"),
        help_text=_("Leeg: geldt voor elk delict bij deze rol."),
    )
    bsn_toegestaan = models.BooleanField(_("BSN mag worden vastgelegd"), default=False)
    reden = models.CharField(
        _("reden"), max_length=300, blank=True, help_text=_("Getoond bij het BSN-veld als het BSN wordt geweigerd.")
    )

    class Meta:
        verbose_name = _("BSN-regel")
        verbose_name_plural = _("BSN-regels (slachtofferrol × delict)")
        constraints = [
            models.UniqueConstraint(fields=["slachtofferrol", "delict"], name="bsnregel_uniek", nulls_distinct=False)
        ]

    def __str__(self) -> str:
        delict = self.delict.naam if self.delict_id else _("elk delict")
        return f"{self.get_slachtofferrol_display()} × {delict}: {_('ja') if self.bsn_toegestaan else _('nee')}"


class BsnMatrix:
    """AAN-6: the rules of the matrix for some roles, loaded in one query, so an import of many victims asks
    the database once. The most specific rule wins: role + delict, then role for every delict; without a rule
    a BSN may be recorded."""

    def __init__(self, rollen: Iterable[str] | None = None) -> None:
        regels = BsnRegel.objects.all()
        if rollen is not None:
            regels = regels.filter(slachtofferrol__in=set(rollen))
        self._regels = {
            (rol, code): (toegestaan, reden)
            for rol, code, toegestaan, reden in regels.values_list(
                "slachtofferrol", "delict__code", "bsn_toegestaan", "reden"
            )
        }

    def toegestaan(self, slachtofferrol: str, delict_code: str) -> tuple[bool, str]:
        """(may a BSN be recorded, the reason when not)."""
        regel = self._regels.get((slachtofferrol, delict_code or None)) or self._regels.get((slachtofferrol, None))
        if regel is None or regel[0]:
            return True, ""
        return False, regel[1] or str(_("Bij deze slachtofferrol en dit delict wordt geen BSN vastgelegd."))


def bsn_toegestaan(slachtofferrol: str, delict_code: str) -> tuple[bool, str]:
    """AAN-6: (may a BSN be recorded, the reason when not) for this role and delict code."""
    return BsnMatrix([slachtofferrol]).toegestaan(slachtofferrol, delict_code)


class Zittingsmelding(models.Model):
    """Issue 24: a hearing with speaking right that the casus's JD worker was alerted to (aanmelding.zitting);
    one per casus and hearing, so a message imported again alerts nobody twice."""

    casus = models.ForeignKey(Casus, models.CASCADE, related_name="+", verbose_name=_("casus"))
    zittingsdatum = models.DateTimeField(_("zittingsdatum"))
    taak = models.ForeignKey(
        "taken.Taak", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("JD-taak")
    )
    aangemaakt_op = models.DateTimeField(_("gemeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("zittingsmelding")
        verbose_name_plural = _("zittingsmeldingen")
        constraints = [models.UniqueConstraint(fields=["casus", "zittingsdatum"], name="zittingsmelding_uniek")]
        indexes = [models.Index(fields=["zittingsdatum"], name="zittingsmelding_datum_idx")]

    def __str__(self) -> str:
        return f"{self.casus_id} {klok.als_tekst(self.zittingsdatum, '%Y-%m-%d %H:%M')}"
