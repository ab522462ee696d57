#ifndef FINDINGS_CMARK_ARENA_H
#define FINDINGS_CMARK_ARENA_H

#include <cmark.h>

/// An allocator for libcmark that hands out memory from large blocks and frees nothing until
/// `findings_arena_end`, which returns every block at once. A parse allocates a node, a
/// buffer or a string per element; freeing millions of them one by one (and glibc's
/// consolidation of its fast bins afterwards) cost as much as the parse itself.
///
/// The arena is per thread: begin, parse and read the tree, end, all on one thread, with no
/// suspension point in between. Calls outside a begin/end pair use the C allocator.

/// Starts an arena on this thread (arenas nest).
void findings_arena_begin(void);
/// Releases everything allocated since the matching begin. Nothing from it may be used after.
void findings_arena_end(void);
/// The allocator to give `cmark_parser_new_with_mem`.
cmark_mem *findings_arena_allocator(void);
/// Bytes handed out by this thread's innermost arena (for tests).
size_t findings_arena_bytes_in_use(void);

#endif
