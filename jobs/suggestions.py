"""Typo tolerance for job search: "Did you mean ...?".

The vocabulary is the words of live jobs' titles and specialties (jobs.SearchTerm, a few thousand
rows with a trigram index), rebuilt from the jobs by a periodic task. A misspelt word is replaced by
the most similar vocabulary word (pg_trgm similarity, then the word used by most jobs), all words of
a query in one indexed SQL query.
"""

import re

from celery import shared_task
from django.db import connection, transaction

# Words shorter than this are left alone: "rn", "or", "icu" have too few trigrams to correct.
MIN_WORD_LENGTH = 4
MAX_WORDS = 8
_WORD_RE = re.compile(r"[^\W\d_]+")

REFRESH_SQL = """
WITH words AS (
    SELECT word, count(DISTINCT job.id) AS job_count
    FROM jobs_job AS job,
         regexp_split_to_table(
             lower(hc_unaccent(job.title || ' ' || job.specialty)), '[^a-z]+'
         ) AS word
    WHERE job.status = 'published' AND job.expires_at > now()
      AND length(word) BETWEEN 3 AND 64
    GROUP BY word
), removed AS (
    DELETE FROM jobs_searchterm AS term
    WHERE NOT EXISTS (SELECT 1 FROM words WHERE words.word = term.word)
)
INSERT INTO jobs_searchterm (word, job_count)
SELECT word, job_count FROM words
ON CONFLICT (word) DO UPDATE SET job_count = EXCLUDED.job_count
WHERE jobs_searchterm.job_count <> EXCLUDED.job_count
"""

# For each input word, the closest vocabulary word (the % operator uses the trigram index and
# pg_trgm.similarity_threshold, 0.3 by default), and whether both share a stem: full-text search
# already matches "nights" with "night", so that is no misspelling.
SUGGEST_SQL = """
SELECT input.word, input.folded, best.word,
       ts_lexize('english_stem', input.folded) = ts_lexize('english_stem', best.word)
FROM (
    SELECT word, lower(hc_unaccent(word)) AS folded, n
    FROM unnest(%s::text[]) WITH ORDINALITY AS words(word, n)
) AS input
LEFT JOIN LATERAL (
    SELECT term.word FROM jobs_searchterm AS term
    WHERE term.word %% input.folded
    ORDER BY similarity(term.word, input.folded) DESC, term.job_count DESC, term.word
    LIMIT 1
) AS best ON true
ORDER BY input.n
"""


def search_terms_refresh() -> None:
    """Rebuild the "Did you mean" vocabulary from the live jobs (one statement, idempotent)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(REFRESH_SQL)


@shared_task
def refresh_search_terms() -> None:
    """Beat (config/celery.py): keep the vocabulary in step with what is published."""
    search_terms_refresh()


def spelling_suggestion(text: str) -> str | None:
    """`text` with its misspelt words corrected, or None when there is nothing to correct."""
    words = [w for w in dict.fromkeys(_WORD_RE.findall(text)) if len(w) >= MIN_WORD_LENGTH]
    words = words[:MAX_WORDS]
    if not words:
        return None
    with connection.cursor() as cursor:
        cursor.execute(SUGGEST_SQL, [words])
        rows = cursor.fetchall()
    corrections = {
        word: match
        for word, folded, match, same_stem in rows
        if match and match != folded and not same_stem
    }
    if not corrections:
        return None
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, corrections)) + r")\b")
    return pattern.sub(lambda m: corrections[m.group(1)], text)
