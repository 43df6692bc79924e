"""The crisis resources behind "Get help now": the program's own rows, then its other lines;
the US defaults when a program has set neither (and on pages outside any program)."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from django.conf import settings

from ..models import DEFAULT_CRISIS_CONTACTS, CrisisResource, Program, ProgramChange


def _readable(number: str) -> str:
    """ "+18006624357" as people write it here ("(800) 662-4357"); short codes as they are."""
    if not number.startswith("+"):
        return number
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return number
    if phonenumbers.region_code_for_number(parsed) == settings.SMS_DEFAULT_REGION:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@dataclass(frozen=True)
class Contact:
    name: str
    note: str = ""
    phone: str = ""
    text_number: str = ""
    text_keyword: str = ""
    web_url: str = ""

    @property
    def phone_display(self) -> str:
        return _readable(self.phone)

    @property
    def text_display(self) -> str:
        return _readable(self.text_number)

    @property
    def tel_href(self) -> str:
        return f"tel:{self.phone}" if self.phone else ""

    @property
    def sms_href(self) -> str:
        if not self.text_number:
            return ""
        return f"sms:{self.text_number}" + (
            f"?body={self.text_keyword}" if self.text_keyword else ""
        )


@dataclass(frozen=True)
class CrisisHelp:
    contacts: list[Contact]
    lines: list[str]


DEFAULT_CONTACTS = [Contact(**row) for row in DEFAULT_CRISIS_CONTACTS]


def _contact(row: CrisisResource) -> Contact:
    return Contact(
        name=row.name,
        note=row.note,
        phone=row.phone,
        text_number=row.text_number,
        text_keyword=row.text_keyword,
        web_url=row.web_url,
    )


def crisis_help_for(program: Program | None) -> CrisisHelp:
    if program is None:
        return CrisisHelp(contacts=DEFAULT_CONTACTS, lines=[])
    contacts = [_contact(row) for row in program.crisis_contacts.all()]
    lines = program.crisis_resource_lines
    if not contacts and not lines:
        contacts = DEFAULT_CONTACTS
    return CrisisHelp(contacts=contacts, lines=lines)


def program_changes(*, program: Program):
    """The record of the program's settings changes, newest first."""
    return ProgramChange.objects.filter(program=program).select_related("changed_by__profile")
