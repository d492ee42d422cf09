"""The blog: the article list (categories, tags, search, pages), article pages and comments."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from articles.forms import BlogFilterForm, CommentForm
from articles.job_figures import latest_jobs, live_job_figures
from articles.models import Article, Category, Tag, can_preview_articles
from articles.richtext import TocEntry
from articles.services import comment_submit
from articles.structured_data import article_graph, as_script_content
from infra.client_ip import client_ip_address
from infra.rate_limits import form_over_limit

PER_PAGE = 12
RELATED_COUNT = 3
POPULAR_TAGS = 24
PENDING_MESSAGE = "Thank you! Your comment will appear once an editor has approved it."
PUBLISHED_MESSAGE = "Thank you! Your comment is published."
RATE_LIMITED_MESSAGE = (
    "You have posted several comments in a short time. Please wait a few minutes and try again."
)


def get_article_for_reader(request, slug: str) -> Article:
    """The article a slug names, if this reader may see it: the public only gets published
    articles (a draft or a future article is a 404); editors also get drafts and scheduled ones."""
    articles = Article.objects.visible_to(request.user).for_page()
    return get_object_or_404(articles, slug=slug)


@require_GET
def index(request):
    form = BlogFilterForm(request.GET)
    form.is_valid()
    params = form.cleaned_data
    articles = Article.objects.published()
    category = tag = None
    if params.get("category"):
        category = get_object_or_404(Category, slug=params["category"])
        articles = articles.filter(categories=category)
    if params.get("tag"):
        tag = get_object_or_404(Tag, slug=params["tag"])
        articles = articles.filter(tags=tag)
    if params.get("kind"):
        articles = articles.filter(kind=params["kind"])
    query = params.get("q", "").strip()
    listing = articles.for_listing()
    if query:
        listing = listing.matching(query)
    page = Paginator(listing, PER_PAGE).get_page(params.get("page") or 1)

    published = ~Q(articles__status=Article.Status.DRAFT) & Q(
        articles__publish_at__lte=timezone.now()
    )
    categories = Category.objects.annotate(article_count=Count("articles", filter=published))
    tags = (
        Tag.objects.annotate(article_count=Count("articles", filter=published))
        .filter(article_count__gt=0)
        .order_by("-article_count", "name")[:POPULAR_TAGS]
    )
    context = {
        "form": form,
        "page": page,
        "query": query,
        "category": category,
        "tag": tag,
        "kind": params.get("kind", ""),
        "kinds": Article.Kind.choices,
        "categories": [c for c in categories if c.article_count],
        "tags": tags,
        "filter_params": _params_without_page(request),
    }
    return render(request, "articles/index.html", context)


def _params_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def related_articles(article: Article) -> list[Article]:
    """The editors' picks first, then the newest articles of the same kind."""
    picks = list(article.related.published().for_listing()[:RELATED_COUNT])
    if len(picks) < RELATED_COUNT:
        more = (
            Article.objects.published()
            .filter(kind=article.kind)
            .exclude(pk__in=[article.pk, *[p.pk for p in picks]])
            .for_listing()[: RELATED_COUNT - len(picks)]
        )
        picks.extend(more)
    return picks


def page_contents(article: Article, *, faqs, figures, threads) -> list[TocEntry]:
    """The table of contents: the body's h2/h3 between the page's own sections, in page order."""
    facts = getattr(article, "facts", None)
    sections_before = [
        ("key-facts", "Key facts", facts is not None and facts.has_any),
    ]
    sections_after = [
        ("pay-by-experience", "Pay by experience level", bool(article.pay_levels.all())),
        ("career-path", "Career path", bool(article.career_stages.all())),
        ("pros-and-cons", "Pros and cons", bool(article.pros_cons.all())),
        (
            "job-description-template",
            "Job description template",
            getattr(article, "job_template", None) is not None,
        ),
        ("faq", "Frequently asked questions", bool(faqs)),
        ("jobs", "Open jobs", True),
        ("comments", "Comments", True),
    ]

    def entries(sections):
        return [TocEntry(level=2, anchor=a, text=t) for a, t, shown in sections if shown]

    return entries(sections_before) + article.toc + entries(sections_after)


def render_article(request, article: Article, *, form: CommentForm, status: int = 200):
    faqs = list(article.faqs.all())
    figures = live_job_figures(article.profession) if article.profession else None
    threads = list(article.comments.threads())
    # A reply form with errors is shown under its comment; otherwise as the main form.
    reply_to = None
    if form.is_bound and not form.errors.get("__all__"):
        wanted = str(form.data.get("parent") or "")
        reply_to = next((wanted for c in threads if str(c.pk) == wanted), None)
    for comment in threads:
        if reply_to == str(comment.pk):
            comment.reply_form = form
        else:
            comment.reply_form = CommentForm(
                article=article,
                user=request.user,
                initial={"parent": comment.pk},
                auto_id=f"id_reply{comment.pk}_%s",
            )
    main_form = form if reply_to is None else CommentForm(article=article, user=request.user)
    blog_url = reverse("articles:index")
    context = {
        "article": article,
        "facts": getattr(article, "facts", None),
        "job_template": getattr(article, "job_template", None),
        "toc": page_contents(article, faqs=faqs, figures=figures, threads=threads),
        "faqs": faqs,
        "figures": figures,
        "jobs": figures.jobs if figures else latest_jobs(),
        "related": related_articles(article),
        "threads": threads,
        "comment_count": sum(1 + len(c.approved_replies) for c in threads),
        "form": main_form,
        "reply_to": reply_to,
        "is_preview": not article.is_public,
        "can_edit": can_preview_articles(request.user),
        "json_ld": as_script_content(article_graph(article, faqs=faqs, blog_url=blog_url)),
        "canonical_url": article.canonical_url or settings.SITE_URL + article.get_absolute_url(),
    }
    return render(request, "articles/detail.html", context, status=status)


@require_GET
def detail(request, slug):
    article = get_article_for_reader(request, slug)
    return render_article(request, article, form=CommentForm(article=article, user=request.user))


@require_POST
def comment(request, slug):
    # Only published articles take comments, whoever is signed in.
    article = get_object_or_404(Article.objects.published().for_page(), slug=slug)
    form = CommentForm(request.POST, article=article, user=request.user)
    if form_over_limit(
        request,
        form,
        group="article-comment",
        rate=settings.ARTICLE_COMMENT_RATE_LIMIT,
        message=RATE_LIMITED_MESSAGE,
    ):
        return render_article(request, article, form=form, status=429)
    if not form.is_valid():
        return render_article(request, article, form=form, status=400)
    if form.is_spam:
        # Say the same as for a real guest comment: nothing tells a bot it was caught.
        messages.success(request, PENDING_MESSAGE)
        return redirect(article.get_absolute_url() + "#comments")
    new_comment = comment_submit(
        article=article,
        body=form.cleaned_data["body"],
        user=request.user,
        name=form.cleaned_data.get("name", ""),
        email=form.cleaned_data.get("email", ""),
        parent=form.cleaned_data.get("parent"),
        # Behind the proxy REMOTE_ADDR is the proxy's address: record the client's.
        ip_address=client_ip_address(request),
    )
    if new_comment.status == new_comment.Status.APPROVED:
        messages.success(request, PUBLISHED_MESSAGE)
        return redirect(f"{article.get_absolute_url()}#{new_comment.anchor}")
    messages.success(request, PENDING_MESSAGE)
    return redirect(article.get_absolute_url() + "#comments")
