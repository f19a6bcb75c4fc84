// Swift has no way to take a string from the build command line (`-D` defines only conditions); C does, so the
// commit a release binary is built from enters here. See scripts/build-release.sh.
#include "CBuildInfo.h"

#ifndef AUTHPROFILE_COMMIT
#define AUTHPROFILE_COMMIT ""
#endif

const char *authprofile_build_commit(void) { return AUTHPROFILE_COMMIT; }
