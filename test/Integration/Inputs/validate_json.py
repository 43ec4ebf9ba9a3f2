"""Validates JSON outputs against a JSON Schema file (python3-jsonschema).

Usage: validate_json.py SCHEMA.json OUTPUT.json...
Each output must also name the schema's version in its "schema" key. Prints
one line per file; exits 1 on the first invalid one.
"""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in sys.argv[2:]:
        with open(path) as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            e = errors[0]
            where = "/".join(str(p) for p in e.path)
            print(f"{path}: error: /{where}: {e.message}")
            sys.exit(1)
        print(f"{path}: valid {doc['schema']}")


if __name__ == "__main__":
    main()
