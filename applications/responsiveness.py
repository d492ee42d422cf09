"""Company responsiveness under the No-Ghosting Policy: the figures shown on company pages, job
pages, the Company List and search results, and whether a company is on notice.

Precomputed into employers.Company's columns by one set-based `UPDATE ... FROM (aggregate)`, run
by a beat task, so that listing pages read them from the select_related company.

Definitions (the README's "No-Ghosting" section says the same for people):

- An application *matures* when it was answered before its deadline (at `first_response_at`) or
  when its deadline passes (at `respond_by`), whichever comes first: LEAST(first_response_at,
  respond_by). A window ("the last 90 days") holds the applications that matured in it.
- An application withdrawn by the candidate before its deadline, unanswered, owed nothing and
  is left out.
- *On time*: the first response came at or before `respond_by`. A late answer counts as late; a
  "position closed" answer (the job closed or expired) counts as the employer's answer, on time
  when it came before the deadline.
- *On-time rate*: on-time / matured, a whole percentage rounded down (so "below 80%" reads the
  same on the page and in the rule). *Median time to first response*: over the window's answered
  applications, from submission to the first response, in whole hours.
- Shown once at least RESPONSIVENESS_MIN_MATURED (5) applications matured in the 90 days.
- *On notice*: at least 5 matured in the last 30 days, a 30-day on-time rate below
  NO_GHOSTING_MIN_RATE, and at least one overdue application (unanswered, still open, past its
  deadline). It is off notice as soon as either the rate recovers or no application is overdue,
  at the next refresh (every few minutes, or at once through `refresh_company_task`).
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from applications.models import Stage
from applications.no_ghosting import AWAITING_STAGES
from employers.models import RESPONSIVENESS_MIN_MATURED, Company
from employers.selectors import team_recipients_by_company
from notifications.services import build_notifications, queue_notifications

ON_NOTICE_KIND = "no_ghosting.on_notice"

_SQL = """
UPDATE employers_company AS co SET
    matured_applications_90d = agg.matured_90,
    response_rate_90d = CASE WHEN agg.matured_90 > 0
        THEN FLOOR(100.0 * agg.on_time_90 / agg.matured_90)::int END,
    median_response_hours_90d = ROUND(agg.median_hours)::int,
    matured_applications_30d = agg.matured_30,
    on_time_rate_30d = CASE WHEN agg.matured_30 > 0
        THEN FLOOR(100.0 * agg.on_time_30 / agg.matured_30)::int END,
    overdue_applications = agg.overdue,
    on_notice_since = CASE
        WHEN agg.matured_30 >= %(min_matured)s
             AND 100 * agg.on_time_30 < %(min_rate)s * agg.matured_30
             AND agg.overdue > 0
        THEN COALESCE(co.on_notice_since, %(now)s)
    END,
    rating_count = agg.ratings,
    rating_speed_avg = ROUND(agg.speed, 2),
    rating_communication_avg = ROUND(agg.communication, 2),
    responsiveness_updated_at = %(now)s
FROM (
    SELECT c.id,
           c.on_notice_since AS was_on_notice_since,
           COALESCE(f.matured_90, 0) AS matured_90,
           COALESCE(f.on_time_90, 0) AS on_time_90,
           f.median_hours,
           COALESCE(f.matured_30, 0) AS matured_30,
           COALESCE(f.on_time_30, 0) AS on_time_30,
           COALESCE(o.overdue, 0) AS overdue,
           COALESCE(r.ratings, 0) AS ratings,
           r.speed,
           r.communication
    FROM employers_company c
    LEFT JOIN (
        SELECT a.company_id,
               COUNT(*) FILTER (WHERE m.at > %(since_90)s) AS matured_90,
               COUNT(*) FILTER (WHERE m.at > %(since_90)s AND m.on_time) AS on_time_90,
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY EXTRACT(EPOCH FROM a.first_response_at - a.submitted_at) / 3600.0
               ) FILTER (WHERE m.at > %(since_90)s AND a.first_response_at IS NOT NULL)
                   AS median_hours,
               COUNT(*) FILTER (WHERE m.at > %(since_30)s) AS matured_30,
               COUNT(*) FILTER (WHERE m.at > %(since_30)s AND m.on_time) AS on_time_30
        FROM applications_application a
        CROSS JOIN LATERAL (
            SELECT LEAST(a.first_response_at, a.respond_by) AS at,
                   COALESCE(a.first_response_at <= a.respond_by, false) AS on_time
        ) m
        -- LEAST(...) > since implies respond_by > since: the (company, respond_by) index.
        WHERE a.respond_by > %(since_90)s
          AND m.at <= %(now)s
          AND NOT (a.stage = %(withdrawn)s AND a.first_response_at IS NULL
                   AND COALESCE(a.closed_at, a.updated_at) < a.respond_by)
        GROUP BY a.company_id
    ) f ON f.company_id = c.id
    LEFT JOIN (
        SELECT company_id, COUNT(*) AS overdue
        FROM applications_application
        WHERE first_response_at IS NULL AND stage = ANY(%(awaiting)s)
          AND respond_by <= %(now)s
        GROUP BY company_id
    ) o ON o.company_id = c.id
    LEFT JOIN (
        SELECT company_id, COUNT(*) AS ratings, AVG(speed) AS speed,
               AVG(communication) AS communication
        FROM applications_processrating
        GROUP BY company_id
    ) r ON r.company_id = c.id
    WHERE %(all)s OR c.id = ANY(%(ids)s)
) AS agg
WHERE co.id = agg.id
RETURNING co.id, agg.was_on_notice_since, co.on_notice_since
"""


def companies_refresh_responsiveness(*, company_ids=None) -> int:
    """Recompute every company's (or only `company_ids`') responsiveness columns and on-notice
    state in one UPDATE, and tell each team that just went on notice why (once per notice).
    Returns the number of companies updated."""
    now = timezone.now()
    params = {
        "now": now,
        "since_90": now - timedelta(days=90),
        "since_30": now - timedelta(days=30),
        "min_matured": RESPONSIVENESS_MIN_MATURED,
        "min_rate": settings.NO_GHOSTING_MIN_RATE,
        "withdrawn": Stage.WITHDRAWN.value,
        "awaiting": [stage.value for stage in AWAITING_STAGES],
        "all": company_ids is None,
        "ids": list(company_ids or []),
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_SQL, params)
        rows = cursor.fetchall()
        went_on_notice = {pk: since for pk, was, since in rows if since is not None and was is None}
        if went_on_notice:
            _email_on_notice(went_on_notice)
    return len(rows)


def _email_on_notice(since_by_company: dict) -> int:
    companies = Company.objects.filter(pk__in=since_by_company)
    teams = team_recipients_by_company(list(since_by_company))
    rows = []
    for company in companies:
        since = since_by_company[company.pk]
        rows += build_notifications(
            to=teams[company.pk],
            kind=ON_NOTICE_KIND,
            key=f"{ON_NOTICE_KIND}:company:{company.pk}:since:{since.isoformat()}",
            template="applications/email/on_notice",
            context={
                "company": company,
                "min_rate": settings.NO_GHOSTING_MIN_RATE,
                "applicants_url": settings.SITE_URL + reverse("applications_dashboard:inbox"),
                "policy_url": settings.SITE_URL + reverse("pages:no_ghosting"),
            },
            about=company,
        )
    return queue_notifications(rows)
