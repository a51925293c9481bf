"""The REST API (/api/v1/), its token endpoint, the OpenAPI schema and its browsable docs.

The docs page loads Swagger UI from drf-spectacular-sidecar's files, served here, because the
default CDN is not reachable from KPU networks (nor from this project's machines).
"""

from pathlib import Path

import drf_spectacular_sidecar
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from kinerja import api as kinerja_api
from laporan import api as laporan_api
from rekap import api as rekap_api
from satker import api as satker_api
from satker.token import TokenView

SIDECAR = Path(drf_spectacular_sidecar.__file__).parent / "static" / "drf_spectacular_sidecar"

router = DefaultRouter()
router.register("satker", satker_api.SatkerViewSet, basename="satker")
router.register("pejabat", satker_api.PejabatViewSet, basename="pejabat")
router.register("indikator", kinerja_api.IndikatorViewSet, basename="indikator")
router.register("perjanjian", kinerja_api.PerjanjianViewSet, basename="perjanjian")
router.register("baris-pk", kinerja_api.BarisPKViewSet, basename="baris-pk")
router.register("realisasi", kinerja_api.RealisasiViewSet, basename="realisasi")
router.register("dipa", kinerja_api.DipaViewSet, basename="dipa")
router.register("revisi-dipa", kinerja_api.RevisiDipaViewSet, basename="revisi-dipa")
router.register("baris-anggaran", kinerja_api.BarisAnggaranViewSet, basename="baris-anggaran")
router.register("output-ro", kinerja_api.OutputROViewSet, basename="output-ro")
router.register("revisi-baris", kinerja_api.RevisiBarisViewSet, basename="revisi-baris")
router.register("tautan-anggaran", kinerja_api.TautanAnggaranViewSet, basename="tautan-anggaran")
router.register("laporan", laporan_api.LaporanViewSet, basename="laporan")


class SwaggerSidecarView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a separate file (no inline script: CSP)."""

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return f"/api/docs/ui/swagger-ui-dist/{filename}"

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return "/api/docs/ui/swagger-ui-dist/favicon-32x32.png"


v1 = [
    path("token/", TokenView.as_view(), name="token"),
    path("rekap/", rekap_api.RekapView.as_view(), name="rekap"),
    path("rekap/indikator/", rekap_api.RekapIndikatorView.as_view(), name="rekap-indikator"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("v1/", include((v1, "api"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerSidecarView.as_view(url_name="schema"), name="api-docs"),
    re_path(r"^docs/ui/(?P<path>swagger-ui-dist/.+)$", serve, {"document_root": SIDECAR}),
]
