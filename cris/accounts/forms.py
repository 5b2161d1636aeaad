from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Gebruikersnaam en wachtwoord komen niet overeen. Let op: na herhaalde mislukte pogingen "
            "wordt uw account tijdelijk geblokkeerd."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met uw leidinggevende."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "class": "utrecht-textbox"})
        self.fields["password"].widget.attrs.update({"class": "utrecht-textbox"})

    def clean_username(self):
        """Django sets the field's max_length after building its validators: without this check a name of
        10,000 characters reaches authenticate() and the failed-login record (varchar) (issue 23 item 8)."""
        naam = self.cleaned_data["username"]
        if len(naam) > self.fields["username"].max_length:
            raise forms.ValidationError(
                _("Een gebruikersnaam heeft hoogstens %(n)s tekens."), params={"n": self.fields["username"].max_length}
            )
        return naam


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "class": "utrecht-textbox",
            }
        ),
        error_messages={
            "min_length": _("De code heeft 6 cijfers."),
            "max_length": _("De code heeft 6 cijfers."),
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."))
        return token


def _tekstvakken(form) -> None:
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "utrecht-textbox")


class WachtwoordInstellenForm(SetPasswordForm):
    """A first or a forgotten password: Django's password validators apply (AUTH_PASSWORD_VALIDATORS)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tekstvakken(self)


class WachtwoordWijzigenForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tekstvakken(self)


class WachtwoordVergetenForm(forms.Form):
    invoer = forms.CharField(
        label=_("Gebruikersnaam of e-mailadres"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "class": "utrecht-textbox"}),
    )
