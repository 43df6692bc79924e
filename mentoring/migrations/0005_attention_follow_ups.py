"""Coordinators' follow-ups of the needs-attention queue, and when a return to use was told."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def told_at_backfill(apps, schema_editor):
    """A return to use told before `told_at` existed: the time the next period was made
    (both are written in one transaction)."""
    RecoveryPeriod = apps.get_model("mentoring", "RecoveryPeriod")
    for period in RecoveryPeriod.objects.filter(told_mentor=True, told_at__isnull=True):
        successor = (
            RecoveryPeriod.objects.filter(
                membership_id=period.membership_id, started_on=period.ended_on
            )
            .exclude(pk=period.pk)
            .order_by("pk")
            .first()
        )
        period.told_at = successor.created_at if successor else period.created_at
        period.save(update_fields=["told_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_form_submission"),
        ("mentoring", "0004_periodic_sweeps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="recoveryperiod",
            name="told_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(told_at_backfill, migrations.RunPython.noop),
        migrations.CreateModel(
            name="AttentionFollowUp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("outreach", "Asked for someone to reach out"),
                            (
                                "return_to_use",
                                "Shared an update with their mentor; no follow-up in 48 hours",
                            ),
                            ("no_checkin", "No check-in for 14 days"),
                            ("stalled_pair", "No meeting logged"),
                            ("proposal", "Proposal unanswered"),
                        ],
                        max_length=16,
                    ),
                ),
                ("subject_id", models.PositiveBigIntegerField()),
                ("since", models.DateField()),
                ("handled_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="Note")),
                (
                    "handled_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.membership",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "verbose_name": "follow-up",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("program", "kind", "subject_id", "since"),
                        name="attention_follow_up_once",
                    )
                ],
            },
        ),
    ]
