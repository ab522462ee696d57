#ifndef FINDINGS_CODECS_H
#define FINDINGS_CODECS_H
#include <stddef.h>

/// The libdeflate level of the .gz copies. 1 makes pages as small as zlib's level 4 did (within
/// 0.5%), four times faster; each level above costs more time than it saves bytes.
#define FINDINGS_GZIP_LEVEL 1

/// gzip-compresses `length` bytes at `input` (libdeflate) into a buffer the caller frees with
/// free(); returns its size through `out_length`, or NULL on failure.
unsigned char *findings_gzip(const unsigned char *input, size_t length, size_t *out_length);

/// 1 if the gzip data at `gz` inflates to exactly the `length` bytes at `expected`, else 0.
int findings_gunzip_equals(const unsigned char *gz, size_t gz_length, const unsigned char *expected, size_t length);

/// SHA-256 of `length` bytes (OpenSSL's libcrypto) into the 32 bytes at `digest`. Returns 0 on success.
int findings_sha256(const unsigned char *input, size_t length, unsigned char digest[32]);

#endif
