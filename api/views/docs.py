"""The API's documentation page, rendered on the server from the OpenAPI description.

No script and no CDN (the Content Security Policy allows neither inline code nor other origins): the page
lists every route with its method, path, summary, parameters and the schema of its answer, and every
schema with its fields. The machine-readable description stays at /api/v1/openapi.json.
"""

from django.shortcuts import render
from django.urls import reverse

from api.v1 import api

METHODS = ("get", "post", "put", "patch", "delete")


def _type_name(schema: dict) -> str:
    """A short reading of a JSON schema: "Exchange", "list of CityRef", "string (date)", "integer or null"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type_name(option) for option in schema["anyOf"])
    if "allOf" in schema:
        return " and ".join(_type_name(option) for option in schema["allOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {_type_name(schema.get('items', {}))}"
    if "enum" in schema:
        return f"{kind}: " + " | ".join(str(value) for value in schema["enum"])
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _operations(document: dict) -> list[dict]:
    operations = []
    for path, methods in document.get("paths", {}).items():
        for method in METHODS:
            operation = methods.get(method)
            if operation is None:
                continue
            responses = []
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {}).get("application/json", {})
                schema = content.get("schema")
                responses.append(
                    {
                        "status": status,
                        "description": answer.get("description", ""),
                        "schema": _type_name(schema) if schema else "",
                    }
                )
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tags": operation.get("tags", []),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "in": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _type_name(parameter.get("schema", {})),
                            "description": parameter.get("description", "")
                            or parameter.get("schema", {}).get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": responses,
                }
            )
    return operations


def _schemas(document: dict) -> list[dict]:
    schemas = []
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [
            {
                "name": field,
                "type": _type_name(spec),
                "required": field in required,
                "description": spec.get("description", ""),
            }
            for field, spec in schema.get("properties", {}).items()
        ]
        schemas.append({"name": name, "description": schema.get("description", ""), "fields": fields})
    return schemas


def docs(request):
    document = api.get_openapi_schema(path_prefix=reverse("api:api-root").rstrip("/"))
    context = {
        "info": document.get("info", {}),
        "operations": _operations(document),
        "schemas": _schemas(document),
        "security": document.get("components", {}).get("securitySchemes", {}),
        "openapi_url": reverse("api:openapi-json"),
    }
    return render(request, "api/docs.html", context)
