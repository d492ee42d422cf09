"""The site's URLs plus /bench/ceiling/: the fastest page Django can serve here (one indexed
query of 20 rows through a template), the yardstick every measured page is compared with."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from jobs.models import Job

CEILING_TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>ceiling</title><ol>{% for job in jobs %}"
    "<li><a href='/jobs/{{ job.pk }}/'>{{ job.title }}</a> {{ job.city }}</li>{% endfor %}</ol>"
)


def ceiling(request):
    jobs = Job.objects.order_by("-pk").only("pk", "title", "city")[:20]
    return HttpResponse(CEILING_TEMPLATE.render({"jobs": jobs}))


urlpatterns = [path("bench/ceiling/", ceiling), *site_urlpatterns]
