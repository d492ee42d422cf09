"""Typo tolerance for job search ("Did you mean ...?") and the typeahead of the search boxes.

The vocabulary is the words of live jobs' titles and specialties (jobs.SearchTerm, a few thousand
rows with a trigram index), rebuilt from the jobs by a periodic task. A misspelt word is replaced by
the most similar vocabulary word (pg_trgm similarity, then the word used by most jobs), all words of
a query in one indexed SQL query.
"""

import re
from dataclasses import dataclass

from celery import shared_task
from django.core.cache import cache
from django.db import connection, connections, router, transaction
from django.db.models import Count

from jobs.models import Job

# Words shorter than this are left alone: "rn", "or", "icu" have too few trigrams to correct.
MIN_WORD_LENGTH = 4
MAX_WORDS = 8
_WORD_RE = re.compile(r"[^\W\d_]+")

# {live_jobs} is the SQL of Job.objects.published(): the one definition of a live job.
REFRESH_SQL = """
WITH words AS (
    SELECT word, count(DISTINCT job.id) AS job_count
    FROM ({live_jobs}) AS job,
         regexp_split_to_table(
             lower(hc_unaccent(job.title || ' ' || job.specialty)), '[^a-z]+'
         ) AS word
    WHERE length(word) BETWEEN 3 AND 64
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
    live_jobs, params = (
        Job.objects.published()
        .order_by()
        .values("id", "title", "specialty")
        .query.sql_with_params()
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(REFRESH_SQL.format(live_jobs=live_jobs), params)


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
    # A read of search: the replica's, when there is one (infra.db_routing).
    with connections[router.db_for_read(Job)].cursor() as cursor:
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


# Typeahead ----------------------------------------------------------------------------------
# The What box suggests profession names, the vocabulary's terms and the titles and specialties
# most used by live jobs; the Where box suggests cities and ZIP codes of the gazetteer. The
# phrases are gathered once into the cache (the live jobs' at most every few minutes), so a
# keystroke costs a cache read and a scan of a few thousand strings, never a query.

TYPEAHEAD_LIMIT = 8
TYPEAHEAD_MIN_CHARS = 2
LIVE_PHRASES_KEY = "jobs:typeahead:live-phrases:v1"
LIVE_PHRASES_SECONDS = 10 * 60
LIVE_PHRASES_PER_FIELD = 2000


@dataclass(frozen=True)
class Suggestion:
    value: str  # what goes into the box
    label: str  # what the list shows
    hint: str = ""  # shown after the label: "CNA: certified nursing assistant", "312 jobs"


def _live_phrases() -> list[tuple[str, int]]:
    phrases = cache.get(LIVE_PHRASES_KEY)
    if phrases is None:
        # Titles and specialties of live jobs, with how many jobs use each (one phrase may be
        # both a title and a specialty: their counts add up).
        counts: dict[str, int] = {}
        live = Job.objects.published().order_by()
        for field, jobs in [
            ("title", live),
            ("specialty", live.exclude(specialty="")),
        ]:
            rows = jobs.values_list(field).annotate(n=Count("pk")).order_by("-n", field)
            for phrase, n in rows[:LIVE_PHRASES_PER_FIELD]:
                counts[phrase] = counts.get(phrase, 0) + n
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        phrases = ranked[: 2 * LIVE_PHRASES_PER_FIELD]
        cache.set(LIVE_PHRASES_KEY, phrases, LIVE_PHRASES_SECONDS)
    return phrases


def _match_rank(text: str, typed: str) -> int | None:
    """0 when `text` starts with what was typed, 1 when one of its words does, else None."""
    folded = text.lower()
    if folded.startswith(typed):
        return 0
    if f" {typed}" in folded or f"-{typed}" in folded or f"/{typed}" in folded:
        return 1
    return None


def what_suggestions(text: str, limit: int = TYPEAHEAD_LIMIT) -> list[Suggestion]:
    from jobs.choices import Profession
    from jobs.vocabulary import vocabulary

    typed = " ".join(text.lower().split())
    if len(typed) < TYPEAHEAD_MIN_CHARS:
        return []
    scored: dict[str, tuple] = {}

    def offer(value, label, hint, rank, weight):
        key = value.lower()
        entry = (rank, -weight, len(label), Suggestion(value, label, hint))
        if key not in scored or entry[:3] < scored[key][:3]:
            scored[key] = entry

    for _, label in Profession.choices:
        if (rank := _match_rank(label, typed)) is not None:
            offer(label, label, "profession", rank, 10**9)
    for term, meaning in vocabulary().items():
        if len(meaning.alternatives) > 1 and (rank := _match_rank(term, typed)) is not None:
            shown = term.upper() if len(term) <= 5 and " " not in term else term
            offer(shown, shown, meaning.alternatives[1], rank, 10**6)
    for phrase, jobs in _live_phrases():
        if (rank := _match_rank(phrase, typed)) is not None:
            offer(phrase, phrase, f"{jobs:,} job{'s' if jobs != 1 else ''}", rank, jobs)
    ordered = sorted(scored.values(), key=lambda entry: entry[:3])
    return [entry[3] for entry in ordered[:limit]]


def where_suggestions(text: str, limit: int = TYPEAHEAD_LIMIT) -> list[Suggestion]:
    from jobs.gazetteer import place_suggestions

    typed = " ".join(text.split())
    if len(typed) < TYPEAHEAD_MIN_CHARS:
        return []
    return [
        Suggestion(place.zip_code if by_zip else place.label, label, hint)
        for place, label, hint, by_zip in place_suggestions(typed, limit)
    ]
