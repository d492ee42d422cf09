"""Editors' admin: articles with their structured parts as inlines, authors, categories, tags and
comment moderation. The "Editors" group (migration 0002) holds exactly these permissions."""

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets as admin_widgets
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator

from articles.models import (
    FAQ,
    Article,
    ArticleImage,
    Author,
    CareerStage,
    Category,
    Comment,
    GuideFacts,
    PayLevel,
    ProCon,
    Tag,
)
from articles.services import (
    articles_publish_now,
    articles_unpublish,
    comments_approve,
    comments_mark_spam,
)
from articles.widgets import ArticleBodyEditor


class GuideFactsInline(admin.StackedInline):
    model = GuideFacts
    extra = 0
    max_num = 1
    verbose_name_plural = "Key facts (career guides)"
    fields = [
        ("median_pay", "median_pay_period"),
        ("median_pay_source", "median_pay_year"),
        "growth_outlook",
        "annual_openings",
        "typical_education",
    ]


class PayLevelInline(admin.TabularInline):
    model = PayLevel
    extra = 0
    fields = ["position", "level", "pay_low", "pay_high", "pay_period", "note"]
    verbose_name_plural = "Pay by experience level (career guides)"


SHORT_TEXTAREA = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}


class CareerStageInline(admin.StackedInline):
    model = CareerStage
    formfield_overrides = SHORT_TEXTAREA
    extra = 0
    fields = ["position", ("title", "years"), "work", "focus"]
    verbose_name_plural = "Career path stages (career guides)"


class ProConInline(admin.TabularInline):
    model = ProCon
    extra = 0
    fields = ["position", "kind", "text"]
    verbose_name_plural = "Pros and cons (career guides)"


class FAQInline(admin.StackedInline):
    model = FAQ
    formfield_overrides = SHORT_TEXTAREA
    extra = 0
    fields = ["position", "question", "answer"]
    verbose_name_plural = "FAQ"


class RelatedInline(admin.TabularInline):
    model = Article.related.through
    fk_name = "from_article"
    extra = 0
    autocomplete_fields = ["to_article"]
    verbose_name = "related guide or article"
    verbose_name_plural = "Related guides and articles (shown first under “Related articles”)"

    # Both sides of this through model are articles, so Django cannot infer which model's
    # permissions apply (it looks for "articles.view_article_related", which does not exist).
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article")


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    fields = ["image", "alt_text", "address"]
    readonly_fields = ["address"]
    verbose_name_plural = "Images for the body (upload, save, then paste the address)"

    @admin.display(description="Address to use in the editor")
    def address(self, obj):
        if not obj.pk or not obj.image:
            return "Shown after saving."
        return format_html('<span class="article-image-url">{}</span>', obj.image.url)


class PublishAtWidget(admin_widgets.AdminSplitDateTime):
    """Admin's date and time boxes carry only a "Date:"/"Time:" text, no label: name them
    (axe-core's "label" rule, WCAG 4.1.2)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = "Publish date"
        self.widgets[1].attrs["aria-label"] = "Publish time"


class ArticleAdminForm(forms.ModelForm):
    canonical_url = forms.URLField(
        label="Canonical URL",
        required=False,
        assume_scheme="https",
        help_text=Article._meta.get_field("canonical_url").help_text,
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 (the fieldsets below choose what editors see)
        widgets = {
            "body": ArticleBodyEditor(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "publish_at": PublishAtWidget(),
        }


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "kind", "state", "publish_at", "author", "preview"]
    list_filter = ["kind", "status", "categories"]
    search_fields = ["title", "summary", "slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "categories", "tags", "job_template"]
    readonly_fields = ["reading_minutes", "created_at", "updated_at"]
    actions = ["publish_now", "unpublish"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body"]}),
        ("Hero image", {"fields": ["hero_image", "hero_image_alt"]}),
        (
            "Publishing",
            {
                "fields": ["status", "publish_at", "author", "reading_minutes", "updated_at"],
                "description": (
                    "Draft: only editors see it (use “View on site” to preview). Scheduled or "
                    "Published with a future time: it appears by itself at that time."
                ),
            },
        ),
        ("Topics", {"fields": ["categories", "tags", "profession", "job_template"]}),
        (
            "Search engines",
            {"fields": ["seo_title", "seo_description", "canonical_url"], "classes": ["collapse"]},
        ),
    ]
    inlines = [
        GuideFactsInline,
        PayLevelInline,
        CareerStageInline,
        ProConInline,
        FAQInline,
        RelatedInline,
        ArticleImageInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_reading_minutes()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).first()
        if author:
            initial.setdefault("author", author.pk)
        return initial

    @admin.display(description="State")
    def state(self, obj):
        if obj.state_label == "Scheduled":
            local = timezone.localtime(obj.publish_at)
            return f"Scheduled for {local:%b %d, %Y %H:%M}"
        return obj.state_label

    @admin.display(description="Preview")
    def preview(self, obj):
        return format_html('<a href="{}">View</a>', obj.get_absolute_url())

    @admin.action(description="Publish the selected articles now", permissions=["change"])
    def publish_now(self, request, queryset):
        count = articles_publish_now(articles=queryset)
        self.message_user(request, f"{count} article(s) published.")

    @admin.action(description="Move the selected articles back to draft", permissions=["change"])
    def unpublish(self, request, queryset):
        count = articles_unpublish(articles=queryset)
        self.message_user(request, f"{count} article(s) moved back to draft.")


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "job_title", "bio", "photo", "user"]
    raw_id_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        # Linking an account needs the user list, which only administrators may see.
        return [] if request.user.is_superuser else ["user"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


COMMENT_EXCERPT_CHARS = 70
ARTICLE_TITLE_CHARS = 40


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # Five short columns, so the list fits beside admin's sidebar and filters at 1280 px: long
    # comments and article titles are cut, replies and editors' comments are marked in place.
    list_display = ["excerpt", "author", "on_article", "status", "created"]
    list_filter = ["status", "by_editor"]
    search_fields = ["body", "name", "email", "article__title"]
    list_select_related = ["article"]
    actions = ["approve", "mark_spam"]
    fields = [
        "article",
        "parent",
        "name",
        "email",
        "user",
        "body",
        "status",
        "by_editor",
        "ip_address",
        "created_at",
        "moderated_at",
    ]
    readonly_fields = [
        "article",
        "parent",
        "name",
        "email",
        "user",
        "by_editor",
        "ip_address",
        "created_at",
        "moderated_at",
    ]

    def has_add_permission(self, request):
        # Editors reply on the article page, where their replies are labelled.
        return False

    @admin.display(description="Comment")
    def excerpt(self, obj):
        text = Truncator(" ".join(obj.body.split())).chars(COMMENT_EXCERPT_CHARS)
        return f"Reply: {text}" if obj.parent_id else text

    @admin.display(description="Name", ordering="name")
    def author(self, obj):
        return f"{obj.name} (editor)" if obj.by_editor else obj.name

    @admin.display(description="Article", ordering="article__title")
    def on_article(self, obj):
        return Truncator(obj.article.title).chars(ARTICLE_TITLE_CHARS)

    @admin.display(description="Written", ordering="created_at")
    def created(self, obj):
        return date_format(timezone.localtime(obj.created_at), "M j, Y")

    @admin.action(description="Approve the selected comments", permissions=["change"])
    def approve(self, request, queryset):
        count = comments_approve(comments=queryset)
        self.message_user(request, f"{count} comment(s) approved.")

    @admin.action(description="Mark the selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        count = comments_mark_spam(comments=queryset)
        self.message_user(request, f"{count} comment(s) marked as spam.")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)
