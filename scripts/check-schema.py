#!/usr/bin/env python3
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
"""Check authprofile profile files against the published JSON Schema.

Usage: scripts/check-schema.py FILE...

Loads schemas/authprofile.v1.schema.json (relative to this script's repository), reads each file (``.json``
with the json module, anything else with PyYAML's ``safe_load``) and validates it with the Draft 2020-12
validator, format checking off. Prints one line per file, in the order given:

    VALID path
    INVALID path: message

and exits 0 whatever the outcome (2 on a usage error or an unreadable schema). The message is the most
relevant error (``jsonschema.exceptions.best_match``), prefixed with the JSON path of the offending value.

This is how editors and generic tools see the format; `authprofile validate` is the authority. The schema
cannot express every rule (references, cycles, production policy), and PyYAML types scalars by YAML 1.1
rules (`yes` is a boolean, `12345` a number) where authprofile types them by field, so quote such values.
Needs python3 with the `jsonschema` and `PyYAML` packages.
"""

import json
import pathlib
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:  # pragma: no cover - depends on the environment
    print(f"error: {error}; install the 'jsonschema' and 'PyYAML' packages", file=sys.stderr)
    sys.exit(2)

SCHEMA_PATH = pathlib.Path(__file__).resolve().parent.parent / "schemas" / "authprofile.v1.schema.json"


def load_document(path):
    """Returns the document in the file at `path`: JSON for `.json`, YAML (safe_load) otherwise."""
    with open(path, "rb") as handle:
        data = handle.read()
    if path.lower().endswith(".json"):
        return json.loads(data.decode("utf-8-sig"))
    return yaml.safe_load(data)


def json_path(error):
    """`$.profiles.app.credential`, the place of an error in the instance."""
    text = "$"
    for part in error.absolute_path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def first_line(text):
    return " ".join(str(text).split())


def check(validator, path):
    """One output line for one file."""
    try:
        document = load_document(path)
    except Exception as error:  # noqa: BLE001 - any load failure makes the file invalid
        return f"INVALID {path}: cannot load: {first_line(error)}"
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return f"VALID {path}"
    return f"INVALID {path}: {json_path(error)}: {first_line(error.message)}"


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2 if not arguments else 0
    try:
        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
    except Exception as error:  # noqa: BLE001
        print(f"error: cannot use the schema {SCHEMA_PATH}: {first_line(error)}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)  # no format_checker: formats are not asserted
    for path in arguments:
        print(check(validator, path), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
