from django.urls import path

from materials import views

urlpatterns = [
    path("", views.material_list, name="material_list"),
    path("new/", views.material_create, name="material_create"),
    path("progress/", views.study_progress, name="study_progress"),
    path("<int:pk>/", views.material_detail, name="material_detail"),
    path("<int:pk>/edit/", views.material_edit, name="material_edit"),
    path("<int:pk>/studied/", views.material_studied, name="material_studied"),
    path("<int:pk>/progress/", views.material_progress, name="material_progress"),
    path("<int:pk>/attachment/", views.material_attachment, name="material_attachment"),
    path("<int:pk>/cover/", views.material_cover, name="material_cover"),
]
