"""A null-ish email backend for benchmarks/reminders.py's workers: it builds every message in
full (MIME, both parts, headers) as SMTP would, then appends one line "recipient<TAB>Message-ID"
to a file of this process under EMAIL_FILE_PATH instead of keeping 100,000 emails in memory."""

import os
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class CountingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        lines = []
        for message in email_messages:
            mime = message.message()
            mime.as_bytes()
            lines += [f"{to}\t{mime['Message-ID']}\n" for to in message.recipients()]
        with open(folder / f"sent-{os.getpid()}.tsv", "a", encoding="utf-8") as sent:
            sent.writelines(lines)
        return len(email_messages)
