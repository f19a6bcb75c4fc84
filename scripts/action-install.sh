#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Step 1 of action.yml: installs authprofile into $RUNNER_TEMP and puts it on the job's PATH.
# AUTHPROFILE_VERSION set: downloads authprofile-<version>-linux-<arch>.tar.gz and its .sha256 from
# AUTHPROFILE_RELEASE_URL/v<version>/ (https or file://) and installs it after checking the checksum.
# Empty: builds the release archive from the action's own source (AUTHPROFILE_ACTION_PATH).
set -euo pipefail
action=${AUTHPROFILE_ACTION_PATH:?}
prefix="${RUNNER_TEMP:?}/authprofile"
version=${AUTHPROFILE_VERSION:-}
if [ -n "$version" ]; then
    case "$version" in
    v*) version=${version#v} ;;
    esac
    [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || {
        echo "::error title=authprofile::version '$version' is not a version such as 0.1.0"
        exit 1
    }
    name="authprofile-$version-linux-$(uname -m).tar.gz"
    url="${AUTHPROFILE_RELEASE_URL:?}/v$version/$name"
    download=$(mktemp -d)
    curl --fail --silent --show-error --location --proto '=https,file' --retry 3 -o "$download/$name" "$url"
    curl --fail --silent --show-error --location --proto '=https,file' --retry 3 -o "$download/$name.sha256" \
        "$url.sha256"
    bash "$action/scripts/install.sh" --prefix "$prefix" "$download/$name"
    rm -rf "$download"
else
    archive=$(bash "$action/scripts/build-release.sh" | tail -n 1)
    bash "$action/scripts/install.sh" --prefix "$prefix" "$action/$archive"
fi
echo "$prefix/bin" >>"${GITHUB_PATH:?}"
echo "binary=$prefix/bin/authprofile" >>"${GITHUB_OUTPUT:?}"
