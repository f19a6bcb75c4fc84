#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The commit the binary was built from, as `scripts/build-release.sh` records it (in `generated_commit.h`);
/// the empty string for any other build.
const char *authprofile_build_commit(void);

#endif
