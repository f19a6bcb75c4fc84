#!/usr/bin/env python3
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
"""Write the fixtures the `authprofile explain` golden tests read.

Usage: scripts/make-explain-fixtures.py [OUTPUT_DIR]

OUTPUT_DIR defaults to Tests/AuthProfileCLITests/Fixtures/explain (relative to this script's repository). Writes:

    certs/valid.pem      RSA-2048 certificate + PKCS#8 key, valid 2000-01-01T00:00:00Z .. 2099-12-31T23:59:59Z
    certs/expired.pem    certificate + matching key, valid 2000-01-01T00:00:00Z .. 2001-01-01T00:00:00Z
    certs/mismatch.pem   a certificate followed by the key of a *different* certificate
    tokens/valid.jwt     RS256 JWT (signed with valid.pem's key), exp 2099-12-31T23:59:59Z
    tokens/expired.jwt   the same claims, exp 2020-09-13T12:26:40Z
    azure/azureProfile.json  an Azure CLI profile (UTF-8 BOM, as az writes it): dev@contoso.example signed in to
                         tenant 72f988bf-86f1-41af-91ab-2d7cd011db47
    bin/az, bin/azd, bin/pwsh  executable placeholders that only `exit 1`; tests find them on PATH, never run them

Keys are generated afresh on every run, so thumbprints change: re-record the goldens after running this. None of
these files holds a real secret. Needs python3 with the `cryptography` package.
"""

import base64
import datetime
import json
import os
import stat
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
UTC = datetime.timezone.utc


def certificate(common_name, not_before, not_after, key):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )


def pem(cert, key):
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM) + key_pem


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt(claims, key):
    header = {"alg": "RS256", "typ": "JWT"}
    signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(
        json.dumps(claims, separators=(",", ":")).encode()
    )
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + b64url(signature) + "\n"


def write(root, name, data, executable=False):
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    if executable:
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "Tests", "AuthProfileCLITests", "Fixtures", "explain")
    root = sys.argv[1] if len(sys.argv) > 1 else default
    start = datetime.datetime(2000, 1, 1, tzinfo=UTC)

    valid_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    end = datetime.datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)
    valid = certificate("authprofile explain valid", start, end, valid_key)
    write(root, "certs/valid.pem", pem(valid, valid_key))

    expired_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    expired_end = datetime.datetime(2001, 1, 1, tzinfo=UTC)
    expired = certificate("authprofile explain expired", start, expired_end, expired_key)
    write(root, "certs/expired.pem", pem(expired, expired_key))

    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    mismatch_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    mismatch = certificate("authprofile explain mismatch", start, end, mismatch_key)
    write(root, "certs/mismatch.pem", pem(mismatch, other_key))

    claims = {
        "iss": "https://oidc.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/",
        "sub": "system:serviceaccount:default:workload",
        "aud": ["api://AzureADTokenExchange"],
        "iat": 946684800,
        "nbf": 946684800,
    }
    write(root, "tokens/valid.jwt", jwt({**claims, "exp": 4102444799}, valid_key))
    write(root, "tokens/expired.jwt", jwt({**claims, "exp": 1600000000}, valid_key))

    profile = {
        "installationId": "00000000-0000-0000-0000-000000000001",
        "subscriptions": [
            {
                "id": "00000000-0000-0000-0000-0000000000aa",
                "name": "Contoso Development",
                "state": "Enabled",
                "user": {"name": "dev@contoso.example", "type": "user"},
                "isDefault": True,
                "tenantId": TENANT,
                "environmentName": "AzureCloud",
                "homeTenantId": TENANT,
                "tenantDefaultDomain": "contoso.example",
                "tenantDisplayName": "Contoso",
                "managedByTenants": [],
            }
        ],
    }
    write(root, "azure/azureProfile.json", b"\xef\xbb\xbf" + json.dumps(profile, indent=2).encode("utf-8") + b"\n")

    for tool in ("az", "azd", "pwsh"):
        script = "#!/bin/sh\n# Placeholder for authprofile explain tests: found on PATH, never run.\nexit 1\n"
        write(root, "bin/" + tool, script, executable=True)


if __name__ == "__main__":
    main()
