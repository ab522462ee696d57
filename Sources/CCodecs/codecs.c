#include "codecs.h"
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <openssl/evp.h>

unsigned char *findings_gzip(const unsigned char *input, size_t length, size_t *out_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    /* 15 window bits + 16: a gzip header and trailer, as .gz files and HTTP want. */
    if (deflateInit2(&stream, 4, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    size_t capacity = deflateBound(&stream, (uLong)length) + 32;
    unsigned char *out = malloc(capacity);
    if (!out) { deflateEnd(&stream); return NULL; }
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = out;
    stream.avail_out = (uInt)capacity;
    /* Fixed mtime and OS in the header keep the output byte-identical across builds. */
    gz_header header;
    memset(&header, 0, sizeof header);
    header.os = 255;
    deflateSetHeader(&stream, &header);
    int status = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) { free(out); return NULL; }
    *out_length = capacity - stream.avail_out;
    return out;
}

int findings_gunzip_equals(const unsigned char *gz, size_t gz_length, const unsigned char *expected, size_t length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return 0;
    /* One byte more than expected, so a longer original is caught too. */
    unsigned char *out = malloc(length + 1);
    if (!out) { inflateEnd(&stream); return 0; }
    stream.next_in = (Bytef *)gz;
    stream.avail_in = (uInt)gz_length;
    stream.next_out = out;
    stream.avail_out = (uInt)(length + 1);
    int status = inflate(&stream, Z_FINISH);
    size_t produced = length + 1 - stream.avail_out;
    int equal = status == Z_STREAM_END && stream.avail_in == 0 && produced == length && memcmp(out, expected, length) == 0;
    inflateEnd(&stream);
    free(out);
    return equal;
}

int findings_sha256(const unsigned char *input, size_t length, unsigned char digest[32]) {
    unsigned int size = 0;
    return EVP_Digest(input, length, digest, &size, EVP_sha256(), NULL) == 1 && size == 32 ? 0 : -1;
}
