"""Roles are Django groups (ORG-4). They decide which functions a user may use; which cases a user may
see is decided per object (AUT-1), never by role alone.

A Medewerker's roles follow from their function profiles (Functieprofiel.rollen); ``medewerker_rollen_afleiden``
keeps the groups and ``is_staff`` (access to the admin) in step.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q


class Rol:
    # One role per department (ORG-2).
    ADMINISTRATIE = "Administratie"
    JD_ADMIN = "JD-Admin"
    ACTIEVE_BENADERING = "Actieve Benadering"
    CAI = "CAI"
    ACUTE_OPVANG = "Acute Opvang"
    ALGEMENE_DIENSTVERLENING = "Algemene Dienstverlening"
    JURIDISCHE_DIENSTVERLENING = "Juridische Dienstverlening"
    CASEMANAGEMENT = "Casemanagement"
    CMA = "Casemanagement Aanmeldpunt"
    NAMENS_DE_FAMILIE = "Namens de Familie"
    LOTGENOTEN = "Lotgenoten"
    # Roles across departments.
    TEAMLEIDER = "Teamleider"
    DISTRICTSMANAGER = "Districtsmanager"
    CMA_COORDINATOR = "CMA-coördinator"
    FUNCTIONEEL_BEHEERDER = "Functioneel beheerder"
    APPLICATIEBEHEERDER = "Applicatiebeheerder"
    PRIVACY_OFFICER = "Privacy officer"


AFDELING_ROLLEN = [
    Rol.ADMINISTRATIE,
    Rol.JD_ADMIN,
    Rol.ACTIEVE_BENADERING,
    Rol.CAI,
    Rol.ACUTE_OPVANG,
    Rol.ALGEMENE_DIENSTVERLENING,
    Rol.JURIDISCHE_DIENSTVERLENING,
    Rol.CASEMANAGEMENT,
    Rol.CMA,
    Rol.NAMENS_DE_FAMILIE,
    Rol.LOTGENOTEN,
]
ALLE_ROLLEN = [
    *AFDELING_ROLLEN,
    Rol.TEAMLEIDER,
    Rol.DISTRICTSMANAGER,
    Rol.CMA_COORDINATOR,
    Rol.FUNCTIONEEL_BEHEERDER,
    Rol.APPLICATIEBEHEERDER,
    Rol.PRIVACY_OFFICER,
]

# Roles that work in the admin (/beheer/): their holders get is_staff.
BEHEER_ROLLEN = {Rol.FUNCTIONEEL_BEHEERDER, Rol.APPLICATIEBEHEERDER, Rol.PRIVACY_OFFICER}

# Who sees the partner imports (koppelingen.berichten: the import page, its quarantine and metrics, and its
# menu item): application and functional managers.
IMPORT_ROLLEN = (Rol.APPLICATIEBEHEERDER, Rol.FUNCTIONEEL_BEHEERDER)

# Model permissions per role, as "app_label.codename". Later apps add theirs here; a permission whose
# model does not exist yet is skipped. "app_label.*" means every permission of that app.
ROL_PERMISSIES: dict[str, list[str]] = {
    Rol.APPLICATIEBEHEERDER: [
        "accounts.view_medewerker",
        "accounts.change_medewerker",
        "accounts.*functieprofiel",
        "werkstroom.*",
        "afas.view_afasimport",
        "berichten.*",
        # KOP-3/4: the event outbox with its dead-letter list (replay), and the clients' consents for partners.
        "partners.view_uitgaandbericht",
        "partners.change_uitgaandbericht",
        "partners.*toestemming",
        "partners.*externeorganisatie",
        "audit.view_auditentry",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
        "django_celery_beat.*",
        "documenten.view_uitgaandeemail",
        "documenten.change_uitgaandeemail",
        "documenten.view_document",
        "documenten.view_sjabloon",
        "accounts.view_authenticatorapp",
        "accounts.delete_authenticatorapp",
        "schoning.view_bewaarregel",
        "schoning.view_selectie",
    ],
    Rol.FUNCTIONEEL_BEHEERDER: [
        "accounts.view_functieprofiel",
        "partners.*externeorganisatie",
        "werkstroom.view_district",
        "werkstroom.view_postcode",
        "werkstroom.view_team",
        "werkstroom.change_team",
        "werkstroom.view_specialisatie",
        "werkstroom.view_lidmaatschap",
        "taken.view_taaktype",
        "taken.add_taaktype",
        "taken.change_taaktype",
        "aanmelding.view_delict",
        "aanmelding.add_delict",
        "aanmelding.change_delict",
        "aanmelding.*afwijsreden",
        "aanmelding.*verwerkingsregel",
        "aanmelding.view_automatischbesluit",
        "gebeurtenissen.view_gebeurtenis",
        "gebeurtenissen.change_gebeurtenis",
        "berichten.view_aanlevering",
        "documenten.view_sjabloon",
        "documenten.add_sjabloon",
        "documenten.change_sjabloon",
        "aanmelding.*_bsnregel",  # AAN-6: the matrix slachtofferrol × delict
        "schoning.view_bewaarregel",
        "schoning.add_bewaarregel",
        "schoning.change_bewaarregel",
        "schoning.view_selectie",
        "schoning.selectie_beoordelen",
        "casus.*tevredenheidregel",
        "casus.view_tevredenheidselectie",
        "diensten.view_dienstsoort",
        "diensten.add_dienstsoort",
        "diensten.change_dienstsoort",
    ],
    Rol.PRIVACY_OFFICER: [
        "audit.view_auditentry",
        "accounts.view_medewerker",
        "schoning.view_bewaarregel",
        "schoning.*bewaarplicht",
        "schoning.view_uitzondering",
        "schoning.view_selectie",
        "schoning.selectie_beoordelen",
        "schoning.selectie_goedkeuren",
        "casus.view_toegangsverlening",
    ],
}


def _permissions_for(specs: list[str]) -> list[Permission]:
    query = Q(pk__in=[])
    for spec in specs:
        app_label, codename = spec.split(".", 1)
        if codename == "*":
            query |= Q(content_type__app_label=app_label)
        elif codename.startswith("*"):
            query |= Q(content_type__app_label=app_label, codename__endswith=codename[1:])
        else:
            query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


def roles_install(**kwargs) -> None:
    """Create every role group and give it its permissions. Idempotent; runs after every migrate."""
    with transaction.atomic():
        for naam in ALLE_ROLLEN:
            group, _ = Group.objects.get_or_create(name=naam)
            group.permissions.set(_permissions_for(ROL_PERMISSIES.get(naam, [])))
