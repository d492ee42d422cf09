from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import User


@role_required(User.Role.CANDIDATE)
def home(request):
    return render(request, "candidates/home.html")
