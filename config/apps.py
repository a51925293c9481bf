"""Third-party apps under Indonesian names in the admin (their own verbose names are English)."""

from axes.apps import AppConfig as AxesAppConfig
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "Keamanan login"


class TugasConfig(TasksAppConfig):
    verbose_name = "Tugas latar belakang"
