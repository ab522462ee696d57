#ifndef FINDINGS_ATOMIC_SWAP_H
#define FINDINGS_ATOMIC_SWAP_H

/// Exchanges two paths atomically (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (for example on systems without it).
int findings_exchange_paths(const char *a, const char *b);

#endif
