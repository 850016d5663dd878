from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from activities.models import Activity
from activities.queries import my_activities
from branches.permissions import access_for, can
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


@require_GET
@cache_control(private=True, max_age=86400)
def editor_image(request, name):
    """Images inside rich text: for signed-in people only; the names are random and unguessable."""
    path = f"{EDITOR_IMAGE_DIR}/{name}"
    if "/" in name or not default_storage.exists(path):
        raise Http404
    return FileResponse(default_storage.open(path, "rb"), content_type=content_type_of(name))
