from django.db import migrations

# The stored, weighted tsvector of a job, kept current by the database itself so that bulk
# inserts and updates (demo data, imports) can never leave it stale.
#   A: title   B: specialty, profession, credentials   C: description (HTML tags stripped)
# hc_unaccent is an IMMUTABLE wrapper so that queries and the trigger fold accents the same way.
FORWARD = r"""
CREATE OR REPLACE FUNCTION hc_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE OR REPLACE FUNCTION jobs_job_search_vector_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', hc_unaccent(coalesce(NEW.title, ''))), 'A')
        || setweight(to_tsvector('english', hc_unaccent(
               coalesce(NEW.specialty, '') || ' ' || replace(coalesce(NEW.profession, ''), '_', ' ')
               || ' ' || array_to_string(NEW.required_credentials, ' ')
               || ' ' || array_to_string(NEW.preferred_credentials, ' '))), 'B')
        || setweight(to_tsvector('english', hc_unaccent(
               regexp_replace(coalesce(NEW.description, ''), '<[^>]*>', ' ', 'g'))), 'C');
    RETURN NEW;
END
$$;

CREATE TRIGGER jobs_job_search_vector
    BEFORE INSERT OR UPDATE OF title, specialty, profession, required_credentials,
        preferred_credentials, description
    ON jobs_job FOR EACH ROW EXECUTE FUNCTION jobs_job_search_vector_update();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS jobs_job_search_vector ON jobs_job;
DROP FUNCTION IF EXISTS jobs_job_search_vector_update();
DROP FUNCTION IF EXISTS hc_unaccent(text);
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_job")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
