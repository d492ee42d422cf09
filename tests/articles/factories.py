"""Article factories, one per state the tests need."""

from datetime import timedelta

import factory
from django.utils import timezone

from articles.models import FAQ, Article, Author, Category, Comment, GuideFacts, PayLevel, Tag


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    bio = "Writes about healthcare careers."


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class DraftArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    kind = Article.Kind.BLOG_POST
    title = factory.Sequence(lambda n: f"How to read a pay range {n}")
    slug = factory.Sequence(lambda n: f"how-to-read-a-pay-range-{n}")
    summary = "What the numbers on a healthcare job posting mean."
    body = "<h2>Hourly or yearly</h2><p>Most nursing jobs pay by the hour.</p>"
    author = factory.SubFactory(AuthorFactory)
    status = Article.Status.DRAFT


class PublishedArticleFactory(DraftArticleFactory):
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class ScheduledArticleFactory(DraftArticleFactory):
    status = Article.Status.SCHEDULED
    publish_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))


class CareerGuideFactory(PublishedArticleFactory):
    kind = Article.Kind.CAREER_GUIDE
    title = factory.Sequence(lambda n: f"Medical coder career guide {n}")
    slug = factory.Sequence(lambda n: f"medical-coder-career-guide-{n}")
    profession = "medical_coder"


class GuideFactsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideFacts

    median_pay = 48780
    median_pay_source = "U.S. Bureau of Labor Statistics"
    median_pay_year = 2023
    growth_outlook = "7% from 2023 to 2033"
    annual_openings = 15000
    typical_education = "Certificate or associate degree"


class PayLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayLevel

    level = "Entry level (0–2 years)"
    pay_low = 38000
    pay_high = 46000


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ

    question = factory.Sequence(lambda n: f"Can I work from home? ({n})")
    answer = "Often, after a year or two of on-site experience."


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(PublishedArticleFactory)
    name = "Guest Reader"
    email = "reader@example.com"
    body = "Thanks, this helped."
    status = Comment.Status.APPROVED


class PendingCommentFactory(CommentFactory):
    status = Comment.Status.PENDING
