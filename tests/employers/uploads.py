"""Image files for upload tests, made with Pillow."""

import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt="PNG", size=(800, 600), color=(10, 110, 104), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format=fmt)
    return out.getvalue()


def noise_png(size=(1000, 1000)) -> bytes:
    """Random pixels do not compress: 1000 x 1000 RGB is about 3 MB as PNG."""
    out = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, format="PNG")
    return out.getvalue()


def upload(name: str, data: bytes, content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
