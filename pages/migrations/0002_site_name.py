from django.db import migrations


def name_the_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(pk=1, defaults={"domain": "healthcareers.app", "name": "healthcareers"})


class Migration(migrations.Migration):
    """allauth puts the site's name in its emails; the default is "example.com"."""

    dependencies = [("pages", "0001_initial"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
