from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(role):
    """Signed-in users of `role` only: guests go to sign in, the other role gets a 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.role != role:
                raise PermissionDenied(f"This page is for {role} accounts.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
