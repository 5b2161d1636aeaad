"""Django's password validators (AUTH_PASSWORD_VALIDATORS) with their messages in Dutch: Django's own Dutch
translation lacks the current texts, and a user must read why a password is refused (issue 22)."""

from django.contrib.auth import password_validation as pv
from django.utils.translation import gettext as _


class Gelijkenis(pv.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Het wachtwoord lijkt te veel op uw %(verbose_name)s.")

    def get_help_text(self):
        return _("Uw wachtwoord mag niet te veel lijken op uw andere gegevens.")


class Lengte(pv.MinimumLengthValidator):
    def get_error_message(self):
        return _("Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.")

    def get_help_text(self):
        return _("Uw wachtwoord heeft minstens %(min_length)d tekens.") % {"min_length": self.min_length}


class Veelgebruikt(pv.CommonPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord is te algemeen: het staat in een lijst van veelgebruikte wachtwoorden.")

    def get_help_text(self):
        return _("Uw wachtwoord is geen veelgebruikt wachtwoord.")


class AlleenCijfers(pv.NumericPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord bestaat alleen uit cijfers.")

    def get_help_text(self):
        return _("Uw wachtwoord bestaat niet alleen uit cijfers.")
