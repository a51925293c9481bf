from django.urls import path

from satker import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
]
