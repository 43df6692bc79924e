from django.db import migrations, models

import accounts.crypto


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0007_report_window_indexes"),
    ]

    operations = [
        # Plain text columns first, encrypted in place, then the encrypted field.
        migrations.AlterField(
            model_name="actionitem",
            name="title",
            field=models.TextField(max_length=200, verbose_name="Action item"),
        ),
        migrations.AlterField(
            model_name="attentionfollowup",
            name="note",
            field=models.TextField(blank=True, max_length=500, verbose_name="Note"),
        ),
        migrations.AlterField(
            model_name="checkin",
            name="hard",
            field=models.TextField(blank=True, max_length=2000, verbose_name="What was hard"),
        ),
        migrations.AlterField(
            model_name="checkin",
            name="helped",
            field=models.TextField(blank=True, max_length=2000, verbose_name="What helped today"),
        ),
        migrations.AlterField(
            model_name="encouragement",
            name="text",
            field=models.TextField(max_length=1000, verbose_name="Encouragement"),
        ),
        migrations.AlterField(
            model_name="journalentry",
            name="body",
            field=models.TextField(max_length=20000, verbose_name="Entry"),
        ),
        migrations.AlterField(
            model_name="journalentry",
            name="title",
            field=models.TextField(blank=True, max_length=120, verbose_name="Title"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="agenda",
            field=models.TextField(blank=True, max_length=2000, verbose_name="Agenda"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="cancel_reason",
            field=models.TextField(blank=True, max_length=500, verbose_name="Reason"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="mentee_reflection",
            field=models.TextField(blank=True, max_length=4000, verbose_name="My reflection"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="narrative",
            field=models.TextField(blank=True, max_length=4000, verbose_name="Narrative"),
        ),
        migrations.AlterField(
            model_name="recoveryperiod",
            name="end_note",
            field=models.TextField(blank=True, max_length=2000, verbose_name="Private note"),
        ),
        migrations.AlterField(
            model_name="goal",
            name="measure",
            field=models.TextField(
                blank=True, max_length=200, verbose_name="How I'll know I got there"
            ),
        ),
        migrations.AlterField(
            model_name="goal",
            name="why",
            field=models.TextField(
                blank=True, max_length=1000, verbose_name="Why it matters to me"
            ),
        ),
        accounts.crypto.encrypt_columns_operation(
            "mentoring",
            {
                "actionitem": ["title"],
                "attentionfollowup": ["note"],
                "checkin": ["hard", "helped"],
                "encouragement": ["text"],
                "goal": ["measure", "why"],
                "journalentry": ["body", "title"],
                "meeting": ["agenda", "cancel_reason", "mentee_reflection", "narrative"],
                "recoveryperiod": ["end_note"],
            },
        ),
        migrations.AlterField(
            model_name="actionitem",
            name="title",
            field=accounts.crypto.EncryptedCharField(max_length=200, verbose_name="Action item"),
        ),
        migrations.AlterField(
            model_name="attentionfollowup",
            name="note",
            field=accounts.crypto.EncryptedCharField(
                blank=True, max_length=500, verbose_name="Note"
            ),
        ),
        migrations.AlterField(
            model_name="checkin",
            name="hard",
            field=accounts.crypto.EncryptedTextField(
                blank=True, max_length=2000, verbose_name="What was hard"
            ),
        ),
        migrations.AlterField(
            model_name="checkin",
            name="helped",
            field=accounts.crypto.EncryptedTextField(
                blank=True, max_length=2000, verbose_name="What helped today"
            ),
        ),
        migrations.AlterField(
            model_name="encouragement",
            name="text",
            field=accounts.crypto.EncryptedTextField(max_length=1000, verbose_name="Encouragement"),
        ),
        migrations.AlterField(
            model_name="journalentry",
            name="body",
            field=accounts.crypto.EncryptedTextField(max_length=20000, verbose_name="Entry"),
        ),
        migrations.AlterField(
            model_name="journalentry",
            name="title",
            field=accounts.crypto.EncryptedCharField(
                blank=True, max_length=120, verbose_name="Title"
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="agenda",
            field=accounts.crypto.EncryptedTextField(
                blank=True, max_length=2000, verbose_name="Agenda"
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="cancel_reason",
            field=accounts.crypto.EncryptedCharField(
                blank=True, max_length=500, verbose_name="Reason"
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="mentee_reflection",
            field=accounts.crypto.EncryptedTextField(
                blank=True, max_length=4000, verbose_name="My reflection"
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="narrative",
            field=accounts.crypto.EncryptedTextField(
                blank=True, max_length=4000, verbose_name="Narrative"
            ),
        ),
        migrations.AlterField(
            model_name="recoveryperiod",
            name="end_note",
            field=accounts.crypto.EncryptedTextField(
                blank=True, max_length=2000, verbose_name="Private note"
            ),
        ),
        migrations.AlterField(
            model_name="goal",
            name="measure",
            field=accounts.crypto.EncryptedCharField(
                blank=True, max_length=200, verbose_name="How I'll know I got there"
            ),
        ),
        migrations.AlterField(
            model_name="goal",
            name="why",
            field=accounts.crypto.EncryptedTextField(
                blank=True, max_length=1000, verbose_name="Why it matters to me"
            ),
        ),
    ]
