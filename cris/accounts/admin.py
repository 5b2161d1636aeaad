from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from celery.schedules import ParseException, crontab
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import CrontabScheduleAdmin
from django_celery_beat.models import CrontabSchedule
from django_otp.plugins.otp_totp.models import TOTPDevice

from cris import klok
from cris.accounts import links
from cris.accounts.models import Authenticatorapp, Functieprofiel, Medewerker
from cris.accounts.services import functieprofiel_rollen_toepassen


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    """HR data comes from AFAS (ORG-3): shown here, never edited. Roles follow from the profiles."""

    list_display = ("username", "personeelsnummer", "achternaam", "voornamen", "district_code", "is_active")
    list_filter = ("is_active", "is_staff", "district_code", "groups")
    search_fields = ("username", "=personeelsnummer", "achternaam", "email")
    show_full_result_count = False
    actions = ["activatielink_versturen", "authenticator_resetten"]
    fieldsets = (
        (None, {"fields": ("username", "last_login", "date_joined", "afas_bijgewerkt_op")}),
        (_("Gegevens uit AFAS"), {"fields": Medewerker.HR_FIELDS}),
        (_("Rollen (afgeleid van de functieprofielen)"), {"fields": ("groups", "is_staff", "is_superuser")}),
    )

    def get_readonly_fields(self, request, obj=None):
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False  # Medewerkers come from the AFAS import

    def has_delete_permission(self, request, obj=None):
        return False  # deactivated in AFAS, never deleted: audit entries and cases refer to them

    @admin.action(description=_("Activatielink e-mailen (wachtwoord en authenticator)"))
    def activatielink_versturen(self, request, queryset):
        verstuurd = sum(links.activatielink_versturen(medewerker=m, actor=request.user) for m in queryset)
        self.message_user(request, _("%(n)s activatielink(s) verstuurd.") % {"n": verstuurd})

    @admin.action(description=_("Authenticator resetten en nieuwe activatielink e-mailen"))
    def authenticator_resetten(self, request, queryset):
        verstuurd = sum(links.authenticator_resetten(medewerker=m, actor=request.user) for m in queryset)
        self.message_user(request, _("Authenticator gereset; %(n)s activatielink(s) verstuurd.") % {"n": verstuurd})


@admin.register(Functieprofiel)
class FunctieprofielAdmin(admin.ModelAdmin):
    list_display = ("code", "naam")
    search_fields = ("code", "naam")
    filter_horizontal = ("rollen",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        functieprofiel_rollen_toepassen(profiel=form.instance, actor=request.user)


admin.site.unregister(Group)


@admin.register(Group)
class RolAdmin(GroupAdmin):
    """Roles are defined in code (cris/accounts/roles.py); here they can be looked at."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Issue 25: django-otp's own admin is English and shows the secret key; this one is Dutch and shows what an
# application manager needs to help someone whose phone is lost: whose app, since when, last used.
admin.site.unregister(TOTPDevice)


@admin.register(Authenticatorapp)
class AuthenticatorappAdmin(admin.ModelAdmin):
    list_display = ("medewerker", "naam", "bevestigd", "aangemaakt_op", "laatst_gebruikt_op")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__achternaam")
    fields = readonly_fields = list_display

    @admin.display(description=_("medewerker"), ordering="user__username")
    def medewerker(self, obj):
        return str(obj.user)

    @admin.display(description=_("naam"), ordering="name")
    def naam(self, obj):
        return obj.name

    @admin.display(description=_("bevestigd"), boolean=True)
    def bevestigd(self, obj):
        return obj.confirmed

    @admin.display(description=_("aangemaakt op"), ordering="created_at")
    def aangemaakt_op(self, obj):
        return obj.created_at

    @admin.display(description=_("laatst gebruikt op"), ordering="last_used_at")
    def laatst_gebruikt_op(self, obj):
        return obj.last_used_at

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Issue 23 item 8: django-celery-beat checks a crontab's fields with python-crontab, which lets values through
# that celery's own parser refuses ("-1"); the refused form then drew the schedule in words from them and
# answered 500. Here every field must be ASCII that celery (the scheduler and the words) parses, else the
# field's message ("٣" is a digit to Python only).
class CrontabForm(forms.ModelForm):
    class Meta:
        model = CrontabSchedule
        fields = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")

    def clean(self):
        data = super().clean()
        for naam, (laag, hoog) in CRON_BEREIK.items():
            waarde = data.get(naam)
            if waarde is None:
                continue  # the field's own message
            try:
                if not waarde.isascii():
                    raise ValueError(waarde)
                crontab(**{naam: waarde})
            except (ValueError, ParseException):
                self.add_error(naam, _("Geen geldige cronwaarde: gebruik '*', getallen van %(laag)s tot en met "
                                       "%(hoog)s, reeksen (1-5), lijsten (1,15) of stappen (*/10).")
                               % {"laag": laag, "hoog": hoog})  # fmt: skip
        return data


CRON_BEREIK = {"minute": (0, 59), "hour": (0, 23), "day_of_month": (1, 31), "month_of_year": (1, 12),
               "day_of_week": (0, 6)}  # fmt: skip

admin.site.unregister(CrontabSchedule)


@admin.register(CrontabSchedule)
class CronschemaAdmin(CrontabScheduleAdmin):
    form = CrontabForm


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class InlogpogingAdmin(AccessAttemptAdmin):
    """axes' own list of login attempts. Its action 'Verlopen pogingen opruimen' read the time of a login attempt
    from the request, which only axes' login handling sets: from the list it answered 500 for everyone (found by
    the admin fuzz test, issue 23 item 8). The time is now cris.klok's."""

    @admin.action(description=_("Verlopen inlogpogingen opruimen"))
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = klok.nu()
        return super().cleanup_expired_attempts(request, queryset)
