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
    email = models.EmailField(_("e-mailadres"), blank=True)
    taal = models.CharField(_("taal"), max_length=2, blank=True, help_text=_("ISO 639-1, bijv. nl, en, ar"))
    tolk_nodig = models.BooleanField(_("tolk nodig"), default=False)
    vertegenwoordiger = models.CharField(_("vertegenwoordiger"), max_length=300, blank=True)
    contactvoorkeur = models.CharField(_("contactvoorkeur"), max_length=200, blank=True)
    geheim_adres = models.BooleanField(_("geheim adres"), default=False)
    geen_post_huisadres = models.BooleanField(_("geen post naar huisadres"), default=False)
    overleden = models.BooleanField(_("overleden"), default=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # Keys of the surname for the client finder (AAN-5), from casus.namen.sleutels; kept in step by save().
    naam_sleutel = models.CharField(max_length=200, default="", editable=False)
    naam_fonetisch = models.CharField(max_length=200, default="", editable=False)

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        indexes = [
            models.Index(fields=["bsn"], name="client_bsn_idx", condition=models.Q(bsn__isnull=False)),
            # Intake lookup and search (AAN-5, ZOE-1) compare surnames case-insensitively, whole or by prefix.
            # In byte order ("C"): serves both the prefix (LIKE 'JAC%') and the order of the results, so a search
            # reads names in order and stops at a page instead of sorting every Jacobs in the country.
            models.Index(Collate(Upper("achternaam"), "C"), "id", name="client_naam_idx"),
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
        voor = self.voornamen or self.voorletters
        return " ".join(p for p in (voor, self.tussenvoegsel, self.achternaam) if p)


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
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.omschrijving}"


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
