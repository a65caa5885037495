from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_report_enqueued_at_cycle_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="error_code",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="report",
            name="error_params",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
