"""The admin's rich-text editor for article bodies.

django-prose-editor supplies the editor (ProseMirror/Tiptap, bundled in its static files). Its own
presets need an inline import map and let Tiptap inject a <style> element, both refused by our
Content-Security-Policy; our module (static/js/article-editor.js) imports the same bundle by URL
and starts it without injected CSS, so the admin keeps script-src 'self' and style-src 'self'.

Whatever the editor sends, Article.save() cleans the HTML with nh3 (articles/richtext.py).
"""

from django.forms.widgets import Media, Script
from django_prose_editor.widgets import ProseEditorWidget

EDITOR_CONFIG = {"headingLevels": [2, 3, 4]}


class ArticleBodyEditor(ProseEditorWidget):
    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config=EDITOR_CONFIG, preset="articles")

    @property
    def media(self):
        return Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/articles-admin.css",
                ]
            },
            js=[Script("js/article-editor.js", type="module")],
        )

    def get_config(self):
        return self.config
