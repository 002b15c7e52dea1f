/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.h: UTF-8 and Vietnamese text.
 *
 * libunistring does the Unicode work (normalisation, display width, line
 * breaking); this module adds only what is Vietnamese-specific or
 * dvk-specific: the diacritic-insensitive search key (đ→d, marks dropped,
 * lower case), the ASCII fallback for terminals that cannot show UTF-8, and
 * neutralising control characters and escape sequences so that nothing read
 * from a data file reaches a terminal raw.
 *
 * All functions take and return UTF-8.  Every returned char * is newly
 * allocated and owned by the caller (free()).  Invalid UTF-8 input is never
 * fatal: bad bytes become U+FFFD in results.  None of these functions
 * print, exit or touch files.
 */
#ifndef TEXT_TEXT_H
#define TEXT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True if s[0..n) is valid UTF-8 (no overlongs, no surrogates).  When it is
 * not and bad_off is non-NULL, *bad_off is the byte offset of the first bad
 * byte. */
bool text_valid_utf8(const char *s, size_t n, size_t *bad_off);

/* s in Unicode NFC (so NFD-typed Vietnamese equals precomposed). */
char *text_nfc(const char *s);

/* s with every control character and escape sequence made harmless for a
 * terminal: C0 controls (except '\n' when keep_newlines), DEL, C1
 * controls, and bidi overrides become visible caret notation ("^[" for
 * ESC, "^G" for BEL, "<U+202E>" for the rest).  Printable text is kept. */
char *text_sanitize(const char *s, bool keep_newlines);

/* Display width of s in terminal columns (wcwidth rules: combining marks
 * 0, CJK 2, controls counted as their sanitised form). */
int text_width(const char *s);

/* The longest prefix of s that fits in cols columns, never cutting a
 * character or separating a base letter from its marks.  Returns its
 * length in bytes; *used (if non-NULL) gets its width. */
size_t text_fit(const char *s, int cols, int *used);

/* Wrap s to lines of at most cols columns, breaking at spaces where
 * possible (libunistring's line breaking) and mid-word only when a word
 * is longer than a line.  Explicit '\n' starts a new line.  Returns the
 * number of lines; *starts and *lens (caller frees both) get each line's
 * byte offset and byte length in s (trailing spaces not included).
 * An empty paragraph (s itself empty, or two '\n' in a row) is one empty
 * line; cols < 1 counts as 1; a character wider than cols gets a line of
 * its own. */
size_t text_wrap(const char *s, int cols, size_t **starts, size_t **lens);

/* The search key of s: NFD, combining marks dropped, đ/Đ → d, lower case,
 * ASCII only where the input was Latin.  "Dân Vận" → "dan van". */
char *text_fold(const char *s);

/* True if s has any letter with a diacritic (or đ/Đ): then search is exact
 * (modulo NFC and case) instead of folded. */
bool text_has_marks(const char *s);

/* Find needle in hay, diacritic-insensitive when needle has no marks
 * (see text_has_marks), case-insensitive always.  Searches from byte
 * offset from.  Returns true and sets *start and *len to the match's byte
 * range in hay (whole characters, marks included).  A needle that folds
 * to nothing ("" or only marks) matches nothing.  With marks, the tone of
 * "oa", "oe" and "uy" may sit on either vowel ("Hòa" finds "Hoà"). */
bool text_search(const char *hay, const char *needle, size_t from,
		 size_t *start, size_t *len);

/* ASCII rendering for a terminal that cannot show UTF-8: marks stripped,
 * đ→d, Đ→D, curly quotes → ", dashes → -, ellipsis → "...", anything
 * else non-ASCII → '?'.  Also sanitised like text_sanitize. */
char *text_ascii(const char *s, bool keep_newlines);

/* Normalise a note or value typed by a person or read from a hand-edited
 * file: NFC, CRLF/CR → LF, tabs → one space, trailing blanks on each line
 * removed, trailing blank lines removed.  Other control characters are
 * kept as typed (they are neutralised at display time, not at storage). */
char *text_clean_input(const char *s);

/* Natural order for ids like "1.2" < "1.10" < "2.1".  strcmp-like. */
int text_natcmp(const char *a, const char *b);

#endif
