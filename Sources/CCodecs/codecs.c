#include "codecs.h"
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <pthread.h>
#include <openssl/evp.h>

/* One compressor and one decompressor per thread, made on first use and freed when the thread
   ends: libdeflate's state is a few hundred KB, too much to make for every small page. */
static pthread_key_t compressor_key, decompressor_key;
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void free_compressor(void *c) { libdeflate_free_compressor(c); }
static void free_decompressor(void *d) { libdeflate_free_decompressor(d); }
static void make_keys(void) {
    pthread_key_create(&compressor_key, free_compressor);
    pthread_key_create(&decompressor_key, free_decompressor);
}

static struct libdeflate_compressor *thread_compressor(void) {
    pthread_once(&keys_once, make_keys);
    struct libdeflate_compressor *c = pthread_getspecific(compressor_key);
    if (!c && (c = libdeflate_alloc_compressor(FINDINGS_GZIP_LEVEL))) pthread_setspecific(compressor_key, c);
    return c;
}

static struct libdeflate_decompressor *thread_decompressor(void) {
    pthread_once(&keys_once, make_keys);
    struct libdeflate_decompressor *d = pthread_getspecific(decompressor_key);
    if (!d && (d = libdeflate_alloc_decompressor())) pthread_setspecific(decompressor_key, d);
    return d;
}

unsigned char *findings_gzip(const unsigned char *input, size_t length, size_t *out_length) {
    struct libdeflate_compressor *c = thread_compressor();
    if (!c) return NULL;
    size_t capacity = libdeflate_gzip_compress_bound(c, length);
    unsigned char *out = malloc(capacity);
    if (!out) return NULL;
    /* libdeflate writes a gzip header with no time and an unknown OS: the same bytes every build. */
    size_t written = libdeflate_gzip_compress(c, input, length, out, capacity);
    if (written == 0) { free(out); return NULL; }
    *out_length = written;
    return out;
}

int findings_gunzip_equals(const unsigned char *gz, size_t gz_length, const unsigned char *expected, size_t length) {
    struct libdeflate_decompressor *d = thread_decompressor();
    if (!d) return 0;
    /* One byte more than expected, so a longer original is caught too. */
    unsigned char *out = malloc(length + 1);
    if (!out) return 0;
    size_t used = 0, produced = 0;
    enum libdeflate_result status = libdeflate_gzip_decompress_ex(d, gz, gz_length, out, length + 1, &used, &produced);
    int equal = status == LIBDEFLATE_SUCCESS && used == gz_length && produced == length && memcmp(out, expected, length) == 0;
    free(out);
    return equal;
}

int findings_sha256(const unsigned char *input, size_t length, unsigned char digest[32]) {
    unsigned int size = 0;
    return EVP_Digest(input, length, digest, &size, EVP_sha256(), NULL) == 1 && size == 32 ? 0 : -1;
}
