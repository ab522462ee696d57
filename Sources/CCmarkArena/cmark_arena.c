#include "cmark_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

// Every allocation is preceded by a 16-byte header holding its size, so realloc knows how much
// to copy; allocations are 16-byte aligned, like malloc's.
enum { HEADER = 16, FIRST_BLOCK = 256 * 1024, LARGEST_BLOCK = 64 * 1024 * 1024 };

typedef struct block {
    struct block *previous;
    size_t size;  // bytes mapped, this header included
    size_t top;   // offset of the first free byte
    size_t dirty; // bytes below this offset may hold old data (freed and handed out again)
} block;

// Freed allocations smaller than this are kept in lists by size and handed out again: a parse
// frees about 40% of what it allocates (text nodes merged, buffers of finished blocks).
enum { REUSED_BELOW = 1024, SIZE_CLASSES = REUSED_BELOW / HEADER + 1 };

typedef struct arena {
    struct arena *outer;
    block *blocks;
    size_t in_use;
    void *reusable[SIZE_CLASSES]; // by rounded size / 16; each links to the next through its first word
} arena;

// Sizes are rounded up to whole headers, and never to zero: a free list needs a word.
static size_t rounded(size_t size) { return size == 0 ? HEADER : (size + HEADER - 1) & ~(size_t)(HEADER - 1); }

static _Thread_local arena *current;
// One small first block is kept per thread, so a site of many short pages maps no memory per page.
static _Thread_local block *spare;

static block *map_block(size_t at_least) {
    size_t size = FIRST_BLOCK;
    while (size < at_least && size < LARGEST_BLOCK) size *= 2;
    if (size < at_least) size = (at_least + 4095) & ~(size_t)4095;
    void *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return NULL;
    // A large document's arena is tens of megabytes: huge pages take one fault per 2 MiB
    // instead of one per 4 KiB.
    if (size >= 4 * 1024 * 1024) madvise(memory, size, MADV_HUGEPAGE);
    block *b = memory;
    b->previous = NULL;
    b->size = size;
    b->top = (sizeof(block) + HEADER - 1) & ~(size_t)(HEADER - 1);
    b->dirty = b->top;
    return b;
}

static void *arena_allocate(arena *a, size_t size, int zeroed) {
    if (size > SIZE_MAX / 2) return NULL;
    if (size < REUSED_BELOW) {
        size_t class = rounded(size) / HEADER;
        void *p = a->reusable[class];
        if (p != NULL) {
            a->reusable[class] = *(void **)p;
            *(size_t *)((char *)p - HEADER) = size;
            if (zeroed) memset(p, 0, rounded(size));
            a->in_use += size;
            return p;
        }
    }
    size_t needed = HEADER + rounded(size);
    block *b = a->blocks;
    if (b == NULL || b->top + needed > b->size) {
        size_t next = b == NULL ? FIRST_BLOCK : b->size * 2;
        if (next < needed + HEADER * 4) next = needed + HEADER * 4;
        block *fresh = (b == NULL && spare != NULL && spare->size >= next) ? spare : map_block(next);
        if (fresh == NULL) return NULL;
        if (fresh == spare) spare = NULL;
        fresh->previous = b;
        a->blocks = b = fresh;
    }
    char *start = (char *)b + b->top;
    size_t end = b->top + needed;
    if (zeroed && b->top < b->dirty) memset(start, 0, (end < b->dirty ? end : b->dirty) - b->top);
    b->top = end;
    if (end > b->dirty) b->dirty = end;
    *(size_t *)start = size;
    a->in_use += size;
    return start + HEADER;
}

static size_t size_of(const void *p) { return *(const size_t *)((const char *)p - HEADER); }

static int is_last(const block *b, const void *p) {
    size_t needed = HEADER + rounded(size_of(p));
    return b != NULL && (const char *)p - HEADER + needed == (const char *)b + b->top;
}

static void arena_free_in_arena(void *p);

static void *arena_calloc_in_arena(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    void *p = arena_allocate(current, count * size, 1);
    if (p == NULL) abort(); // libcmark treats a failed allocation as fatal too
    return p;
}

static void *arena_realloc_in_arena(void *p, size_t size) {
    if (p == NULL) return arena_calloc_in_arena(1, size);
    size_t old = size_of(p);
    if (size <= old) {
        // Shrinks in place; the tail is not handed out again.
        *(size_t *)((char *)p - HEADER) = size;
        current->in_use -= old - size;
        return p;
    }
    block *b = current->blocks;
    if (is_last(b, p)) {
        // The newest allocation grows in place when its block has room.
        size_t start = (size_t)((char *)p - HEADER - (char *)b);
        size_t needed = HEADER + rounded(size);
        if (start + needed <= b->size) {
            b->top = start + needed;
            if (b->top > b->dirty) b->dirty = b->top;
            *(size_t *)((char *)p - HEADER) = size;
            current->in_use += size - old;
            return p;
        }
    }
    void *moved = arena_allocate(current, size, 0);
    if (moved == NULL) abort();
    memcpy(moved, p, old);
    arena_free_in_arena(p);
    return moved;
}

static void arena_free_in_arena(void *p) {
    if (p == NULL) return;
    // The newest allocation is taken back (a buffer freed right after use); small ones are kept
    // for reuse by size; larger ones go with the arena.
    block *b = current->blocks;
    size_t size = size_of(p);
    current->in_use -= size;
    if (is_last(b, p)) {
        b->top = (size_t)((char *)p - HEADER - (char *)b);
    } else if (size < REUSED_BELOW) {
        size_t class = rounded(size) / HEADER;
        *(void **)p = current->reusable[class];
        current->reusable[class] = p;
    }
}

// The entry points: the C allocator outside an arena.
static void *arena_calloc(size_t count, size_t size) {
    return current == NULL ? calloc(count, size) : arena_calloc_in_arena(count, size);
}

static void *arena_realloc(void *p, size_t size) {
    return current == NULL ? realloc(p, size) : arena_realloc_in_arena(p, size);
}

static void arena_free(void *p) {
    if (current == NULL) free(p); else arena_free_in_arena(p);
}

static cmark_mem allocator = {arena_calloc, arena_realloc, arena_free};

cmark_mem *findings_arena_allocator(void) { return &allocator; }

void findings_arena_begin(void) {
    arena *a = calloc(1, sizeof(arena));
    if (a == NULL) abort();
    a->outer = current;
    current = a;
}

void findings_arena_end(void) {
    arena *a = current;
    if (a == NULL) return;
    current = a->outer;
    block *b = a->blocks;
    while (b != NULL) {
        block *previous = b->previous;
        if (previous == NULL && b->size == FIRST_BLOCK && spare == NULL) {
            b->top = (sizeof(block) + HEADER - 1) & ~(size_t)(HEADER - 1);
            spare = b;
        } else {
            munmap(b, b->size);
        }
        b = previous;
    }
    free(a);
}

size_t findings_arena_bytes_in_use(void) { return current == NULL ? 0 : current->in_use; }
