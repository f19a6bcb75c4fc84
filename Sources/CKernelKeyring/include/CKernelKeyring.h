// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#ifndef CKERNELKEYRING_H
#define CKERNELKEYRING_H

// The Linux kernel key retention service's two system calls, add_key(2) and keyctl(2), with fixed argument lists.
// Swift cannot call the C library's variadic syscall(2), and libkeyutils (which wraps them) is not a dependency.
// Every function returns the system call's result and leaves errno as the kernel set it; on systems without the
// key retention service each returns -1 with errno ENOSYS.

/// add_key("user", description, payload, length, keyring): the new or updated key's serial, or -1.
long ckr_add_user_key(const char *description, const void *payload, unsigned long length, long keyring);

/// keyctl(KEYCTL_SEARCH, keyring, "user", description, 0): the key's serial, or -1 (ENOKEY when absent).
long ckr_search_user_key(long keyring, const char *description);

/// keyctl(KEYCTL_READ, key, buffer, length): the payload's length (copied when it fits), or -1.
long ckr_read_key(long key, void *buffer, unsigned long length);

/// keyctl(KEYCTL_SETPERM, key, permissions): 0 or -1.
long ckr_set_permissions(long key, unsigned int permissions);

/// keyctl(KEYCTL_INVALIDATE, key): 0 or -1.
long ckr_invalidate_key(long key);

#endif
