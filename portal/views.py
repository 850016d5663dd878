from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from activities.models import Activity
from activities.queries import my_activities
from branches.permissions import access_for, can
from materials.selectors import shown_in_public_news
from portal.richtext import EDITOR_IMAGE_DIR, store_editor_image
from portal.uploads import content_type_of

UPCOMING_ON_HOME = 5


def home(request):
    access = access_for(request.user)
    memberships = sorted(access.memberships, key=lambda m: m.organization.path)
    upcoming = (
        my_activities(request.user)
        .filter(status=Activity.Status.PLANNED, ends_at__gte=timezone.now())
        .select_related("organizer")
        .order_by("starts_at", "pk")[:UPCOMING_ON_HOME]
    )
    return render(request, "portal/home.html", {"memberships": memberships, "upcoming": upcoming})


@login_not_required
def healthz(request):
    """For the load balancer and docker-compose: the app is up and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def editor_image_upload(request):
    """The rich-text editor's image upload (CKEditor 5's simple upload adapter speaks JSON)."""
    if not can(request.user, "editor.upload_image"):
        return JsonResponse({"error": {"message": _("Your roles do not allow uploading images.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("No image was sent.")}}, status=400)
    try:
        name = store_editor_image(upload)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    return JsonResponse({"url": reverse("editor_image", args=[name])})


@login_not_required
@require_GET
def editor_image(request, name):
    """Images inside rich text, under random, unguessable names: for signed-in people, and for
    anyone when published public news shows the image (its readers need no account)."""
    path = f"{EDITOR_IMAGE_DIR}/{name}"
    if "/" in name or not default_storage.exists(path):
        raise Http404
    public = not request.user.is_authenticated
    if public and not shown_in_public_news(request.path):
        raise Http404
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type_of(name))
    patch_cache_control(response, max_age=86400, **({"public": True} if public else {"private": True}))
    return response
