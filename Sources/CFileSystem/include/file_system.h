#ifndef FINDINGS_FILE_SYSTEM_H
#define FINDINGS_FILE_SYSTEM_H

#include <stddef.h>

/// Exchanges two paths atomically (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (for example on systems without it).
int findings_exchange_paths(const char *a, const char *b);

/// Creates the file `path` (which must not exist) in the folder `folder`, holding `count` bytes.
/// On Linux the file is first made unnamed in the folder (O_TMPFILE), written, and then linked
/// under its name: the file system allocates the file without holding the folder's lock, so
/// threads writing into one folder allocate in parallel (an ordinary create holds the folder's
/// lock throughout, and allocating can be slow: ext4 without a journal scans past every inode
/// freed in the last minute, six while its inode table block is unwritten). Where that is not available (another system, a file
/// system without O_TMPFILE, no /proc), the file is created the ordinary way.
/// Returns 0 on success, -1 with errno set otherwise.
int findings_write_new_file(const char *folder, const char *path, const void *bytes, size_t count);

#endif
