from django.conf import settings


def site(request):
    return {
        "NO_GHOSTING_RESPONSE_DAYS": settings.NO_GHOSTING_RESPONSE_DAYS,
        "SITE_URL": settings.SITE_URL,
    }
