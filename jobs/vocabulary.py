"""The field's vocabulary applied to a search: "CNA", "rad tech", "ultrasound" and "therapy"
find the jobs that say "certified nursing assistant", "radiologic technologist", "sonographer"
and "therapist".

The terms live in a table staff edit (jobs.VocabularyTerm, seeded by a migration). Expansion is
query-side, so the stored search vectors and Postgres's stock `english` configuration are left
alone (managed Postgres needs no custom dictionary files): the searcher's text, in websearch
syntax, becomes a tsquery in which each known term is ORed with its expansions, every phrase as
a phrase query (`<->`). Ambiguous abbreviations expand to every meaning ("RT" is respiratory
therapist or radiologic technologist).

Parsing follows websearch_to_tsquery: words are ANDed, "quoted text" is an exact phrase, `-word`
excludes, `or` between two words is an OR. One exception for the field: "OR" at the start or the
end of a query is the operating room ("OR nurse").

The table is read once into the cache and dropped from it whenever staff change a term
(signals, in jobs.apps), so the next search uses the change.
"""

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.expressions import RawSQL

from jobs.choices import Profession
from jobs.models import VocabularyTerm

CACHE_KEY = "jobs:vocabulary:v1"
CACHE_SECONDS = 24 * 60 * 60
LONGEST_TERM_WORDS = 4
MAX_QUERY_WORDS = 16
# A token keeps inner punctuation that belongs to the field's words: x-ray, pa-c, l&d, ob/gyn.
_EDGE_PUNCTUATION = ".,;:!?()[]{}<>'\"*+=|~`^"
_TOKEN_RE = re.compile(r'-?"[^"]*"?|\S+')


def normalize(text: str) -> str:
    """How a term is looked up: lower case, single spaces, no punctuation at the edges."""
    words = (w.strip(_EDGE_PUNCTUATION) for w in text.lower().split())
    return " ".join(w for w in words if w)


@dataclass(frozen=True)
class Meaning:
    alternatives: tuple[str, ...]  # the phrases that mean the same, the term itself first
    professions: tuple[str, ...] = ()


def build_vocabulary(rows) -> dict[str, Meaning]:
    """{term: Meaning} from (term, kind, expansions, professions) rows. Synonyms and word forms
    also map each expansion back to the term (and the term's other expansions)."""
    alternatives: dict[str, list[str]] = {}
    professions: dict[str, set[str]] = {}

    def add(term, others, jobs=()):
        listed = alternatives.setdefault(term, [term])
        for other in others:
            if other not in listed:
                listed.append(other)
        professions.setdefault(term, set()).update(jobs)

    for term, kind, expansions, jobs in rows:
        term = normalize(term)
        expansions = [e for e in (normalize(x) for x in expansions) if e and e != term]
        if not term:
            continue
        add(term, expansions, jobs)
        if kind != VocabularyTerm.Kind.ABBREVIATION:
            group = [term, *expansions]
            for expansion in expansions:
                add(expansion, [g for g in group if g != expansion], jobs)
    return {
        term: Meaning(tuple(alts), tuple(sorted(professions.get(term, ()))))
        for term, alts in alternatives.items()
    }


def with_professions(known: dict[str, Meaning]) -> dict[str, Meaning]:
    """Each profession's own name ("pharmacist", "radiation therapist") names that profession,
    whether or not the table has it."""
    known = dict(known)
    for value, label in Profession.choices:
        name = normalize(label)
        meaning = known.get(name, Meaning((name,)))
        if value not in meaning.professions:
            professions = tuple(sorted({*meaning.professions, value}))
            known[name] = Meaning(meaning.alternatives, professions)
    return known


def vocabulary() -> dict[str, Meaning]:
    """The active terms, from the cache (filled from the table on a miss)."""
    known = cache.get(CACHE_KEY)
    if known is None:
        rows = VocabularyTerm.objects.filter(is_active=True).values_list(
            "term", "kind", "expansions", "professions"
        )
        known = with_professions(build_vocabulary(rows))
        cache.set(CACHE_KEY, known, CACHE_SECONDS)
    return known


def vocabulary_changed(**_kwargs) -> None:
    """Signal receiver (jobs.apps): staff changed a term, so the next search reads the table."""
    cache.delete(CACHE_KEY)


# Parsing ----------------------------------------------------------------------------------


@dataclass
class Clause:
    """Words ANDed together; one clause per side of an OR."""

    words: list[str] = field(default_factory=list)  # runs of plain words, None between runs
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


def parse(text: str) -> list[Clause]:
    tokens = _TOKEN_RE.findall(text)[: MAX_QUERY_WORDS * 2]
    clauses = [Clause()]
    for index, token in enumerate(tokens):
        between = 0 < index < len(tokens) - 1
        if token.lower() == "or" and between:
            clauses.append(Clause())
            continue
        clause = clauses[-1]
        if token.startswith("-") and len(token) > 1:
            word = normalize(token[1:].strip('"'))
            if word:
                clause.excluded.append(word)
                clause.words.append(None)
        elif token.startswith('"'):
            phrase = normalize(token.strip('"'))
            if phrase:
                clause.phrases.append(phrase)
                clause.words.append(None)
        else:
            word = normalize(token)
            if word:
                clause.words.append(word)
    return [c for c in clauses if c.words or c.phrases or c.excluded]


def segment(words: list, known: dict[str, Meaning]) -> list[tuple[str, Meaning | None]]:
    """Split runs of words into the longest known terms, greedily from the left; a word that
    starts no known term stands alone. None in `words` separates runs."""
    pieces = []
    i = 0
    while i < len(words):
        if words[i] is None:
            i += 1
            continue
        for length in range(LONGEST_TERM_WORDS, 0, -1):
            run = words[i : i + length]
            if None in run or len(run) < length:
                continue
            phrase = " ".join(run)
            if phrase in known:
                pieces.append((phrase, known[phrase]))
                i += length
                break
        else:
            pieces.append((words[i], None))
            i += 1
    return pieces


# The tsquery ------------------------------------------------------------------------------

_PHRASE_SQL = "phraseto_tsquery('english', hc_unaccent(%s))"


@dataclass(frozen=True)
class ExpandedQuery:
    """The searcher's text as SQL for a tsquery, with what the vocabulary made of it."""

    sql: str
    params: tuple
    professions: tuple[str, ...]  # professions the query names (ranked first)
    expanded: bool  # whether the vocabulary changed anything

    def expression(self):
        from django.contrib.postgres.search import SearchQueryField

        # Only fixed SQL of this module; the searcher's words are bound parameters.
        return RawSQL(self.sql, self.params, output_field=SearchQueryField())  # noqa: S611  # nosec B611


def _any_of(phrases) -> tuple[str, list]:
    sql = " || ".join([_PHRASE_SQL] * len(phrases))
    return f"({sql})", list(phrases)


def expand(text: str, known: dict[str, Meaning] | None = None) -> ExpandedQuery | None:
    """The tsquery for `text`, or None when it holds no words at all."""
    known = vocabulary() if known is None else known
    clause_sqls, params, professions, expanded = [], [], set(), False
    for clause in parse(text):
        parts = []
        for phrase, meaning in segment(clause.words, known):
            alternatives = meaning.alternatives if meaning else (phrase,)
            expanded = expanded or len(alternatives) > 1
            if meaning:
                professions.update(meaning.professions)
            sql, values = _any_of(alternatives)
            parts.append(sql)
            params += values
        for phrase in clause.phrases:
            # A quoted phrase is exact, but a quoted known term still means what it means.
            meaning = known.get(phrase)
            alternatives = meaning.alternatives if meaning else (phrase,)
            sql, values = _any_of(alternatives)
            parts.append(sql)
            params += values
        for word in clause.excluded:
            parts.append(f"!!{_PHRASE_SQL}")
            params.append(word)
        if parts:
            clause_sqls.append("(" + " && ".join(parts) + ")")
    if not clause_sqls:
        return None
    return ExpandedQuery(
        "(" + " || ".join(clause_sqls) + ")", tuple(params), tuple(sorted(professions)), expanded
    )
