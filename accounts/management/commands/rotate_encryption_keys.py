"""Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS.

Rotation: put the new key first (FIELD_ENCRYPTION_KEYS=new,old), restart the app (it then
writes with the new key and still reads the old rows), run this command, then drop the old
key. Rows are read in batches by primary key, one transaction per batch; a row whose token
already opens with the first key alone is skipped, so an interrupted run is simply run
again and picks up where the work is left.
"""

import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import crypto


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size: int, **options):
        started = time.monotonic()
        total_rows = total_rotated = 0
        for model in apps.get_models():
            fields = crypto.encrypted_fields(model)
            if not fields:
                continue
            rows, rotated = self.rotate_model(model, fields, batch_size=batch_size)
            total_rows += rows
            total_rotated += rotated
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {total_rotated:,} of {total_rows:,} rows re-encrypted "
                f"in {seconds:.1f} s ({total_rows / max(seconds, 1e-6):,.0f} rows/s)."
            )
        )

    def rotate_model(self, model, fields: list[str], *, batch_size: int) -> tuple[int, int]:
        label = model._meta.label
        queryset = model._base_manager.order_by("pk")
        rows = rotated = 0
        last_pk = None
        while True:
            page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            # Read and write under one lock: a row the app changes meanwhile is not
            # overwritten with its older text.
            with transaction.atomic():
                batch = list(crypto.raw_values(page.select_for_update(), fields)[:batch_size])
                if not batch:
                    break
                updates = {}
                for pk, *tokens in batch:
                    new = {
                        name: crypto.rotate(token)
                        for name, token in zip(fields, tokens, strict=True)
                        if token and not crypto.is_on_primary_key(token)
                    }
                    if new:
                        updates[pk] = new
                crypto.write_raw(model, fields, updates)
            rows += len(batch)
            rotated += len(updates)
            last_pk = batch[-1][0]
            self.stdout.write(
                f"{label}: {rows:,} rows read, {rotated:,} re-encrypted (up to id {last_pk})"
            )
        if not rows:
            self.stdout.write(f"{label}: no rows")
        return rows, rotated
