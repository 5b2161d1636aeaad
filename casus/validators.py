from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def elfproef(bsn: str) -> bool:
    """The BSN 11-proef: 9 digits, sum of digit × (9..2) minus the last digit is divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True)) - int(bsn[8])
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if value and not elfproef(value):
        raise ValidationError(_("Dit is geen geldig BSN: het moet 9 cijfers hebben en voldoen aan de elfproef."))
