"""An RSS generator that cannot be broken by a control character in the data.

Django's XML writer refuses control characters (UnserializableContentError, a 500 for every
reader of the feed); this one strips them from every text it is given.
"""

from django.utils.feedgenerator import Rss201rev2Feed

from infra.text import strip_control_characters


def _xml_safe(value):
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    return value


class XMLSafeRssFeed(Rss201rev2Feed):
    def __init__(self, *args, **kwargs):
        super().__init__(
            *(_xml_safe(arg) for arg in args),
            **{name: _xml_safe(value) for name, value in kwargs.items()},
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *(_xml_safe(arg) for arg in args),
            **{name: _xml_safe(value) for name, value in kwargs.items()},
        )
