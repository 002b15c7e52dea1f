/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * layout.c: the places of a state file's parts (see layout.h): an array
 * by arrival index for entries, a small sorted array for item summaries
 * (a directive has dozens of items).
 */
#include "store/layout.h"

#include <stdlib.h>
#include <string.h>

struct named_piece {
	char *id;
	struct item_piece p;
};

struct pending {
	size_t seq;
	struct piece at;
	struct dvk_digest digest;
};

struct layout {
	struct piece *entries;
	size_t nentries, ecap, unchecked;
	struct pending *pend;      /* sorted by seq (set in arrival order) */
	size_t npend, pcap;
	struct named_piece *items; /* sorted by id (strcmp) */
	size_t nitems, icap;
};

struct layout *layout_new(void)
{
	return xcalloc(1, sizeof(struct layout));
}

void layout_clear(struct layout *l)
{
	for (size_t i = 0; i < l->nitems; i++)
		free(l->items[i].id);
	l->nitems = 0;
	l->nentries = 0;
	l->npend = 0;
	l->unchecked = 0;
}

void layout_free(struct layout *l)
{
	if (!l)
		return;
	layout_clear(l);
	free(l->items);
	free(l->entries);
	free(l->pend);
	free(l);
}

void layout_set_entry(struct layout *l, size_t seq, size_t off, size_t len, bool checked)
{
	if (seq >= l->nentries) {
		GROW(l->entries, seq + 1, l->ecap);
		memset(l->entries + l->nentries, 0, (seq + 1 - l->nentries) * sizeof *l->entries);
		l->nentries = seq + 1;
	}
	layout_drop_entry(l, seq);
	/* files are at most a few tens of MiB: offsets fit (callers keep to
	 * the reader's limit) */
	l->entries[seq].off = (uint32_t)off;
	l->entries[seq].len = (uint32_t)len;
	l->entries[seq].checked = checked;
	if (len && !checked)
		l->unchecked++;
}

void layout_drop_entry(struct layout *l, size_t seq)
{
	if (seq >= l->nentries)
		return;
	if (l->entries[seq].len && !l->entries[seq].checked)
		l->unchecked--;
	memset(&l->entries[seq], 0, sizeof l->entries[seq]);
}

size_t layout_unchecked(const struct layout *l)
{
	return l->unchecked;
}

struct piece layout_entry(const struct layout *l, size_t seq)
{
	struct piece none = { 0, 0, 0 };

	return seq < l->nentries ? l->entries[seq] : none;
}

/* Index of id in l->items, or where it would go (*found false). */
static size_t item_pos(const struct layout *l, const char *id, bool *found)
{
	size_t lo = 0, hi = l->nitems;

	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(l->items[mid].id, id);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void layout_set_item(struct layout *l, const char *id, const struct item_piece *p)
{
	bool found;
	size_t at = item_pos(l, id, &found);

	if (!found) {
		GROW(l->items, l->nitems + 1, l->icap);
		memmove(l->items + at + 1, l->items + at, (l->nitems - at) * sizeof *l->items);
		l->items[at].id = xstrdup(id);
		l->nitems++;
	}
	l->items[at].p = *p;
}

const struct item_piece *layout_item(const struct layout *l, const char *id)
{
	bool found;
	size_t at = item_pos(l, id, &found);

	return found ? &l->items[at].p : NULL;
}

void layout_set_pending(struct layout *l, size_t seq, size_t off, size_t len,
			struct dvk_digest digest)
{
	struct pending *p;
	size_t at = l->npend;

	/* a file is read in arrival order, so this mostly appends */
	while (at > 0 && l->pend[at - 1].seq > seq)
		at--;
	if (at > 0 && l->pend[at - 1].seq == seq)
		return;
	GROW(l->pend, l->npend + 1, l->pcap);
	memmove(l->pend + at + 1, l->pend + at, (l->npend - at) * sizeof *l->pend);
	l->npend++;
	p = &l->pend[at];
	p->seq = seq;
	p->at.off = (uint32_t)off;
	p->at.len = (uint32_t)len;
	p->digest = digest;
}

bool layout_pending(const struct layout *l, size_t seq, struct piece *at,
		    struct dvk_digest *digest)
{
	size_t lo = 0, hi = l->npend;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->pend[mid].seq == seq) {
			*at = l->pend[mid].at;
			*digest = l->pend[mid].digest;
			return true;
		}
		if (l->pend[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

void layout_clear_pending(struct layout *l)
{
	l->npend = 0;
}

void layout_copy_items(struct layout *dst, const struct layout *src)
{
	for (size_t i = 0; i < src->nitems; i++)
		layout_set_item(dst, src->items[i].id, &src->items[i].p);
}
