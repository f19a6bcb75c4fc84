// Swift has no way to take a string from the build command line (`-D` defines only conditions), so the commit a
// release binary is built from enters here, from a header that scripts/build-release.sh writes for the build and
// removes afterwards (git-ignored). A header rather than a `-Xcc -D…` define: a define is passed to every C target,
// so a new commit would rebuild all of BoringSSL; a changed header rebuilds this file only.
#include "CBuildInfo.h"

#if __has_include("generated_commit.h")
#include "generated_commit.h"
#endif

#ifndef AUTHPROFILE_COMMIT
#define AUTHPROFILE_COMMIT ""
#endif

const char *authprofile_build_commit(void) { return AUTHPROFILE_COMMIT; }
