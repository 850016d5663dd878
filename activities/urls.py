from django.urls import path

from activities import views

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_create, name="activity_create"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/hold/", views.activity_hold, name="activity_hold"),
    path("<int:pk>/cancel/", views.activity_cancel, name="activity_cancel"),
    path("<int:pk>/attendance/", views.activity_attendance, name="activity_attendance"),
    path("<int:pk>/photos/", views.activity_photos, name="activity_photos"),
    path("photos/<int:pk>/", views.activity_photo, name="activity_photo"),
    path("photos/<int:pk>/thumbnail/", views.activity_photo_thumbnail, name="activity_photo_thumbnail"),
    path("photos/<int:pk>/delete/", views.activity_photo_delete, name="activity_photo_delete"),
    path("check-in/<str:token>/", views.activity_checkin, name="activity_checkin"),
    path("calendar/", views.activity_calendar, name="activity_calendar"),
    path("calendar/feed/renew/", views.activity_feed_renew, name="activity_feed_renew"),
    path("calendar/feed/<str:token>.ics", views.activity_feed, name="activity_feed"),
]
