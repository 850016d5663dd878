import base64
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activities import calendar as calendars
from activities import queries, services
from activities.forms import ActivityFilterForm, ActivityForm, AttendanceForm, CancelForm, HoldForm, PhotoUploadForm
from activities.models import Activity, ActivityPhoto, Attendance, AttendanceChange, CalendarFeed
from activities.rules import attendance_scope
from branches.models import Organization
from branches.permissions import access_for, can, require
from portal.pagination import paginate

def _activity_for(request, pk, permission="activity.view"):
    """The activity if the user may see it (404 otherwise) and holds `permission` (403 otherwise)."""
    activity = get_object_or_404(
        queries.visible_activities(request.user)
        .select_related("organizer", "pairing", "created_by")
        .prefetch_related("participants", "pairing__parties__organization"),
        pk=pk,
    )
    require(request.user, permission, activity)
    return activity


def activity_list(request):
    form = ActivityFilterForm(request.GET or None, user=request.user)
    # Explicit: Meta.ordering does not apply to the aggregated list below.
    activities = form.filter(queries.visible_activities(request.user).order_by("-starts_at", "-pk"))
    activities = activities.select_related("organizer").annotate(
        present_count=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT), distinct=True),
        photo_count=Count("photos", distinct=True),
    )
    return render(request, "activities/activity_list.html", {
        "form": form, **paginate(request, activities),
        "may_plan": can(request.user, "activity.plan"),
    })


def _qr_data_uri(url):
    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def activity_detail(request, pk):
    activity = _activity_for(request, pk)
    expected = queries.expected_people(activity)
    records = {a.user_id: a for a in activity.attendances.select_related("user")}
    expected_ids = {user.pk for user, _orgs in expected}
    present = sum(1 for a in records.values() if a.status == Attendance.Status.PRESENT)
    may_manage = can(request.user, "activity.manage", activity)
    may_attend = can(request.user, "activity.take_attendance", activity)
    opens, closes = services.checkin_window(activity)
    now = timezone.now()
    checkin = None
    if may_attend and activity.status != Activity.Status.CANCELLED and now <= closes:
        url = request.build_absolute_uri(reverse("activity_checkin", args=[services.checkin_token(activity)]))
        checkin = {"url": url, "qr": _qr_data_uri(url), "opens": opens, "closes": closes, "open": now >= opens}
    return render(request, "activities/activity_detail.html", {
        "activity": activity,
        "photos": activity.photos.all(),
        "expected": [(user, orgs, records.get(user.pk)) for user, orgs in expected],
        "others": [a for a in records.values() if a.user_id not in expected_ids],
        "expected_count": len(expected),
        "present_count": present,
        "my_record": records.get(request.user.pk),
        "i_am_expected": request.user.pk in expected_ids,
        "may_manage": may_manage,
        "may_attend": may_attend,
        "show_names": may_manage or may_attend or access_for(request.user).oversees(activity.organizer),
        "checkin": checkin,
        "has_started": activity.starts_at <= now,
    })


@require_http_methods(["GET", "POST"])
def activity_create(request):
    require(request.user, "activity.plan")
    # Links from an organisation's or an agreement's page preselect it.
    initial = {key: value for key, value in (("organizer", request.GET.get("organization")),
                                             ("pairing", request.GET.get("pairing"))) if value and value.isdigit()}
    form = ActivityForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = services.plan_activity(created_by=request.user, **form.service_fields())
        messages.success(request, _("The activity was planned and the expected people were notified."))
        return redirect("activity_detail", pk=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = _activity_for(request, pk, "activity.manage")
    if activity.status == Activity.Status.CANCELLED:
        messages.error(request, _("A cancelled activity cannot be edited."))
        return redirect("activity_detail", pk=activity.pk)
    form = ActivityForm(request.POST or None, user=request.user, instance=activity)
    if request.method == "POST" and form.is_valid():
        services.update_activity(activity, by=request.user, **form.service_fields())
        messages.success(request, _("The activity was updated."))
        return redirect("activity_detail", pk=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@require_http_methods(["GET", "POST"])
def activity_hold(request, pk):
    activity = _activity_for(request, pk, "activity.manage")
    if activity.status == Activity.Status.CANCELLED or activity.starts_at > timezone.now():
        messages.error(request, _("Only an activity that has started and was not cancelled can be recorded as held."))
        return redirect("activity_detail", pk=activity.pk)
    form = HoldForm(request.POST or None, initial={
        "minutes": activity.minutes, "outcomes": activity.outcomes,
    })
    if request.method == "POST" and form.is_valid():
        services.record_held(activity, by=request.user, **form.cleaned_data)
        messages.success(request, _("The minutes were saved and the activity is recorded as held."))
        return redirect("activity_detail", pk=activity.pk)
    return render(request, "activities/activity_hold.html", {"form": form, "activity": activity})


@require_http_methods(["GET", "POST"])
def activity_cancel(request, pk):
    activity = _activity_for(request, pk, "activity.manage")
    if activity.status != Activity.Status.PLANNED:
        messages.error(request, _("Only a planned activity can be cancelled."))
        return redirect("activity_detail", pk=activity.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.cancel_activity(activity, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The activity was cancelled and the expected people were told why."))
        return redirect("activity_detail", pk=activity.pk)
    return render(request, "activities/activity_cancel.html", {"form": form, "activity": activity})


@require_http_methods(["GET", "POST"])
def activity_attendance(request, pk):
    activity = _activity_for(request, pk, "activity.take_attendance")
    people = attendance_scope(access_for(request.user), activity, queries.expected_people(activity))
    records = {a.user_id: a for a in activity.attendances.all()}
    form = AttendanceForm(request.POST or None, people=people, records=records)
    if request.method == "POST" and form.is_valid():
        created, corrected = services.record_attendance(activity, by=request.user, statuses=form.statuses())
        messages.success(request, _("Attendance saved: %(created)s recorded, %(corrected)s corrected.")
                         % {"created": created, "corrected": corrected})
        return redirect("activity_detail", pk=activity.pk)
    scope_ids = [user.pk for user, _orgs in people]
    changes = (AttendanceChange.objects.filter(attendance__activity=activity, attendance__user_id__in=scope_ids)
               .select_related("attendance__user", "changed_by"))
    return render(request, "activities/activity_attendance.html", {
        "form": form, "activity": activity, "changes": changes,
    })


@require_http_methods(["GET", "POST"])
def activity_photos(request, pk):
    activity = _activity_for(request, pk, "activity.manage")
    if activity.status == Activity.Status.CANCELLED:
        messages.error(request, _("Photos cannot be added to a cancelled activity."))
        return redirect("activity_detail", pk=activity.pk)
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        photos = services.add_photos(activity, by=request.user, prepared=form.cleaned_data["prepared"],
                                     caption=form.cleaned_data["caption"])
        messages.success(request, _("%(n)s photo(s) added.") % {"n": len(photos)})
        return redirect(reverse("activity_detail", args=[activity.pk]) + "#photos")
    return render(request, "activities/activity_photos.html", {"form": form, "activity": activity})


def _photo_for(request, pk):
    photo = get_object_or_404(
        ActivityPhoto.objects.select_related("activity__organizer", "activity__pairing")
        .prefetch_related("activity__participants", "activity__pairing__parties__organization"),
        pk=pk,
    )
    if not can(request.user, "activity.view", photo.activity):
        raise Http404
    return photo


def _serve(field, filename):
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404
    response = FileResponse(handle, content_type="image/jpeg", filename=filename)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def activity_photo(request, pk):
    photo = _photo_for(request, pk)
    stem = (photo.original_name.rsplit(".", 1)[0] or f"photo-{photo.pk}")
    return _serve(photo.image, f"{stem}.jpg")


def activity_photo_thumbnail(request, pk):
    photo = _photo_for(request, pk)
    return _serve(photo.thumbnail, f"thumbnail-{photo.pk}.jpg")


@require_POST
def activity_photo_delete(request, pk):
    photo = _photo_for(request, pk)
    require(request.user, "activity.manage", photo.activity)
    services.delete_photo(photo, by=request.user)
    messages.success(request, _("The photo was removed."))
    return redirect(reverse("activity_detail", args=[photo.activity_id]) + "#photos")


def activity_checkin(request, token):
    """Opened from the QR code on a phone: marks the signed-in, expected person present once."""
    activity_id = services.activity_id_from_token(token)
    activity = Activity.objects.select_related("organizer").filter(pk=activity_id).first() if activity_id else None
    if activity is None:
        return render(request, "activities/checkin.html", {
            "ok": False, "code": "invalid",
            "message": _("This check-in code is not valid. Please scan the code shown at the activity again."),
        }, status=400)
    try:
        record = services.check_in_by_qr(activity, request.user)
    except services.CheckInRefused as refused:
        status = {"not_expected": 403, "repeated": 200}.get(refused.code, 409)
        return render(request, "activities/checkin.html", {
            "ok": False, "code": refused.code, "message": refused.message, "activity": activity,
        }, status=status)
    return render(request, "activities/checkin.html", {"ok": True, "activity": activity, "record": record})


def activity_calendar(request):
    first = calendars.parse_month(request.GET.get("month"))
    start, end = calendars.grid_bounds(first)
    org = None
    org_id = request.GET.get("organization")
    if org_id and org_id.isdigit():
        org = get_object_or_404(Organization, pk=org_id)
        activities = queries.visible_activities(request.user).filter(
            Q(organizer=org) | Q(pk__in=Activity.participants.through.objects.filter(
                organization=org).values("activity_id")))
    else:
        activities = queries.my_activities(request.user)
    activities = (activities.filter(starts_at__gte=start, starts_at__lt=end)
                  .select_related("organizer").order_by("starts_at", "pk"))
    weeks = calendars.month_grid(first, activities)
    previous, following = calendars.adjacent_months(first)
    feed = None
    if org is None:
        feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    access = access_for(request.user)
    return render(request, "activities/calendar.html", {
        "first": first, "weeks": weeks, "previous": previous, "following": following, "org": org,
        "days_with_activities": [day for week in weeks for day in week if day["activities"] and day["in_month"]],
        "feed_url": request.build_absolute_uri(reverse("activity_feed", args=[feed.token])) if feed else "",
        "my_orgs": sorted(access.member_orgs, key=lambda o: o.path),
    })


@login_not_required
def activity_feed(request, token):
    """The personal .ics feed: the token is the credential, so a phone calendar can subscribe."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    since = timezone.now() - timedelta(days=366)
    activities = (queries.my_activities(feed.user).filter(starts_at__gte=since)
                  .select_related("organizer").order_by("starts_at", "pk"))
    body = calendars.ics_feed(
        activities, name=_("My Party activities"),
        detail_url=lambda a: request.build_absolute_uri(reverse("activity_detail", args=[a.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_POST
def activity_feed_renew(request):
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.renew()
    messages.success(request, _("Your calendar link was renewed; the old link no longer works."))
    return redirect("activity_calendar")
