#!/usr/bin/env python3
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
"""Writes docs/diagnostics.md from the diagnostic catalog, the invalid fixtures and their text goldens.

Run after changing a code, a fixture or a message: python3 scripts/generate-diagnostics-doc.py
"""
import os
import re

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
catalog = open(os.path.join(root, "Sources/AuthProfiles/Diagnostics/DiagnosticCode.swift")).read()
entries = re.findall(
    r'static let (\w+) = Self\(\s*"(AP\d+)", "([\w-]+)", \.(\w+),\s*"((?:[^"\\]|\\.)*)"\)', catalog)
sections = re.findall(r"// MARK: (.+)", catalog)
fixtures = os.path.join(root, "Tests/AuthProfileCLITests/Fixtures")

out = ["# Diagnostics", "",
       "`authprofile validate` reports every problem in a file at once. Each diagnostic has a stable code",
       "(`AP` and three digits) that never changes meaning, a severity, a location (`file:line:column`, columns",
       "in Unicode scalars) and usually a hint. Errors make a file unusable; warnings fail only with `--strict`.",
       "",
       "Exit status of `validate`: `0` clean (warnings allowed unless `--strict`), `1` errors (or warnings",
       "with `--strict`), `2` usage error or input that could not be read (`AP100`, no profile files found).",
       "",
       "Output formats (`--format`): `text` (compiler style, shown below), `json` (versioned report, `version: 1`),",
       "`github` (workflow annotations), `sarif` (SARIF 2.1.0 for code scanning). No format ever prints a",
       "secret. A value in a secret's place (`clientSecret`, `password`, `assertion`, … and whatever is written",
       "inside them: an `env` name, a `default`, a list) is named by its field, never quoted, and shows as",
       "`[redacted]` in the source line; so does a value under an unknown key that names a secret (`ClientSecret`,",
       "`client_secret`, `clientScret`). Anything that looks like a credential (a JWT, an Entra client secret, a",
       "URL with `user:password@`, `AccountKey=…`, a long random token) is redacted wherever it appears, and quoted",
       "values are cut after 64 characters with control characters escaped. A source line longer than 1,000 bytes",
       "(a minified JSON file is one line) is shown as a window of 120 columns around the diagnostic's column, cut",
       "with `…`; a token cut by the window's reach is masked whole.",
       "",
       "Related places follow a diagnostic as compiler notes (`file:line:column: note: first defined here`, with",
       "their source line); the JSON report lists them under `related`, SARIF under `relatedLocations`. SARIF",
       "rules carry `helpUri`, the rule's section of this page (`DiagnosticCode.documentationBaseURL` names where it",
       "is published), and `artifactLocation.uri` is the path percent-encoded as an RFC 3986 URI reference.",
       "",
       "A file whose name ends in `.json` is read as strict JSON (RFC 8259), as jq and Python read it: a comment, a",
       "trailing comma, a single-quoted string or a bare key is `AP114`, with its line and column. Every other",
       "file, standard input included, is YAML, of which valid JSON is a subset.",
       "",
       "Every code below has a fixture in `Tests/AuthProfileCLITests/Fixtures/invalid/` and golden output for",
       "every format in `Fixtures/golden/`; this page is generated from them by",
       "`scripts/generate-diagnostics-doc.py`.", ""]
out.append("| code | name | severity | rule |")
out.append("|---|---|---|---|")
for _, code, name, severity, summary in entries:
    out.append(f"| [{code}](#{code.lower()}-{name}) | `{name}` | {severity} | {summary.replace('|', '/')} |")
out.append("")
section_starts = {"AP1": sections[0], "AP2": sections[1], "AP3": sections[2], "AP4": sections[3], "AP5": sections[4]}
current = None
for _, code, name, severity, summary in entries:
    group = code[:3]
    if group != current:
        current = group
        out += [f"## {section_starts[group]}", ""]
    out += [f"### {code} {name}", "", f"Severity: **{severity}**. {summary}", ""]
    fixture = next((f for f in sorted(os.listdir(os.path.join(fixtures, "invalid"))) if f.startswith(code)), None)
    if fixture is None:
        out += ["Reported when a path given to `validate` (or found in a directory) does not exist, is not a regular",
                "file (a directory, a FIFO, a device, a socket: the message says which; nothing is opened that could",
                "block), cannot be opened, or when a directory to search cannot be read. `validate` then exits with",
                "status 2.", ""]
        continue
    raw = open(os.path.join(fixtures, "invalid", fixture), "rb").read()
    try:
        text = raw.decode("utf-8")
        if "\x00" in text:
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "nul")
        out += ["```yaml", text.rstrip("\n"), "```", ""]
    except UnicodeDecodeError:
        out += [f"The fixture `{fixture}` holds bytes that are not UTF-8 text: `{raw!r}`", ""]
    golden = os.path.join(fixtures, "golden", fixture.rsplit(".", 1)[0] + ".text")
    if os.path.exists(golden):
        transcript = open(golden).read()
        stdout = transcript.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0]
        out += ["```text", stdout.rstrip("\n"), "```", ""]
open(os.path.join(root, "docs/diagnostics.md"), "w").write("\n".join(out))
print(f"wrote docs/diagnostics.md with {len(entries)} codes")
