from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Search needs pg_trgm (typo tolerance) and unaccent; create them before any job table."""

    dependencies = []

    operations = [TrigramExtension(), UnaccentExtension()]
