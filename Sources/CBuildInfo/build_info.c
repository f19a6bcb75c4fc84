// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

// Swift has no way to take a string from the build command line (`-D` defines only conditions), so the commit a
// release binary is built from enters here, from a header that scripts/build-release.sh writes into its scratch
// folder and puts on the include path (`-Xcc -I <scratch>/build-info`). A header rather than a `-Xcc -D…` define:
// flags reach every C target, so a define that changes with each commit would rebuild all of BoringSSL, while the
// include path stays the same and a changed header rebuilds this file only. Other builds have no such header.
#include "CBuildInfo.h"

#if __has_include("generated_commit.h")
#include "generated_commit.h"
#endif

#ifndef AUTHPROFILE_COMMIT
#define AUTHPROFILE_COMMIT ""
#endif

const char *authprofile_build_commit(void) { return AUTHPROFILE_COMMIT; }
