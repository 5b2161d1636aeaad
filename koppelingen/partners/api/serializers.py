"""The partner API's messages (JSON, camelCase names as the NL API Design Rules ask). Field errors come back
in Dutch (Django REST framework's own translations, LANGUAGE_CODE nl) and as invalidParams."""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from rest_framework import serializers

from casus.models import Geslacht, Slachtofferrol

POSTCODE = RegexValidator(r"^\d{4} ?[A-Z]{2}$", "Geen geldige postcode (bijv. 3511 AB).")
CASUSNUMMER = re.compile(r"^CA\d{7,12}$")


class Bericht(serializers.Serializer):
    """What every incoming message has: the sender's UUID (the idempotency key) and when it was sent."""

    berichtId = serializers.UUIDField(
        help_text="UUID van de afzender; hetzelfde bericht nogmaals maakt niets nieuws.",
        error_messages={"invalid": "Geen geldige UUID."},
    )
    verzonden = serializers.DateTimeField(help_text="Moment van verzenden, met tijdzone.")


class Persoon(serializers.Serializer):
    voornamen = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    tussenvoegsel = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    achternaam = serializers.CharField(max_length=200)
    geboortedatum = serializers.DateField(required=False, allow_null=True, default=None)
    geslacht = serializers.ChoiceField(choices=Geslacht.values, required=False, default=Geslacht.ONBEKEND)
    telefoon = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    taal = serializers.RegexField(r"^[a-z]{2}$", required=False, allow_blank=True, default="")


class Adres(serializers.Serializer):
    straat = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    huisnummer = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    huisletter = serializers.CharField(max_length=5, required=False, allow_blank=True, default="")
    toevoeging = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="", validators=[POSTCODE])
    woonplaats = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class Delict(serializers.Serializer):
    omschrijving = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    datum = serializers.DateField(required=False, allow_null=True, default=None)
    plaats = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class Zelfaanmelding(Bericht):
    """KOP-3, AAN-1 channel online: someone registered themself on Mijnslachtofferhulp."""

    persoon = Persoon()
    adres = Adres(required=False)
    slachtofferrol = serializers.ChoiceField(
        choices=[Slachtofferrol.SLACHTOFFER, Slachtofferrol.NABESTAANDE, Slachtofferrol.GETUIGE, Slachtofferrol.NAASTE],
        required=False,
        default=Slachtofferrol.SLACHTOFFER,
    )
    delict = Delict(required=False)
    toestemmingContact = serializers.BooleanField(help_text="De aanmelder wil door Slachtofferhulp benaderd worden.")
    toelichting = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


def casusnummer() -> serializers.RegexField:
    return serializers.RegexField(
        CASUSNUMMER,
        max_length=20,
        help_text="Casusnummer zoals CRIS het in de gebeurtenissen noemt (CA…).",
        error_messages={"invalid": "Geen geldig casusnummer (CA gevolgd door cijfers)."},
    )


class ClientberichtIn(Bericht):
    """KOP-3: a client wrote to their caseworker about their casus on Mijnslachtofferhulp."""

    casus = casusnummer()
    onderwerp = serializers.CharField(max_length=200)
    tekst = serializers.CharField(max_length=10000)


class DoorverwijzingStatus(Bericht):
    """KOP-4: an external organisation reports on a referral CRIS sent it."""

    doorverwijzing = serializers.RegexField(
        r"^DV\d{7,12}$",
        max_length=20,
        help_text="Het nummer uit de doorverwijzing (DV…).",
        error_messages={"invalid": "Geen geldig doorverwijzingsnummer (DV gevolgd door cijfers)."},
    )
    status = serializers.ChoiceField(choices=["ontvangen", "in_behandeling", "afgewezen", "afgerond"])
    reden = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default="", help_text="Verplicht bij afgewezen."
    )

    def validate(self, attrs):
        if attrs["status"] == "afgewezen" and not attrs.get("reden", "").strip():
            raise serializers.ValidationError({"reden": "Geef de reden van de afwijzing."})
        return attrs


class Ontvangstbevestiging(serializers.Serializer):
    berichtId = serializers.UUIDField()
    resultaat = serializers.ChoiceField(
        choices=["verwerkt", "dubbel"], help_text="dubbel: dit berichtId was al ontvangen; er is niets nieuws gemaakt."
    )
    referentie = serializers.CharField(help_text="Het nummer in CRIS (aanmelding, casus of doorverwijzing).")


class OngeldigeParameter(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class Fout(serializers.Serializer):
    """RFC 7807 problem details, as the NL API Design Rules prescribe."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    instance = serializers.CharField(required=False)
    invalidParams = OngeldigeParameter(many=True, required=False)
