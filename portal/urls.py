from django.urls import path

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("editor/images/", views.editor_image_upload, name="editor_image_upload"),
    path("editor/images/<str:name>", views.editor_image, name="editor_image"),
]
