"""The language a page speaks: the person's profile first, then the browser (the footer's
choice, then Accept-Language); dates and numbers follow it."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from accounts.models import Profile, User
from tests.factories import UserFactory

PASSWORD = "a-long-and-unusual-passphrase"


def html_lang(response) -> str:
    text = response.content.decode()
    start = text.index('<html lang="') + len('<html lang="')
    return text[start : text.index('"', start)]


@pytest.mark.django_db
class TestFooterSwitcher:
    def test_every_page_offers_the_other_language(self, client):
        for name in ("home", "help", "account_login"):
            response = client.get(reverse(name))
            text = response.content.decode()
            assert 'action="/language/"' in text
            assert 'name="language" value="es" lang="es"' in text
            assert "Español" in text

    def test_a_visitor_s_choice_is_kept_in_the_cookie(self, client):
        response = client.post(reverse("language_set"), {"language": "es", "next": "/help/"})
        assert response.status_code == 302 and response.url == "/help/"
        cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
        assert cookie.value == "es" and cookie["httponly"]
        assert html_lang(client.get("/help/")) == "es"
        # The switcher now offers English back, and names the current language.
        text = client.get("/help/").content.decode()
        assert 'name="language" value="en" lang="en"' in text
        assert 'aria-current="true">Español<' in text

    def test_a_signed_in_choice_is_saved_on_the_profile(self, client):
        user = UserFactory()
        client.force_login(user)
        client.post(reverse("language_set"), {"language": "es", "next": "/"})
        assert Profile.objects.get(user=user).preferred_language == "es"
        # The profile wins over the browser and the cookie.
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
        response = client.get("/help/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert html_lang(response) == "es"

    @pytest.mark.parametrize(
        "data",
        [
            {"language": "xx", "next": "/help/"},
            {"language": "", "next": "/help/"},
            {"language": "es\x00", "next": "/help/"},
            {"language": "e" * 5000, "next": "/help/"},
            {"next": "/help/"},
        ],
    )
    def test_an_unknown_language_changes_nothing(self, client, data):
        user = UserFactory()
        client.force_login(user)
        response = client.post(reverse("language_set"), data)
        assert response.status_code in (302, 400)
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
        assert Profile.objects.get(user=user).preferred_language == "en"

    @pytest.mark.parametrize(
        "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
    )
    def test_it_never_sends_a_person_off_the_site(self, client, next_url):
        response = client.post(reverse("language_set"), {"language": "es", "next": next_url})
        assert response.status_code == 302 and response.url == reverse("home")

    def test_get_is_refused(self, client):
        assert client.get(reverse("language_set")).status_code == 405


@pytest.mark.django_db
class TestBrowserLanguage:
    def test_a_visitor_s_browser_language_is_used(self, client):
        assert html_lang(client.get("/help/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")) == "es"
        assert html_lang(client.get("/help/", HTTP_ACCEPT_LANGUAGE="en-US")) == "en"
        assert html_lang(client.get("/help/", HTTP_ACCEPT_LANGUAGE="fr-FR")) == "en"

    def test_a_new_account_starts_in_the_browser_s_language(self, client):
        client.post(
            reverse("account_signup"),
            {
                "email": "rio@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "display_name": "Río",
                "time_zone": "America/Chicago",
            },
            HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9,en;q=0.5",
        )
        user = User.objects.get(email="rio@example.org")
        assert user.profile.preferred_language == "es"


class TestSpanishFormats:
    moment = datetime.datetime(2026, 11, 30, 18, 5, tzinfo=datetime.UTC)

    def test_dates_and_times(self):
        with translation.override("es"):
            assert formats.date_format(self.moment, "DATE_FORMAT") == "30 nov 2026"
            assert formats.date_format(self.moment, "DATETIME_FORMAT") == "30 nov 2026, 18:05"
            assert formats.date_format(self.moment, "MONTH_DAY_FORMAT") == "30 nov"
            assert formats.date_format(self.moment, "YEAR_MONTH_FORMAT") == "noviembre de 2026"
            assert formats.time_format(self.moment.time(), "TIME_FORMAT") == "18:05"
        with translation.override("en"):
            assert formats.date_format(self.moment, "DATE_FORMAT") == "Nov 30, 2026"
            assert formats.date_format(self.moment, "DATETIME_FORMAT") == "Nov 30, 2026, 6:05 p.m."

    def test_numbers(self):
        with translation.override("es"):
            assert formats.number_format(1234.5, 1) == "1234,5"
        with translation.override("en"):
            assert formats.number_format(1234.5, 1) == "1234.5"


@pytest.mark.django_db
def test_every_role_s_home_renders_in_spanish(client, mentee, mentor, coordinator, pairing):
    """The header's unread counts pick their plural with Spanish's formula (`n % 1000000`):
    a lazy count must do arithmetic (it was a 500 on every signed-in Spanish page)."""
    for member in (mentee, mentor, coordinator):
        Profile.objects.filter(user=member.user).update(preferred_language="es")
        client.force_login(member.user)
        response = client.get(reverse("program_home", args=[member.program.slug]))
        assert response.status_code == 200
        assert html_lang(response) == "es"
        assert html_lang(client.get(reverse("notifications:list"))) == "es"


@pytest.mark.django_db
def test_spanish_pages_speak_spanish(client):
    text = client.get("/help/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Ayuda ahora" in text and "Idioma" in text
    assert "Get help now" not in text


@pytest.mark.django_db
def test_the_default_privacy_notice_is_in_the_reader_s_language(program):
    from accounts.models import DEFAULT_PRIVACY_NOTICE

    assert program.privacy_notice == DEFAULT_PRIVACY_NOTICE
    with translation.override("es"):
        spanish = program.privacy_notice_for_reader()
    assert "42 CFR" in spanish and "Puedes descargar tus datos" in spanish
    with translation.override("en"):
        assert program.privacy_notice_for_reader() == DEFAULT_PRIVACY_NOTICE
    # A notice the coordinator wrote is shown as written, whatever the language.
    program.privacy_notice = "Our own words."
    with translation.override("es"):
        assert program.privacy_notice_for_reader() == "Our own words."
