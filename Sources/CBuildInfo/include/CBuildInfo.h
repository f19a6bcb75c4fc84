#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The commit the binary was built from, as `scripts/build-release.sh` passes it
/// (`-Xcc -DAUTHPROFILE_COMMIT="…"`); the empty string for any other build.
const char *authprofile_build_commit(void);

#endif
