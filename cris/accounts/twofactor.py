"""TOTP two-factor authentication on top of django-otp."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cris.audit.api import Actie, audit_record

DEVICE_NAME = "Authenticator-app"


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device a user is setting up; the same one on every visit until confirmed."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": DEVICE_NAME})
    return device


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def secret_base32(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode("ascii")


def totp_verify(request, *, token: str) -> bool:
    """Check a code against the user's confirmed device (throttled by django-otp); log the result."""
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            audit_record(Actie.TWEESTAPS, actor=request.user, obj=request.user, reason="code geaccepteerd")
            return True
    audit_record(Actie.TWEESTAPS, actor=request.user, obj=request.user, reason="code geweigerd")
    return False


def totp_confirm(request, *, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with its first code; only then does it count."""
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(Actie.TWEESTAPS, actor=request.user, obj=request.user, reason="authenticator ingesteld")
    otp_login(request, device)
    return True
