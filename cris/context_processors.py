from django.conf import settings


def cris(request):
    return {"CRIS_PRODUCTIE": settings.PRODUCTION}
