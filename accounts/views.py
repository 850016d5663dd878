from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.forms import ProfileForm
from accounts.models import User


def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        messages.success(request, _("Your profile was saved."))
        response = redirect("profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language)
        return response
    memberships = request.user.memberships.select_related("organization").order_by("organization__path")
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})


@login_not_required
@require_POST
def switch_language(request):
    """The header's language switch: Django's set_language, which also becomes the profile's
    language for a signed-in person, so that reminders and emails follow the switch."""
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES) and language != request.user.language:
        User.objects.filter(pk=request.user.pk).update(language=language)
    return set_language(request)
