// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#include "CKernelKeyring.h"

#include <errno.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

#define CKR_KEYCTL_SETPERM 5
#define CKR_KEYCTL_SEARCH 10
#define CKR_KEYCTL_READ 11
#define CKR_KEYCTL_INVALIDATE 21

#if defined(__linux__) && defined(SYS_add_key) && defined(SYS_keyctl)

long ckr_add_user_key(const char *description, const void *payload, unsigned long length, long keyring) {
    return syscall(SYS_add_key, "user", description, payload, length, keyring);
}

long ckr_search_user_key(long keyring, const char *description) {
    return syscall(SYS_keyctl, CKR_KEYCTL_SEARCH, keyring, "user", description, 0L);
}

long ckr_read_key(long key, void *buffer, unsigned long length) {
    return syscall(SYS_keyctl, CKR_KEYCTL_READ, key, buffer, length);
}

long ckr_set_permissions(long key, unsigned int permissions) {
    return syscall(SYS_keyctl, CKR_KEYCTL_SETPERM, key, (unsigned long)permissions);
}

long ckr_invalidate_key(long key) {
    return syscall(SYS_keyctl, CKR_KEYCTL_INVALIDATE, key);
}

#else

long ckr_add_user_key(const char *description, const void *payload, unsigned long length, long keyring) {
    (void)description; (void)payload; (void)length; (void)keyring;
    errno = ENOSYS;
    return -1;
}

long ckr_search_user_key(long keyring, const char *description) {
    (void)keyring; (void)description;
    errno = ENOSYS;
    return -1;
}

long ckr_read_key(long key, void *buffer, unsigned long length) {
    (void)key; (void)buffer; (void)length;
    errno = ENOSYS;
    return -1;
}

long ckr_set_permissions(long key, unsigned int permissions) {
    (void)key; (void)permissions;
    errno = ENOSYS;
    return -1;
}

long ckr_invalidate_key(long key) {
    (void)key;
    errno = ENOSYS;
    return -1;
}

#endif
