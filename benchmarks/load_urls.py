"""The load benchmark's URLconf: the product's URLs plus ``bench/constant/``, a bare DRF
endpoint (no authentication, no database) that returns a constant — the floor the autosave's
throughput is compared with. Only the benchmark's server (benchmarks/load_settings.py) uses it."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import urlpatterns as product_urlpatterns


class ConstantView(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


urlpatterns = [path("bench/constant/", ConstantView.as_view()), *product_urlpatterns]
