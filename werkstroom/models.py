"""The organisation: 11 districts, postcode → district (ORG-1), teams per department (ORG-2),
memberships (several per person) and AFAS skills."""

from datetime import time

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cris import klok
from cris.versie import Versiebeheerd


class Afdeling(models.TextChoices):
    ADMINISTRATIE = "ADMIN", _("Administratie")
    JD_ADMIN = "JDADMIN", _("JD-Admin")
    ACTIEVE_BENADERING = "AB", _("Actieve Benadering")
    CAI = "CAI", _("Contact-, Advies- en Informatiecentrum")
    ACUTE_OPVANG = "AO", _("Acute Opvang")
    ALGEMENE_DIENSTVERLENING = "AD", _("Algemene Dienstverlening")
    JURIDISCHE_DIENSTVERLENING = "JD", _("Juridische Dienstverlening")
    CASEMANAGEMENT = "CM", _("Casemanagement")
    CMA = "CMA", _("Casemanagement Aanmeldpunt")
    NAMENS_DE_FAMILIE = "NDF", _("Namens de Familie")
    LOTGENOTEN = "LOT", _("Lotgenoten")


class District(Versiebeheerd):
    code = models.CharField(_("code"), max_length=10, unique=True)
    naam = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Postcode(Versiebeheerd):
    """The 4 digits of a Dutch postcode and the district they belong to: one row per number 1000–9999."""

    cijfers = models.PositiveSmallIntegerField(
        _("postcodecijfers"), primary_key=True, validators=[MinValueValidator(1000), MaxValueValidator(9999)]
    )
    district = models.ForeignKey(District, models.PROTECT, verbose_name=_("district"), related_name="postcodes")

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["cijfers"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cijfers__gte=1000, cijfers__lte=9999), name="postcode_4_cijfers")
        ]

    def __str__(self) -> str:
        return f"{self.cijfers}"


class Specialisatie(Versiebeheerd):
    """An AFAS specialisation (skill), e.g. zeden, verkeer, jeugd; used by the taakverdeler (TAK-5)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    medewerkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("medewerkers"), blank=True, related_name="specialisaties"
    )

    class Meta:
        verbose_name = _("specialisatie")
        verbose_name_plural = _("specialisaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Team(Versiebeheerd):
    code = models.CharField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    afdeling = models.CharField(_("afdeling"), max_length=10, choices=Afdeling.choices)
    district = models.ForeignKey(
        District,
        models.PROTECT,
        verbose_name=_("district"),
        null=True,
        blank=True,
        related_name="teams",
        help_text=_("Leeg voor een landelijk team."),
    )
    profiel = models.TextField(_("profiel"), blank=True, help_text=_("Wat dit team doet, voor wie en wanneer."))
    actief = models.BooleanField(_("actief"), default=True)
    groep = models.OneToOneField(
        Group,
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="team",
        help_text="Carries the team's object permissions on cases (AUT-1); its users are the members.",
    )
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Lidmaatschap", verbose_name=_("leden"), related_name="teams"
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["afdeling", "naam"]
        indexes = [models.Index(fields=["afdeling", "district"], name="team_afdeling_district_idx")]

    def __str__(self) -> str:
        return self.naam

    @property
    def landelijk(self) -> bool:
        return self.district_id is None


class Lidmaatschap(models.Model):
    class Rol(models.TextChoices):
        LID = "lid", _("lid")
        TEAMLEIDER = "teamleider", _("teamleider")

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, verbose_name=_("medewerker"), related_name="lidmaatschappen"
    )
    team = models.ForeignKey(Team, models.CASCADE, verbose_name=_("team"), related_name="lidmaatschappen")
    rol = models.CharField(_("rol in team"), max_length=12, choices=Rol.choices, default=Rol.LID)
    standaard = models.BooleanField(_("standaardteam"), default=False)
    sinds = models.DateField(_("sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["medewerker", "team"], name="lidmaatschap_uniek"),
            models.UniqueConstraint(
                fields=["medewerker"],
                condition=models.Q(standaard=True),
                name="een_standaardteam_per_medewerker",
            ),
        ]
        indexes = [models.Index(fields=["team", "rol"], name="lidmaatschap_team_rol_idx")]

    def __str__(self) -> str:
        return f"{self.medewerker} – {self.team}"


class Weekdag(models.IntegerChoices):
    MAANDAG = 0, _("maandag")
    DINSDAG = 1, _("dinsdag")
    WOENSDAG = 2, _("woensdag")
    DONDERDAG = 3, _("donderdag")
    VRIJDAG = 4, _("vrijdag")
    ZATERDAG = 5, _("zaterdag")
    ZONDAG = 6, _("zondag")


class Piketregeling(Versiebeheerd):
    """TAK-8: when the piket period runs (by default Friday 17:00 to Monday 08:00, and every weekday night from
    17:00 to 08:00) and which team is responsible for AO alerts the rest of the time (CAI). One row; edited in
    the admin."""

    begin_dag = models.PositiveSmallIntegerField(_("piket begint op"), choices=Weekdag.choices, default=Weekdag.VRIJDAG)
    begin_tijd = models.TimeField(_("om"), default=time(17, 0))
    einde_dag = models.PositiveSmallIntegerField(
        _("piket eindigt op"), choices=Weekdag.choices, default=Weekdag.MAANDAG
    )
    einde_tijd = models.TimeField(_("om"), default=time(8, 0))
    # Issue 24: Acute Opvang is also out of office hours on weekday nights (17:00–08:00), not only the weekend.
    doordeweekse_nachten = models.BooleanField(
        _("ook doordeweekse nachten"), default=True, db_default=True, help_text=_("Maandag tot en met vrijdag.")
    )
    nacht_begin = models.TimeField(_("nacht begint om"), default=time(17, 0), db_default=time(17, 0))
    nacht_einde = models.TimeField(_("nacht eindigt om"), default=time(8, 0), db_default=time(8, 0))
    kantoorteam = models.ForeignKey(
        Team,
        models.PROTECT,
        verbose_name=_("verantwoordelijk tijdens kantoortijd"),
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Het team dat AO-alarmeringen buiten de piketperiode ontvangt (CAI)."),
    )

    class Meta:
        verbose_name = _("piketregeling")
        verbose_name_plural = _("piketregeling")

    def __str__(self) -> str:
        return str(_("Piketregeling"))


class Piketdienst(Versiebeheerd):
    """TAK-8: the rota. Who is piketleider from ``van`` to ``tot`` (usually one weekend)."""

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, verbose_name=_("piketleider"), related_name="piketdiensten"
    )
    van = models.DateTimeField(_("van"))
    tot = models.DateTimeField(_("tot"))

    class Meta:
        verbose_name = _("piketdienst")
        verbose_name_plural = _("piketrooster")
        ordering = ["-van"]
        indexes = [models.Index(fields=["van", "tot"], name="piketdienst_periode_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(tot__gt=models.F("van")), name="piket_tot_na_van")]

    def __str__(self) -> str:
        return f"{self.medewerker} {klok.als_tekst(self.van)} – {klok.als_tekst(self.tot)}"


class Beheervoorstel(models.Model):
    """A change to who may see cases — a team membership, or the roles of a function profile — proposed in
    the admin and carried out only when a second manager approves it (four eyes, issue 21 item 6; written
    by werkstroom.vier_ogen only)."""

    class Soort(models.TextChoices):
        LID_OPSLAAN = "lid_opslaan", _("lidmaatschap toevoegen of wijzigen")
        LID_BEEINDIGEN = "lid_beeindigen", _("lidmaatschap beëindigen")
        PROFIELROLLEN = "profielrollen", _("rollen van een functieprofiel")

    class Status(models.TextChoices):
        OPEN = "open", _("wacht op een tweede beheerder")
        UITGEVOERD = "uitgevoerd", _("goedgekeurd en uitgevoerd")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("medewerker")
    )
    team = models.ForeignKey(Team, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("team"))
    functieprofiel = models.ForeignKey(
        "accounts.Functieprofiel", models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("functieprofiel"),
    )  # fmt: skip
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("voorgesteld door")
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("beoordeeld door"),
    )  # fmt: skip
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("beheervoorstel (vier ogen)")
        verbose_name_plural = _("beheervoorstellen (vier ogen)")
        ordering = ["-voorgesteld_op", "-id"]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def omschrijving(self) -> str:
        if self.soort == self.Soort.PROFIELROLLEN:
            namen = ", ".join(
                Group.objects.filter(pk__in=self.gegevens.get("rollen", [])).values_list("name", flat=True)
            )
            return f"{self.get_soort_display()}: {self.functieprofiel} → {namen or '–'}"
        rol = f" ({self.gegevens['rol']})" if self.gegevens.get("rol") else ""
        return f"{self.get_soort_display()}: {self.medewerker} – {self.team}{rol}"
