"""Client (CLI-1), Casus (CAS-1, CAS-2), its timeline (TIJ-1) and the object permissions that guard it
(AUT-1). Casus.status is derived from the tasks (CAS-3) by taken.status; nothing here writes it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Collate, Upper
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from casus import namen
from cris import klok
from cris.versie import Versiebeheerd
from werkstroom.models import District


class Geslacht(models.TextChoices):
    MAN = "M", _("man")
    VROUW = "V", _("vrouw")
    X = "X", _("x")
    ONBEKEND = "O", _("onbekend")


class Slachtofferrol(models.TextChoices):
    SLACHTOFFER = "slachtoffer", _("slachtoffer")
    NABESTAANDE = "nabestaande", _("nabestaande")
    GETUIGE = "getuige", _("getuige")
    NAASTE = "naaste", _("naaste")
    BETROKKENE = "betrokkene", _("betrokkene")
    VERTEGENWOORDIGER = "vertegenwoordiger", _("vertegenwoordiger")


class Kanaal(models.TextChoices):
    """Where a referral came from (AAN-1)."""

    EDP = "edp", _("politie (EDP)")
    EDOM = "edom", _("Openbaar Ministerie (EDOM)")
    CAI = "cai", _("CAI telefonisch")
    CMA = "cma", _("Casemanagement Aanmeldpunt")
    RECHERCHE = "recherche", _("recherche")
    ZSM = "zsm", _("ZSM")
    PIKET = "piket", _("piket")
    EMAIL = "email", _("e-mail")
    KETENPARTNER = "ketenpartner", _("ketenpartner")
    MSH = "msh", _("Mijnslachtofferhulp")
    MSZ = "msz", _("Mijnslachtofferzaak")
    ZELF = "zelf", _("zelfaanmelding")


class Client(models.Model):
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    bsn = models.CharField(_("BSN"), max_length=9, null=True, blank=True)  # noqa: DJ001 - NULL: not known
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    telefoon_2 = models.CharField(_("tweede telefoonnummer"), max_length=30, blank=True, db_default="")
    email = models.EmailField(_("e-mailadres"), blank=True)
    taal = models.CharField(_("taal"), max_length=2, blank=True, help_text=_("ISO 639-1, bijv. nl, en, ar"))
    tolk_nodig = models.BooleanField(_("tolk nodig"), default=False)
    vertegenwoordiger = models.CharField(_("vertegenwoordiger"), max_length=300, blank=True)
    contactvoorkeur = models.CharField(_("contactvoorkeur"), max_length=200, blank=True)
    geheim_adres = models.BooleanField(_("geheim adres"), default=False)
    geen_post_huisadres = models.BooleanField(_("geen post naar huisadres"), default=False)
    overleden = models.BooleanField(_("overleden"), default=False)
    overleden_op = models.DateField(_("datum van overlijden"), null=True, blank=True)
    # CAS-5: the client asked not to be invited to the satisfaction survey (nullable: no rewrite of the table).
    onderzoek_afgemeld_op = models.DateTimeField(_("afgemeld voor tevredenheidsonderzoek"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # Keys of the surname for the client finder (AAN-5), from casus.namen.sleutels; kept in step by save().
    naam_sleutel = models.CharField(max_length=200, default="", editable=False)
    naam_fonetisch = models.CharField(max_length=200, default="", editable=False)
    # Optimistic concurrency for the client card's edit forms (cris.versie); addresses count as the card.
    versie = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        indexes = [
            models.Index(fields=["bsn"], name="client_bsn_idx", condition=models.Q(bsn__isnull=False)),
            # Intake lookup and search (AAN-5, ZOE-1) compare surnames case-insensitively, whole or by prefix.
            # In byte order ("C"): serves both the prefix (LIKE 'JAC%') and the order of the results, so a search
            # reads names in order and stops at a page instead of sorting every Jacobs in the country. The names
            # are in the index too, so a search by surname and first name filters on the index alone (an
            # index-only scan) instead of reading the row of every Jansen to look at the first name.
            models.Index(
                Collate(Upper("achternaam"), "C"),
                "id",
                name="client_zoeknaam_idx",
                include=["achternaam", "voornamen", "voorletters"],
            ),
            models.Index(fields=["geboortedatum"], name="client_geboortedatum_idx"),
            # The client finder (AAN-5): a name sounding alike, born on or near the given date.
            models.Index(fields=["naam_fonetisch", "geboortedatum"], name="client_fonetisch_idx"),
        ]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args, **kwargs):
        # The keys are a function of the surname (like a generated column, computed in Python): every ORM
        # write keeps them in step; bulk writes call casus.namen.sleutels themselves.
        for veld, waarde in namen.sleutels(self.achternaam).items():
            setattr(self, veld, waarde)
        if kwargs.get("update_fields") is not None and "achternaam" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "naam_sleutel", "naam_fonetisch"}
        super().save(*args, **kwargs)

    @property
    def nummer(self) -> str:
        return f"CL{self.pk:07d}"

    @property
    def naam(self) -> str:
        return namen.weergavenaam(self.voornamen, self.voorletters, self.tussenvoegsel, self.achternaam)


class Adres(models.Model):
    client = models.ForeignKey(Client, models.CASCADE, related_name="adressen")
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=10, blank=True)
    huisletter = models.CharField(_("huisletter"), max_length=5, blank=True)
    toevoeging = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, help_text=_("bijv. 3511 AB"))
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    land = models.CharField(_("land"), max_length=100, blank=True, default="Nederland")
    voorkeur = models.BooleanField(_("voorkeursadres"), default=False)

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        constraints = [
            models.UniqueConstraint(fields=["client"], condition=models.Q(voorkeur=True), name="een_voorkeursadres")
        ]
        indexes = [models.Index(fields=["postcode", "huisnummer"], name="adres_postcode_huisnr_idx")]

    def __str__(self) -> str:
        nummer = "".join(p for p in (self.huisnummer, self.huisletter) if p)
        regel = " ".join(p for p in (self.straat, nummer, self.toevoeging) if p)
        return ", ".join(p for p in (regel, f"{self.postcode} {self.woonplaats}".strip()) if p)


class CasusStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    ACTIEF = "actief", _("Actief")
    PASSIEF = "passief", _("Passief")
    AFGEROND = "afgerond", _("Afgerond")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Casus(models.Model):
    client = models.ForeignKey(Client, models.PROTECT, verbose_name=_("cliënt"), related_name="casussen")
    status = models.CharField(_("status"), max_length=12, choices=CasusStatus.choices, default=CasusStatus.NIEUW)
    passief_sinds = models.DateTimeField(_("passief sinds"), null=True, blank=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    district = models.ForeignKey(District, models.PROTECT, verbose_name=_("district"), null=True, blank=True)
    bron = models.CharField(_("bron"), max_length=15, choices=Kanaal.choices)
    pv_nummer = models.CharField(_("PV-nummer"), max_length=20, blank=True)
    parketnummer = models.CharField(_("parketnummer"), max_length=20, blank=True)
    slachtofferrol = models.CharField(_("slachtofferrol"), max_length=20, choices=Slachtofferrol.choices)
    delict_code = models.CharField(_("delictcode"), max_length=20, blank=True)
    delict_omschrijving = models.CharField(_("delict"), max_length=300, blank=True)
    delict_datum = models.DateField(_("delictdatum"), null=True, blank=True)
    delict_plaats = models.CharField(_("delictplaats"), max_length=100, blank=True)
    beschermingsmaatregelen = models.TextField(_("beschermingsmaatregelen"), blank=True)
    kwetsbaarheden = ArrayField(
        models.CharField(max_length=50), verbose_name=_("kwetsbaarheden"), default=list, blank=True
    )
    juridische_informatie = models.TextField(_("juridische informatie"), blank=True)
    alarm = models.BooleanField(_("alarmering"), default=False, help_text=_("Bijv. gevaar voor medewerkers."))
    alarm_toelichting = models.CharField(_("toelichting alarmering"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    versie = models.PositiveIntegerField(
        default=1, db_default=1, editable=False
    )  # cris.versie, for the casus edit form

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        indexes = [
            # A client's cases newest first; with the id included, "does this client have a case I may see?"
            # (search, AAN-5) is answered from the index alone.
            models.Index(fields=["client", "-aangemaakt_op"], name="casus_client_idx", include=["id"]),
            models.Index(fields=["pv_nummer"], name="casus_pv_idx", condition=~models.Q(pv_nummer="")),
            # EDOM messages find their casus by parketnummer (KOP-1).
            models.Index(fields=["parketnummer"], name="casus_parketnummer_idx", condition=~models.Q(parketnummer="")),
            # The nightly step Passief → Afgerond reads only these rows.
            models.Index(fields=["passief_sinds"], name="casus_passief_idx", condition=models.Q(status="passief")),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.delict_omschrijving or self.get_slachtofferrol_display()}"

    @property
    def nummer(self) -> str:
        return f"CA{self.pk:07d}"


class StrafzaakFase(models.TextChoices):
    AANGIFTE = "aangifte", _("aangifte")
    VERVOLGING = "vervolging", _("vervolging")
    DAGVAARDING = "dagvaarding", _("dagvaarding")
    ZITTING = "zitting", _("zitting")
    VONNIS = "vonnis", _("vonnis")
    SEPOT = "sepot", _("sepot")


class Strafzaak(models.Model):
    """The legal part of a casus (CAS-1 Juridisch, CAS-2): the criminal case as the prosecution (EDOM)
    reports it. Written only by casus.services.strafzaken_bijwerken."""

    casus = models.OneToOneField(Casus, models.CASCADE, related_name="strafzaak")
    fase = models.CharField(_("fase"), max_length=12, choices=StrafzaakFase.choices)
    parketnummer = models.CharField(_("parketnummer"), max_length=20, blank=True)
    arrondissement = models.CharField(_("arrondissement"), max_length=200, blank=True)
    zittingsdatum = models.DateTimeField(_("zittingsdatum"), null=True, blank=True)
    rechtbank = models.CharField(_("rechtbank"), max_length=200, blank=True)
    spreekrecht = models.BooleanField(_("spreekrecht"), null=True, blank=True)
    voeging = models.BooleanField(_("voeging"), null=True, blank=True, help_text=_("Gevoegd met een schadevordering."))
    zaakcoordinator_naam = models.CharField(_("zaakcoördinator"), max_length=200, blank=True)
    zaakcoordinator_telefoon = models.CharField(_("telefoon zaakcoördinator"), max_length=30, blank=True)
    zaakcoordinator_email = models.EmailField(_("e-mail zaakcoördinator"), blank=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("strafzaak")
        verbose_name_plural = _("strafzaken")

    def __str__(self) -> str:
        return f"{self.parketnummer or '-'} {self.get_fase_display()}"


class TijdlijnSoort(models.TextChoices):
    AANMELDING = "aanmelding", _("Aanmelding")
    STATUS = "status", _("Status")
    TAAK = "taak", _("Taak")
    CONTACT = "contact", _("Contact")
    DOCUMENT = "document", _("Document")
    DIENST = "dienst", _("Dienst")
    JURIDISCH = "juridisch", _("Juridisch")


class TijdlijnItem(models.Model):
    """One activity on a casus (TIJ-1), written by the service that did it, in the same transaction."""

    casus = models.ForeignKey(Casus, models.CASCADE, related_name="tijdlijn")
    tijdstip = models.DateTimeField(_("tijdstip"))
    soort = models.CharField(_("soort"), max_length=12, choices=TijdlijnSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=500)
    medewerker = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("tijdlijnitem")
        verbose_name_plural = _("tijdlijn")
        indexes = [models.Index(fields=["casus", "-tijdstip"], name="tijdlijn_casus_idx")]
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{klok.als_tekst(self.tijdstip, '%Y-%m-%d %H:%M')} {self.omschrijving}"


class CasusUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key permission rows (django-guardian): a person's access to a casus (AUT-1)."""

    content_object = models.ForeignKey(Casus, models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        pass  # unique (user, permission, content_object) is also the index the selectors use


class CasusGroupObjectPermission(GroupObjectPermissionBase):
    """A team's access to a casus, through the team's group (AUT-1)."""

    content_object = models.ForeignKey(Casus, models.CASCADE, db_index=False)

    class Meta(GroupObjectPermissionBase.Meta):
        # "Which teams may see this casus?" per casus, from the index alone (the correlated access check).
        indexes = [
            models.Index(fields=["content_object", "group", "permission"], name="casus_groepperm_casus_idx"),
        ]


# --- CAS-4, CAS-9, MSH: the further parts of a casus ----------------------------------------------------


class BetrokkeneRol(models.TextChoices):
    OUDER = "ouder", _("ouder")
    VOOGD = "voogd", _("voogd")
    PARTNER = "partner", _("partner")
    FAMILIE = "familie", _("familielid")
    NAASTE = "naaste", _("naaste")
    VERTEGENWOORDIGER = "vertegenwoordiger", _("wettelijk vertegenwoordiger")
    ADVOCAAT = "advocaat", _("advocaat")
    TOLK = "tolk", _("tolk")
    CONTACTPERSOON = "contactpersoon", _("contactpersoon")
    OVERIG = "overig", _("overig")


class Betrokkene(models.Model):
    """Another person on a casus (CAS-4): next of kin, representative, lawyer, interpreter, contact person.
    Not a Client: a betrokkene has no cases of their own and is shown only on this casus."""

    casus = models.ForeignKey(Casus, models.CASCADE, related_name="betrokkenen")
    rol = models.CharField(_("rol"), max_length=20, choices=BetrokkeneRol.choices)
    naam = models.CharField(_("naam"), max_length=200)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    organisatie = models.CharField(_("organisatie"), max_length=200, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    contactpersoon = models.BooleanField(_("aanspreekpunt"), default=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        indexes = [models.Index(fields=["casus", "rol"], name="betrokkene_casus_idx")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_rol_display()})"


class CasusRelatie(models.Model):
    """Two cases related by hand (CAS-9). Cases sharing a PV-nummer are related without a row. Stored once
    per pair, the lower id first; read in both directions."""

    van = models.ForeignKey(Casus, models.CASCADE, related_name="+")
    naar = models.ForeignKey(Casus, models.CASCADE, related_name="+")
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("casusrelatie")
        verbose_name_plural = _("casusrelaties")
        constraints = [
            models.UniqueConstraint(fields=["van", "naar"], name="casusrelatie_uniek"),
            models.CheckConstraint(condition=models.Q(van__lt=models.F("naar")), name="casusrelatie_geordend"),
        ]
        indexes = [models.Index(fields=["naar"], name="casusrelatie_naar_idx")]

    def __str__(self) -> str:
        return f"{self.van_id} – {self.naar_id}"


class MshStatus(models.TextChoices):
    GEEN = "geen", _("geen account")
    UITGENODIGD = "uitgenodigd", _("uitgenodigd")
    ACTIEF = "actief", _("actief")
    GEBLOKKEERD = "geblokkeerd", _("geblokkeerd")


class MshAccount(models.Model):
    """The client's account on Mijnslachtofferhulp, the online platform (CAS-1 MSH), as last reported.
    A row only for clients who were ever invited: 1.2 M clients, far fewer accounts."""

    client = models.OneToOneField(Client, models.CASCADE, related_name="msh_account")
    status = models.CharField(_("status"), max_length=12, choices=MshStatus.choices, default=MshStatus.GEEN)
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    laatste_login = models.DateTimeField(_("laatst ingelogd"), null=True, blank=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("Mijnslachtofferhulp-account")
        verbose_name_plural = _("Mijnslachtofferhulp-accounts")

    def __str__(self) -> str:
        return self.get_status_display()


# --- AUT-2: temporary and emergency access --------------------------------------------------------------


class ToegangSoort(models.TextChoices):
    TIJDELIJK = "tijdelijk", _("tijdelijke toegang")
    NOOD = "nood", _("noodtoegang (piket)")


class ToegangStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("aangevraagd")
    VERLEEND = "verleend", _("verleend")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    VERLOPEN = "verlopen", _("verlopen")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class Toegangsverlening(models.Model):
    """A person's access to one casus beyond their work (AUT-2): asked for with a reason and decided by a team
    leader (CMA-coördinator for Casemanagement cases), or taken at once by the piket outside office hours
    (noodtoegang, reviewed afterwards by the privacy officer). Written only by casus.toegang.

    Access holds while status = verleend and geldig_tot lies in the future, evaluated in SQL by
    casus.access.zichtbaar_voor: an expired grant is refused before the beat job marks it verlopen."""

    # Empty for a request for a number that does not exist: it is kept and listed like any other request, so
    # asking tells nobody whether a casus exists (issue 21 item 14). Nobody can decide on it.
    casus = models.ForeignKey(Casus, models.CASCADE, related_name="toegangsverleningen", null=True, blank=True)
    gevraagd_nummer = models.CharField(_("gevraagd casusnummer"), max_length=20, blank=True)
    medewerker = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="toegangsverleningen")
    soort = models.CharField(_("soort"), max_length=10, choices=ToegangSoort.choices, default=ToegangSoort.TIJDELIJK)
    status = models.CharField(_("status"), max_length=12, choices=ToegangStatus.choices)
    reden = models.TextField(_("reden"))
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    gewenste_dagen = models.PositiveSmallIntegerField(_("gewenste duur (dagen)"), default=7)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    besluit_toelichting = models.CharField(_("toelichting bij besluit"), max_length=500, blank=True)
    geldig_tot = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    verlopen_op = models.DateTimeField(_("verlopen op"), null=True, blank=True)
    # Emergency access: the privacy officer's review afterwards.
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    beoordeling = models.CharField(_("beoordeling"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("toegangsverlening")
        verbose_name_plural = _("toegangsverleningen")
        ordering = ["-aangevraagd_op", "-id"]
        indexes = [
            # The access check (zichtbaar_voor): this casus, this person, granted, until when — from the index.
            models.Index(
                fields=["casus", "medewerker"],
                name="toegang_actief_idx",
                include=["geldig_tot"],
                condition=models.Q(status="verleend"),
            ),
            # The beat job that ends grants, and the review list of emergency access.
            models.Index(fields=["geldig_tot"], name="toegang_verloop_idx", condition=models.Q(status="verleend")),
            models.Index(
                fields=["-aangevraagd_op"],
                name="toegang_nood_idx",
                condition=models.Q(soort="nood", beoordeeld_op__isnull=True),
            ),
            models.Index(fields=["status", "-aangevraagd_op"], name="toegang_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.casus_id} {self.medewerker_id} ({self.get_status_display()})"

    @property
    def casusnummer(self) -> str:
        """The number as asked for: the same for a casus that exists and one that does not."""
        return self.gevraagd_nummer or (self.casus.nummer if self.casus_id else "")


# AUT-2: a grant is valid while it is verleend and geldig_tot lies after "now" (the application's clock,
# cris.klok). The one owner of that rule, in its two forms; the access filter, the casus page, the list of who
# may see a casus and the beat job that ends grants all use it (tests/test_regels.py).


def verlening_geldig_q(nu, prefix: str = "") -> models.Q:
    """Valid at ``nu`` (``klok.nu()``), for a queryset of grants (``prefix``: the path to the grant)."""
    return models.Q(**{f"{prefix}status": ToegangStatus.VERLEEND, f"{prefix}geldig_tot__gt": nu})


def verlening_verlopen_q(nu) -> models.Q:
    """Still verleend but no longer valid at ``nu``: what the beat job marks verlopen."""
    return models.Q(status=ToegangStatus.VERLEEND, geldig_tot__lte=nu)


def verlening_geldig_sql(alias: str, quote=lambda naam: naam) -> str:
    """``verlening_geldig_q`` as SQL text on table alias ``alias``; its one parameter is "now" (``klok.NU``)."""
    return f"{alias}.{quote('status')} = '{ToegangStatus.VERLEEND.value}' AND {alias}.{quote('geldig_tot')} > %s"


# --- CAS-5: satisfaction survey -------------------------------------------------------------------------


class UitsluitingSoort(models.TextChoices):
    OVERLEDEN = "overleden", _("cliënt overleden")
    MINDERJARIG = "minderjarig", _("cliënt minderjarig")
    GEHEIM_ADRES = "geheim_adres", _("geheim adres")
    GEEN_CONTACT = "geen_contact", _("geen e-mailadres of telefoonnummer")
    DELICT = "delict", _("delictcategorie")
    SLACHTOFFERROL = "slachtofferrol", _("slachtofferrol")
    AFGEMELD = "afgemeld", _("cliënt heeft zich afgemeld")


class TevredenheidRegel(Versiebeheerd):
    """A rule that excludes a client from the satisfaction survey (CAS-5), editable in the admin.
    ``waarde``: the delict code prefix for DELICT, the role for SLACHTOFFERROL; otherwise unused."""

    soort = models.CharField(_("soort"), max_length=20, choices=UitsluitingSoort.choices)
    waarde = models.CharField(_("waarde"), max_length=100, blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("uitsluitingsregel tevredenheidsonderzoek")
        verbose_name_plural = _("uitsluitingsregels tevredenheidsonderzoek")
        ordering = ["soort", "waarde"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}{f': {self.waarde}' if self.waarde else ''}"


class TevredenheidSelectie(models.Model):
    """A closed casus considered for the survey: selected, or excluded by a rule (the reason kept).
    One row per casus: a case reopened and closed again is not asked twice."""

    casus = models.OneToOneField(Casus, models.CASCADE, related_name="tevredenheid")
    geselecteerd = models.BooleanField(_("geselecteerd"))
    uitgesloten_door = models.CharField(_("uitgesloten door"), max_length=120, blank=True)
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), auto_now_add=True)
    geexporteerd_op = models.DateTimeField(_("geëxporteerd op"), null=True, blank=True)
    bestand = models.CharField(_("bestand"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("selectie tevredenheidsonderzoek")
        verbose_name_plural = _("selecties tevredenheidsonderzoek")
        indexes = [
            models.Index(
                fields=["beoordeeld_op"],
                name="tevredenheid_te_exporteren_idx",
                condition=models.Q(geselecteerd=True, geexporteerd_op__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.casus_id}: {'geselecteerd' if self.geselecteerd else self.uitgesloten_door}"
