"""The API's token endpoint, with failed logins counted by django-axes."""

from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.settings import api_settings


class TokenView(ObtainAuthToken):
    """DRF's ObtainAuthToken, answering a refused login with 400 *without raising*.

    A raised error makes DRF roll back the request's transaction (ATOMIC_REQUESTS), and with it
    django-axes's record of the failed login: passwords could be guessed through the API
    without ever being locked out.
    """

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # the bounded JSON parser

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=400)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
