#!/usr/bin/env python3
"""Extracts the request-body schemas the tests validate against from OpenCode's OpenAPI document.

Usage: python3 extract_slice.py ../../../../../../shared/research/opencode/openapi-1.18.33.json > requests-1.18.33.json
(from the worktree: python3 protocol-opencode/src/test/resources/openapi/extract_slice.py
 /work/shared/research/opencode/openapi-1.18.33.json > protocol-opencode/src/test/resources/openapi/requests-1.18.33.json)

Output: {"source", "requests": {operationId: schema}, "components": {"schemas": {...}}} with every component the
request schemas reference (transitively), unchanged, so "#/components/schemas/X" references still resolve.
"""
import json
import sys

OPERATIONS = [
    ("/session/{sessionID}/message", "post"),
    ("/session/{sessionID}/prompt_async", "post"),
    ("/session", "post"),
    ("/permission/{requestID}/reply", "post"),
    ("/session/{sessionID}/permissions/{permissionID}", "post"),
]

doc = json.load(open(sys.argv[1]))
schemas = doc["components"]["schemas"]
requests, needed = {}, {}


def collect(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            if name not in needed:
                needed[name] = schemas[name]
                collect(schemas[name])
        for value in node.values():
            collect(value)
    elif isinstance(node, list):
        for value in node:
            collect(value)


for path, method in OPERATIONS:
    op = doc["paths"][path][method]
    schema = op["requestBody"]["content"]["application/json"]["schema"]
    requests[op["operationId"]] = schema
    collect(schema)

json.dump({
    "source": "opencode 1.18.33 GET /doc (openapi-1.18.33.json), request bodies of " + ", ".join(requests),
    "requests": requests,
    "components": {"schemas": dict(sorted(needed.items()))},
}, sys.stdout, indent=1)
print()
