#define _GNU_SOURCE
#include "file_system.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int findings_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// Writes all of `count` bytes to `fd`; 0 on success, -1 with errno set.
static int write_all(int fd, const void *bytes, size_t count) {
    const char *at = bytes;
    while (count > 0) {
        ssize_t n = write(fd, at, count);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return -1;
        }
        at += n;
        count -= (size_t)n;
    }
    return 0;
}

int findings_write_new_file(const char *folder, const char *path, const void *bytes, size_t count) {
#if defined(__linux__) && defined(O_TMPFILE)
    int unnamed = open(folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (unnamed >= 0) {
        if (write_all(unnamed, bytes, count) != 0) {
            int saved = errno;
            close(unnamed);
            errno = saved;
            return -1;
        }
        char self[64];
        snprintf(self, sizeof self, "/proc/self/fd/%d", unnamed);
        int linked = linkat(AT_FDCWD, self, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
        close(unnamed);
        if (linked == 0) return 0;
        // No /proc, or a file system that refuses: fall through to an ordinary create.
    }
#endif
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    int written = write_all(fd, bytes, count);
    int saved = errno;
    if (close(fd) != 0 && written == 0) return -1;
    errno = saved;
    return written;
}
