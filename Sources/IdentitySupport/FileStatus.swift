// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
package import Glibc
#elseif canImport(Musl)
package import Musl
#elseif canImport(Darwin)
package import Darwin
#endif

/// What `stat` says about a path: its type, permissions, size and identity.
///
/// Filled from a `stat` of a path (symbolic links followed) or an `fstat` of an opened descriptor. Only the fields
/// the package uses are kept: the type decides whether a path may be read, the permissions whether a secret is
/// exposed, the device and inode identify a directory already visited, and the size and modification time tell
/// whether a file changed.
package struct FileStatus: Sendable, Hashable {
    /// The type of a file system object.
    package enum Kind: Sendable, Hashable {
        case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, other
    }

    /// The file's type.
    package var kind: Kind
    /// The permission bits, `mode & 0o7777` (`0o644` for `rw-r--r--`).
    package var permissions: UInt16
    /// The size in bytes (0 for anything but regular files and symbolic links); never negative.
    package var size: Int
    /// The device the file is on.
    package var device: UInt64
    /// The file's inode number on its device.
    package var inode: UInt64
    /// The last modification, in nanoseconds since 1970 (saturating).
    package var modified: Int64

    /// A status with the given fields, for tests.
    package init(
        kind: Kind, permissions: UInt16, size: Int = 0, device: UInt64 = 0, inode: UInt64 = 0, modified: Int64 = 0
    ) {
        self.kind = kind
        self.permissions = permissions
        self.size = size
        self.device = device
        self.inode = inode
        self.modified = modified
    }

    package init(_ info: stat) {
        let mode = UInt32(info.st_mode)
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): kind = .regular
        case UInt32(S_IFDIR): kind = .directory
        case UInt32(S_IFIFO): kind = .fifo
        case UInt32(S_IFCHR): kind = .characterDevice
        case UInt32(S_IFBLK): kind = .blockDevice
        case UInt32(S_IFSOCK): kind = .socket
        case UInt32(S_IFLNK): kind = .symbolicLink
        default: kind = .other
        }
        permissions = UInt16(truncatingIfNeeded: mode & 0o7777)
        size = Int(clamping: max(0, Int64(info.st_size)))
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        let seconds = Int64(time.tv_sec)
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (sum, carry) = scaled.addingReportingOverflow(Int64(time.tv_nsec))
        modified = overflow ? (seconds < 0 ? .min : .max) : (carry ? .max : sum)
    }

    /// Device and inode: the identity of a file, whatever path reached it.
    package var identity: FileIdentity { FileIdentity(device: device, inode: inode) }

    /// The permission bits as `ls -l` and `chmod` write them in octal: `0644`.
    package var modeText: String {
        let digits = String(permissions, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Whether anyone but the owner has any permission on the file (`mode & 077`), the test ssh applies to
    /// private keys before it will use them.
    package var isOpenToOthers: Bool { permissions & 0o077 != 0 }

    /// Why a file holding a secret or an unencrypted private key is exposed, as a predicate ("is readable by its
    /// group and all users (mode 0644)"), or `nil` when only its owner has access.
    package var exposure: String? {
        guard isOpenToOthers else { return nil }
        let group = permissions & 0o040 != 0
        let others = permissions & 0o004 != 0
        let who =
            switch (group, others) {
            case (true, true): "is readable by its group and all users"
            case (false, true): "is readable by all users"
            case (true, false): "is readable by its group"
            case (false, false): "gives its group or other users access"
            }
        return "\(who) (mode \(modeText))"
    }
}

/// A file's device and inode number.
package struct FileIdentity: Sendable, Hashable {
    /// The device.
    package var device: UInt64
    /// The inode number.
    package var inode: UInt64
}
