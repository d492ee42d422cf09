"""JSON-LD for the article page: Article, FAQPage and BreadcrumbList.

Served in <script type="application/ld+json">, which browsers never execute (so the strict CSP
allows it); <, > and & are escaped so no text can close the element."""

import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_script_content(data) -> SafeString:
    # Safe: _ESCAPES turns every <, > and & into \u escapes, so no text can close the element.
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308  # nosec B308 B703


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


def article_graph(article, *, faqs, blog_url: str) -> list[dict]:
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title[:110],
        "description": article.meta_description,
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.canonical_url or url},
        "url": url,
        "publisher": {
            "@type": "Organization",
            "name": "healthcareers",
            "url": settings.SITE_URL + "/",
        },
    }
    if article.publish_at:
        data["datePublished"] = article.publish_at.isoformat()
        data["dateModified"] = max(article.updated_at, article.publish_at).isoformat()
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author.name}
    if article.hero_image:
        data["image"] = [absolute(article.hero_image.url)]
    graph = [data]
    if faqs:
        graph.append(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": faq.question,
                        "acceptedAnswer": {"@type": "Answer", "text": faq.answer},
                    }
                    for faq in faqs
                ],
            }
        )
    graph.append(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": absolute("/")},
                {"@type": "ListItem", "position": 2, "name": "Blog", "item": absolute(blog_url)},
                {"@type": "ListItem", "position": 3, "name": article.title, "item": url},
            ],
        }
    )
    return graph
