// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The commit the binary was built from, as `scripts/build-release.sh` records it (in a generated `generated_commit.h`);
/// the empty string for any other build.
const char *authprofile_build_commit(void);

#endif
