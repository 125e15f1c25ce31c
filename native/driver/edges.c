// SPDX-License-Identifier: MIT
/*
 * The edge map of an `instrument: 'edges'` build (see edges.h). Cheap by
 * design: one hash, one byte test per basic block; the list of new edges
 * makes an answer cost what it reports, not the size of the map.
 */

#include <stdint.h>

#include <linux/types.h>

#include "edges.h"
#include "transcript.h"

#define EDGE_MAP_SIZE (1u << 16)

static u8 seen[EDGE_MAP_SIZE];
static u16 fresh[EDGE_MAP_SIZE];
static unsigned int nr_fresh;
static u32 prev_block;

/* A well-mixed 16-bit block id from a code offset (murmur3's finalizer). */
static u32 block_id(uintptr_t offset)
{
	u32 h = (u32)offset ^ (u32)((u64)offset >> 32);

	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h & (EDGE_MAP_SIZE - 1);
}

void __sanitizer_cov_trace_pc(void)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);
	u32 cur = block_id(pc - (uintptr_t)&__sanitizer_cov_trace_pc);
	u32 edge = cur ^ prev_block;

	/* Shifted, so that A->B and B->A, and A->A and B->B, stay apart. */
	prev_block = cur >> 1;
	if (!seen[edge]) {
		seen[edge] = 1;
		fresh[nr_fresh++] = (u16)edge;
	}
}

void edges_trace_start(void)
{
	prev_block = 0;
}

void edges_print_new(void)
{
	unsigned int i;

	transcript_printf("EDGES %u", nr_fresh);
	for (i = 0; i < nr_fresh; i++)
		transcript_printf(" %u", fresh[i]);
	transcript_printf("\n");
	nr_fresh = 0;
}
