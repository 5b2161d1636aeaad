"""Medewerker: the custom user model, carrying the HR data of AFAS (ORG-3), read-only in CRIS."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import Group, PermissionsMixin
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from cris.versie import Versiebeheerd


class Functieprofiel(Versiebeheerd):
    """An AFAS function profile (ORG-4); the roles it grants are configured by application management."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    rollen = models.ManyToManyField(Group, verbose_name=_("rollen"), blank=True, related_name="functieprofielen")

    class Meta:
        verbose_name = _("functieprofiel")
        verbose_name_plural = _("functieprofielen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class MedewerkerManager(BaseUserManager["Medewerker"]):
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **fields) -> Medewerker:
        if not username:
            raise ValueError("A Medewerker needs a username.")
        user = self.model(username=username, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **fields) -> Medewerker:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(username, password, **fields)


class Beveiligingsniveau(models.IntegerChoices):
    BASIS = 1, _("basis")
    VERHOOGD = 2, _("verhoogd")
    HOOG = 3, _("hoog")


class Medewerker(AbstractBaseUser, PermissionsMixin):
    """A member of staff. The HR fields come from AFAS and are never edited in CRIS.

    District and standard team are kept as AFAS codes: the organisation (werkstroom) sits above
    accounts and resolves them; team memberships and skills live there too.
    """

    HR_FIELDS = (
        "personeelsnummer",
        "voorletters",
        "voornamen",
        "tussenvoegsels",
        "achternaam",
        "email",
        "telefoon",
        "profiel",
        "tweede_profiel",
        "district_code",
        "standaard_team_code",
        "leidinggevende",
        "beveiligingsniveau",
        "is_active",
    )

    username = models.CharField(
        _("gebruikersnaam"), max_length=150, unique=True, validators=[UnicodeUsernameValidator()]
    )
    personeelsnummer = models.CharField(_("personeelsnummer"), max_length=20, unique=True, null=True, blank=True)
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    tussenvoegsels = models.CharField(_("tussenvoegsels"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    profiel = models.ForeignKey(
        Functieprofiel, models.PROTECT, verbose_name=_("profiel"), null=True, blank=True, related_name="+"
    )
    tweede_profiel = models.ForeignKey(
        Functieprofiel,
        models.PROTECT,
        verbose_name=_("tweede profiel"),
        null=True,
        blank=True,
        related_name="+",
    )
    district_code = models.CharField(_("district (AFAS)"), max_length=10, blank=True)
    standaard_team_code = models.CharField(_("standaard team (AFAS)"), max_length=40, blank=True)
    leidinggevende = models.ForeignKey(
        "self",
        models.SET_NULL,
        verbose_name=_("leidinggevende"),
        null=True,
        blank=True,
        related_name="medewerkers",
    )
    beveiligingsniveau = models.PositiveSmallIntegerField(
        _("beveiligingsniveau"), choices=Beveiligingsniveau.choices, default=Beveiligingsniveau.BASIS
    )
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Status in AFAS. Inactieve medewerkers kunnen niet inloggen.")
    )
    is_staff = models.BooleanField(
        _("toegang tot beheer"), default=False, help_text=_("Afgeleid van de rollen van de medewerker.")
    )
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    afas_bijgewerkt_op = models.DateTimeField(_("laatst bijgewerkt uit AFAS"), null=True, blank=True)

    objects = MedewerkerManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["achternaam", "voornamen"]
        indexes = [models.Index(fields=["achternaam", "voornamen"], name="medewerker_naam_idx")]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        voornaam = self.voornamen.split(" ")[0] if self.voornamen else self.voorletters
        return " ".join(part for part in (voornaam, self.tussenvoegsels, self.achternaam) if part)

    def get_short_name(self) -> str:
        return (self.voornamen.split(" ")[0] if self.voornamen else "") or self.username

    @cached_property
    def rol_namen(self) -> list[str]:
        """The user's roles, read once per request (the user object lives as long as the request)."""
        from cris.accounts.roles import ALLE_ROLLEN

        return sorted(group.name for group in self.groups.all() if group.name in ALLE_ROLLEN)

    def heeft_rol(self, *rollen: str) -> bool:
        return self.is_active and bool(set(self.rol_namen) & set(rollen))


class Authenticatorapp(TOTPDevice):
    """The admin's Dutch face of django-otp's TOTP device (issue 25): the package names it "TOTP device" and its
    fields "name", "confirmed" untranslatably. The same rows; application managers see and remove them."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps (tweestapsverificatie)")
        default_permissions = ("view", "delete")


class AccountLink(models.Model):
    """An e-mailed one-time link (issue 22): activation (first password and first authenticator, for new
    staff and after a device reset) or a password reset. Only a hash of the secret is kept; a link expires,
    works once, and a newer link of the same kind replaces it."""

    class Doel(models.TextChoices):
        ACTIVEREN = "activeren", _("activeren (wachtwoord en authenticator)")
        HERSTELLEN = "herstellen", _("wachtwoord herstellen")

    medewerker = models.ForeignKey(Medewerker, models.CASCADE, verbose_name=_("medewerker"), related_name="+")
    doel = models.CharField(_("doel"), max_length=20, choices=Doel.choices)
    sleutel_hash = models.CharField(_("sleutel-hash"), max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    verloopt_op = models.DateTimeField(_("verloopt op"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("accountlink")
        verbose_name_plural = _("accountlinks")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.get_doel_display()} {self.medewerker_id}"
