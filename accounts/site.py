"""The site's domain and name, from settings (SITE_URL, SITE_NAME), never "example.com".

django.contrib.sites creates its default Site as "example.com" after the first migrate, and
allauth's emails name `current_site`: after every migrate (and every test-database flush) the
Site row is set from the settings, so the emails say the address people actually use.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def site_sync(**kwargs) -> None:
    """post_migrate receiver: the Site row of SITE_ID follows SITE_URL and SITE_NAME."""
    from django.contrib.sites.models import Site

    using = kwargs.get("using", "default")
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.SITE_NAME}
    )
    Site.objects.clear_cache()
