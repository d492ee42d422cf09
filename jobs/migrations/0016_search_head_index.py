from django.db import migrations

# The "head" of a job for search: its title, specialty, profession and credentials (the
# vector's A and B words), as an expression with a GIN index. Small enough to compute per row,
# it lets a broad search walk the newest jobs without reading each job's full search vector,
# about 2 KB kept out of line (TOAST) because of the description (jobs/search.py).
FORWARD = r"""
CREATE OR REPLACE FUNCTION hc_job_head(text, text, text, varchar[], varchar[]) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.to_tsvector('pg_catalog.english', public.hc_unaccent(
        coalesce($1, '') || ' ' || coalesce($2, '') || ' ' || replace(coalesce($3, ''), '_', ' ')
        || ' ' || coalesce(array_to_string($4, ' '), '')
        || ' ' || coalesce(array_to_string($5, ' '), ''))) $$;

CREATE INDEX IF NOT EXISTS job_search_head_gin ON jobs_job USING gin (
    hc_job_head(title, specialty, profession, required_credentials, preferred_credentials)
);
"""

BACKWARD = """
DROP INDEX IF EXISTS job_search_head_gin;
DROP FUNCTION IF EXISTS hc_job_head(text, text, text, varchar[], varchar[]);
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0015_live_jobs_newest_first_index")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
