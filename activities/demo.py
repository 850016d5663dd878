"""Demo activities from the source article, for `manage.py seed_demo`.

Activities are found by title and organiser, so seeding twice changes nothing — except the
one that starts within the hour, whose times follow the clock so that a demo member can
always check in to it.
"""

import io
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from activities import queries
from activities.models import Activity, ActivityKind, ActivityPhoto, Attendance
from pairings.models import Pairing
from portal.richtext import sanitize_text_or_html

K = ActivityKind
HELD, PLANNED = Activity.Status.HELD, Activity.Status.PLANNED


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), timezone.get_current_timezone())


def _activity(title, organizer, *, participants=(), created_by=None, attendance=True, **fields):
    """Create the activity once; participants and attendance are topped up idempotently."""
    now = timezone.now()
    fields.setdefault("status", HELD if fields["ends_at"] < now else PLANNED)
    if "minutes" in fields:
        fields["minutes"] = sanitize_text_or_html(fields["minutes"])
    activity, _ = Activity.objects.get_or_create(
        title=title, organizer=organizer, defaults={**fields, "created_by": created_by})
    activity.participants.add(organizer, *participants)
    if attendance and activity.status == HELD and not activity.attendances.exists():
        rows = []
        for index, (user, _orgs) in enumerate(queries.expected_people(activity)):
            status = Attendance.Status.LEAVE if (index + activity.pk) % 7 == 3 else Attendance.Status.PRESENT
            rows.append(Attendance(activity=activity, user=user, status=status, recorded_by=created_by,
                                   recorded_at=activity.ends_at))
        Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    return activity


def _demo_photo(activity, caption, colour):
    """A plain picture drawn here, so that the gallery is not empty (no real photos are shipped)."""
    if activity.photos.filter(caption=caption).exists():
        return
    image = Image.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, 960, 60):
        draw.line([(step, 640), (step + 320, 0)], fill=(255, 255, 255), width=2)
    draw.rectangle([40, 520, 920, 600], fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    thumb = image.copy()
    thumb.thumbnail((480, 480))
    thumb_buffer = io.BytesIO()
    thumb.save(thumb_buffer, format="JPEG", quality=80)
    photo = ActivityPhoto(activity=activity, caption=caption, original_name=f"{caption}.jpg")
    photo.image.save(f"demo-{activity.pk}-{colour[0]}.jpg", ContentFile(buffer.getvalue()), save=False)
    photo.thumbnail.save(f"demo-{activity.pk}-{colour[0]}_thumb.jpg", ContentFile(thumb_buffer.getvalue()), save=False)
    photo.save()


def _months(today, count=12):
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def _in_the_past(when, period_start, now):
    """Move a current-period meeting that has not happened yet into the past of its period."""
    if when + timedelta(hours=2) <= now:
        return when
    earlier = now - timedelta(hours=3)
    return earlier if earlier >= period_start else when


def _three_meetings_one_lesson(branch, groups, secretary, *, skip_lesson_this_quarter=False):
    """A year of 三会一课 and theme Party days for one branch."""
    now = timezone.now()
    today = timezone.localdate()
    this_quarter = (today.year, (today.month - 1) // 3)
    for year, month in _months(today):
        month_start = _at(date(year, month, 1), 0)
        current_month = (year, month) == (today.year, today.month)
        quarter = (month - 1) // 3
        quarter_start = _at(date(year, 3 * quarter + 1, 1), 0)
        current_quarter = (year, quarter) == this_quarter

        def when(day, hour, period_start, current):
            slot = _at(date(year, month, day), hour)
            return _in_the_past(slot, period_start, now) if current else slot

        starts = when(5, 9, month_start, current_month)
        _activity(f"{year}年{month}月支部委员会会议", branch, kind=K.BRANCH_COMMITTEE, created_by=secretary,
                  starts_at=starts, ends_at=starts + timedelta(minutes=90), place="支部办公室",
                  minutes="研究本月党建重点工作和安全生产形势，部署主题党日安排。",
                  outcomes="明确本月重点工作分工。")
        for group in groups:
            starts = when(8, 15, month_start, current_month)
            _activity(f"{group.name}{year}年{month}月党小组会", group, kind=K.GROUP_MEETING, created_by=secretary,
                      starts_at=starts, ends_at=starts + timedelta(hours=1), place="党员活动室",
                      minutes="学习上级文件精神，交流岗位履职情况。")
        starts = _at(date(year, month, branch.theme_day or 15), 14, 30)
        _activity(f"{year}年{month}月主题党日", branch, kind=K.THEME_PARTY_DAY, created_by=secretary,
                  starts_at=starts, ends_at=starts + timedelta(hours=2), place="党员活动室",
                  minutes="重温入党誓词，集中学习党的创新理论，开展志愿服务。")
        if month == 3 * quarter + 1:
            starts = when(20, 9, quarter_start, current_quarter)
            _activity(f"{year}年第{quarter + 1}季度支部党员大会", branch, kind=K.PARTY_CONGRESS,
                      created_by=secretary, starts_at=starts, ends_at=starts + timedelta(hours=2),
                      place="会议室", minutes="通报支部工作，讨论党员发展和党费收缴情况。")
        if month == 3 * quarter + 2 and not (skip_lesson_this_quarter and current_quarter):
            starts = when(25, 15, quarter_start, current_quarter)
            _activity(f"{year}年第{quarter + 1}季度党课", branch, kind=K.PARTY_LESSON, created_by=secretary,
                      starts_at=starts, ends_at=starts + timedelta(minutes=90), place="会议室",
                      minutes="支部书记讲党课：以互联共建提升基层党支部组织力。")
    # Next month's theme Party day is already on the calendar.
    year, month = (today.year, today.month + 1) if today.month < 12 else (today.year + 1, 1)
    starts = _at(date(year, month, branch.theme_day or 15), 14, 30)
    _activity(f"{year}年{month}月主题党日", branch, kind=K.THEME_PARTY_DAY, created_by=secretary,
              starts_at=starts, ends_at=starts + timedelta(hours=2), place="党员活动室")


def seed(orgs, people):
    now = timezone.now()
    committee, organ, guangzhou = orgs["committee"], orgs["organ"], orgs["guangzhou"]
    externals = [orgs["ext_storage"], orgs["ext_northeast"]]
    three_party = Pairing.objects.filter(title__contains="三方").order_by("pk").first()

    day = timezone.localdate() - timedelta(days=45)
    symposium = _activity(
        "三方党建互联共建座谈会", committee, participants=externals, kind=K.SYMPOSIUM, pairing=three_party,
        created_by=people["committee_admin"], starts_at=_at(day, 9, 30), ends_at=_at(day, 11, 30),
        place="广东分公司三楼会议室",
        minutes="广东分公司党委与广东销售公司储运分公司党委、东北销售公司广州分公司党委召开座谈会。\n\n"
                "三方人员就目前的工作动态、面临的形势任务以及合作走向等内容进行了深入商讨。\n\n"
                "三方约定：面临油库资源不稳定等突发状况时，以保供油站为宗旨，灵活应变，密切业务沟通和交流。",
        outcomes="形成三方互联共建工作机制，定期互通工作动态。",
    )
    tug = _activity(
        "三方拔河友谊赛", committee, participants=externals, kind=K.CULTURE_SPORTS, pairing=three_party,
        created_by=people["committee_admin"], starts_at=_at(day, 14, 30), ends_at=_at(day, 16),
        place="广州配送中心场区", minutes="座谈会后，三方党员职工进行了拔河友谊赛，增进了彼此了解。",
    )
    if symposium.pairing is None and three_party is not None:
        Activity.objects.filter(pk__in=[symposium.pk, tug.pk]).update(pairing=three_party)
    _demo_photo(symposium, "三方座谈会现场", (170, 30, 36))
    _demo_photo(tug, "拔河友谊赛", (196, 140, 30))

    day = timezone.localdate() - timedelta(days=30)
    red = _activity(
        "南沙红色教育：联合油库甲方人员接受红色洗礼", guangzhou, kind=K.RED_EDUCATION,
        created_by=people["secretary"], starts_at=_at(day, 9), ends_at=_at(day, 16), place="广州市南沙区红色教育基地",
        minutes="依托南沙区丰富的红色资源，支部党员联合油库甲方人员一同参观学习，回忆红色峥嵘岁月。",
        outcomes="油库甲方人员一同参加，增进了甲乙双方的沟通与信任。",
    )
    _demo_photo(red, "南沙红色教育基地参观", (140, 24, 30))

    for offset, (place, partners) in enumerate([
        ("广州配送中心", [guangzhou]),
        ("东莞配送中心", [orgs["dongguan"]]),
        ("梅州配送中心", [orgs["meizhou"]]),
        ("惠州配送中心", [orgs["huizhou"]]),
    ]):
        day = timezone.localdate() - timedelta(days=80 - 20 * offset)
        _activity(
            f"“两走”工作法基层宣讲：走进{place}", organ, participants=partners, kind=K.TRAINING,
            created_by=people["organ_secretary"], starts_at=_at(day, 10), ends_at=_at(day, 12), place=place,
            minutes="机关党小组与基层结对子，到一线开展政策宣讲与业务培训，宣传一线优秀驾驶员的典型事迹。",
        )

    day = timezone.localdate() - timedelta(days=20)
    _activity(
        "我为员工群众办实事：美化场区、改善员工住宿环境", organ, participants=[guangzhou, orgs["zhanjiang"]],
        kind=K.PRACTICAL_SERVICE, created_by=people["organ_secretary"], starts_at=_at(day, 8, 30),
        ends_at=_at(day, 17), place="广州配送中心场区及员工宿舍",
        minutes="机关各部门联合各党支部践行“切实为基层办实事”，清理场区、修整绿化，改善员工宿舍环境。",
        outcomes="完成场区绿化修整和两栋员工宿舍的环境改善。",
    )

    _three_meetings_one_lesson(guangzhou, [orgs["guangzhou_g1"]], people["secretary"])
    _three_meetings_one_lesson(organ, [orgs["organ_g1"], orgs["organ_g2"]], people["organ_secretary"],
                               skip_lesson_this_quarter=True)

    # Starts within the hour, so that a demo member sees it as next and can check in by QR.
    soon, _ = Activity.objects.get_or_create(
        title="党建互联共建经验交流学习会", organizer=guangzhou,
        defaults={"kind": K.JOINT_STUDY, "starts_at": now, "ends_at": now, "created_by": people["secretary"],
                  "place": "广州配送中心党员活动室"},
    )
    soon.starts_at = now + timedelta(minutes=40)
    soon.ends_at = soon.starts_at + timedelta(hours=2)
    soon.status = PLANNED
    soon.save(update_fields=["starts_at", "ends_at", "status", "updated_at"])
    soon.participants.add(guangzhou)
    return Activity.objects.count()
