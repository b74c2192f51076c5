"""The read-only JSON API, /api/v1/ (issue 18), built on django-ninja.

django-ninja writes the OpenAPI 3 description from the routes' type hints and fits the portal's
function views; Django REST framework with drf-spectacular would bring serializers, viewsets and a
second settings system for a read-only API of a dozen routes.
"""

from api.v1.routes import api

__all__ = ["api"]
