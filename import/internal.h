/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * internal.h: what the files of import/ share (not for other modules).
 *
 * The analysis runs in passes over one struct idoc:
 *   clean.c    bytes → lines (decoded, NFC, furniture dropped) → paragraphs
 *              (hard breaks joined, lost breaks restored, repeats dropped)
 *   meta.c     the letterhead, the news lead and the signature block:
 *              number, date, issuer, signer, title, recipients, source
 *   outline.c  paragraphs → a tree of numbered parts
 *   tasks.c    one part's text → its tasks (sentences and ";" clauses),
 *              with responsible agencies and stated deadlines
 *   build.c    the tree → sections and items with ids → struct directive
 * util.c holds the text helpers they all use.
 */
#ifndef IMPORT_INTERNAL_H
#define IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "import/import.h"

/* Between the cells of a table's row in a line (a control character no
 * input keeps: clean.c drops them). */
#define IMP_CELL '\x1f'

/* ---- the document being analysed ---- */

struct iline {
	char *s;     /* NFC, one space between words, trimmed; owned */
	int no;      /* 1-based line in the input */
	bool gone;   /* dropped: furniture, letterhead, signature */
	bool page;   /* a page break (form feed) came just before it */
	bool pageno; /* a page number ("- 2 -", "Trang 3") */
};

struct ipara {
	char *text;  /* one paragraph, no line breaks; owned */
	int line;    /* where it starts in the input */
};

struct strv {
	char **v;
	size_t n, cap;
};

struct idoc {
	struct iline *lines;
	size_t nlines, lines_cap;
	struct ipara *paras;
	size_t npara, paras_cap;
	/* What the text says about itself; NULL when it does not say. */
	char *kind;      /* "Kế hoạch", "Chỉ thị", "Công văn" ... */
	char *title, *issuer, *number, *date, *signer, *source;
	struct strv recipients;
	bool news;       /* a news report of the document (lead, outlet) */
	size_t lead;     /* paragraphs at the start that are the news lead */
	struct import_stats *st;
};

/* clean.c */
/* Decode and normalise text into d->lines. */
void imp_read_lines(struct idoc *d, const char *text, size_t len);
/* Drop page furniture and web page parts from d->lines. */
void imp_drop_furniture(struct idoc *d);
/* Join d->lines into d->paras: hard breaks, lost breaks, repeats. */
void imp_make_paragraphs(struct idoc *d);

/* meta.c */
/* Read the letterhead and signature block out of d->lines (marking the
 * lines gone) before furniture is dropped. */
void imp_read_letterhead(struct idoc *d);
/* The news lead, the outlet, the issuer, recipients and title that only
 * paragraphs show; runs after imp_make_paragraphs. */
void imp_read_lead(struct idoc *d);

/* ---- the outline ---- */

enum mkind {
	M_ROOT, M_PART, M_CHAPTER, M_UPPER, M_ROMAN, M_ARTICLE, M_NUM, M_DECIMAL,
	M_LETTER, M_NUMPAREN, M_PNUM, M_DASH, M_PLUS, M_PARA,
};

struct node {
	enum mkind kind;
	int rank;          /* depth the marker kind stands for; lower is outer */
	char *label;       /* the document's own number ("II", "3", "a", "2.1"), or NULL */
	char *raw;         /* the paragraph as written, marker included */
	char *head;        /* a heading ("Công tác tuyên truyền"), or NULL */
	char *body;        /* the text after the marker and heading, or NULL */
	int line;
	struct node *parent;
	struct node **kids;
	size_t nkids, kids_cap;
	struct strv resp;  /* responsible agencies from a heading or an attribute */
	char *deadline;    /* from a "Thời gian thực hiện: ..." attribute */
	bool attr;         /* an attribute line of its parent (chủ trì, thời gian) */
	bool nontask;      /* purpose, requirements, objectives, funding */
	bool closing;      /* the closing formula ("Trên đây là ...") */
	bool preamble;     /* context before the tasks (Căn cứ, the lead) */
	char *id;          /* its id, once build.c gives it one */
};

/* A numbering mark at the start of a paragraph: "II.", "Điều 3.", "1.2.",
 * "a)", "(1)", "-". */
struct marker {
	enum mkind kind;
	int rank;
	char label[40]; /* "II", "3", "a", "1.2"; "" for bullets */
	size_t len;     /* bytes the mark takes, the space after it included */
};

/* True if s starts with a numbering mark, described in *m. */
bool imp_marker(const char *s, struct marker *m);

/* Build the tree of d->paras.  Caller frees with imp_node_free. */
struct node *imp_outline(struct idoc *d);
void imp_node_free(struct node *n);

/* ---- tasks ---- */

struct task {
	char *text;
	struct strv resp;
	char *deadline;
	bool split;  /* one of several tasks of one paragraph */
};

struct taskv {
	struct task *v;
	size_t n, cap;
};

/* The tasks in text, appended to out.  Agencies a frame names ("UBND tỉnh
 * yêu cầu các sở ... tổ chức ...") are moved to resp; deadlines the text
 * states are copied verbatim. */
void imp_tasks(const char *text, struct taskv *out);
void imp_taskv_free(struct taskv *t);

/* The deadline text states, verbatim, or NULL. */
char *imp_deadline(const char *text);
/* Split a list of agencies ("các sở, ban, ngành, UBND các huyện") into
 * one entry per agency, first letters capitalised; appended to out. */
void imp_split_agencies(const char *s, struct strv *out);

/* An attribute's label, as "Cơ quan chủ trì" in "Cơ quan chủ trì: Sở Nội
 * vụ": 1 for who is responsible, 2 for the time, 3 for another attribute
 * (who helps, products, funds), 0 for no label. */
int imp_attr_kind(const char *head);

/* The responsible agencies an attribute's value names into resp, without
 * those after "phối hợp" (they help). */
void imp_attr_resp(const char *value, struct strv *resp);
/* The agencies a sentence tasks by its subject or its request: "Sở Nội
 * vụ chủ trì ...", "Giao Sở Y tế chủ trì, phối hợp ...:"; appended to
 * resp (none when it names none). */
void imp_subject_agencies(const char *s, struct strv *resp);
/* True if s starts with the name of an agency ("Sở Nội vụ", "UBND ..."). */
bool imp_is_agency(const char *s);

/* "Các sở, ban, ngành, UBND các huyện:" or "Sở Nông nghiệp và Phát triển
 * nông thôn:" over the points it is given: agencies only, no verb, and a
 * colon at the end. */
bool imp_agency_heading(const char *s);
/* The length of the frame "Theo đó, UBND tỉnh yêu cầu các sở ... " before
 * the task's verb, with the agencies it names appended to resp; 0 if s
 * has no such frame. */
size_t imp_strip_frame(const char *s, struct strv *resp);

/* ---- util.c ---- */

void strv_add(struct strv *v, const char *s);      /* copies s */
void strv_add_unique(struct strv *v, const char *s);
void strv_free(struct strv *v);

/* s with the case of letters changed where upper and lower case take the
 * same number of bytes (all of Vietnamese), so offsets stay valid. */
char *imp_lower(const char *s);
/* First code point of s (0 at the end); *len gets its byte length. */
uint32_t imp_cp(const char *s, size_t *len);
/* The code point that ends just before s + off (0 at the start). */
uint32_t imp_cp_before(const char *s, size_t off);
bool imp_is_upper(uint32_t c);
bool imp_is_lower(uint32_t c);
bool imp_is_letter(uint32_t c);
bool imp_is_digit(uint32_t c);
/* True if every letter of s is upper case and it has at least two. */
bool imp_all_caps(const char *s);
/* A copy of s with its first letter in upper (lower) case. */
char *imp_cap_first(const char *s);
char *imp_lower_first(const char *s);
/* An all-caps heading in sentence case ("NHIỆM VỤ VÀ GIẢI PHÁP" →
 * "Nhiệm vụ và giải pháp"); abbreviations and symbols keep their case. */
char *imp_sentence_case(const char *s);
/* s (lower case) has word w at byte offset off: w matches and is not
 * followed by a letter or digit. */
bool imp_word_at(const char *lower, size_t off, const char *w);
/* Index in words[] (NULL-terminated) of the word lower starts with, or -1. */
int imp_starts_with(const char *lower, const char *const *words);
/* Number of words (runs of non-space) in s. */
size_t imp_words(const char *s);
/* A copy of s[0..n) without blanks at either end. */
char *imp_trim(const char *s, size_t n);
/* s cut to at most cols display columns at a word boundary, "…" added
 * when cut, trailing punctuation dropped. */
char *imp_crop(const char *s, int cols);
/* True if s ends a sentence or clause: . ; : ! ? … before any closing
 * quotes or brackets. */
bool imp_ends_sentence(const char *s);
/* Day, month and year as "YYYY-MM-DD" when they make a real date. */
char *imp_iso_date(int day, int month, int year);

#endif
