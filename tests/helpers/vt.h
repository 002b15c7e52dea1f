/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vt.h: run a program in a pseudo-terminal and read its screen back with
 * libvterm, for screen tests that assert what a person would see.
 *
 * Keys go through libvterm's keyboard encoder, so they follow the modes
 * the program set (application cursor keys and so on), exactly as a real
 * terminal would send them.  Waits poll the screen until a text appears
 * or a timeout passes: no fixed sleeps.
 */
#ifndef TESTS_HELPERS_VT_H
#define TESTS_HELPERS_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <vterm.h>

struct vt;

/* Start argv[0] (found on PATH) in a new rows x cols pty.  env lists
 * changes to this process's environment for the child: "K=V" sets, "K"
 * alone unsets; NULL-terminated, may be NULL.  Returns NULL on failure. */
struct vt *vt_spawn(int rows, int cols, char *const argv[], const char *const env[]);
/* The same with a terminal that is not UTF-8 when utf8 is false (bytes
 * are single characters, as in a Latin-1 PuTTY or an old console). */
struct vt *vt_spawn_ex(int rows, int cols, char *const argv[], const char *const env[],
		       bool utf8);

/* Hold the terminal's answers (cursor position reports) back for ms, as
 * a slow SSH link does; keys are not delayed. */
void vt_answer_delay(struct vt *v, int ms);
/* Put bytes on the screen as if written before the program started (a
 * shell's earlier output: the cursor is then further down). */
void vt_feed(struct vt *v, const char *bytes, size_t n);

/* Send raw bytes, as if typed on a keyboard that produces them. */
void vt_send(struct vt *v, const char *bytes, size_t n);
/* Type UTF-8 text one character at a time. */
void vt_type(struct vt *v, const char *utf8);
/* Press a named key (VTERM_KEY_DOWN, VTERM_KEY_ENTER, ...). */
void vt_key(struct vt *v, VTermKey key);

/* Read output until none arrives for quiet_ms (or max_ms passes). */
void vt_settle(struct vt *v, int quiet_ms, int max_ms);
/* Wait until the screen contains needle (UTF-8); false on timeout. */
bool vt_wait(struct vt *v, const char *needle, int timeout_ms);
/* Wait until needle is gone from the screen. */
bool vt_wait_gone(struct vt *v, const char *needle, int timeout_ms);

/* Row r (0-based) as UTF-8, trailing blanks removed (caller frees). */
char *vt_row(struct vt *v, int r);
/* The whole screen, rows joined by '\n' (caller frees). */
char *vt_screen(struct vt *v);
/* The row and column where needle starts, or false. */
bool vt_find(struct vt *v, const char *needle, int *row, int *col);
/* The cell at row, col (attributes and characters). */
void vt_cell(struct vt *v, int row, int col, VTermScreenCell *cell);
int vt_rows(const struct vt *v);
int vt_cols(const struct vt *v);

/* Change the window size (the child gets SIGWINCH). */
void vt_resize(struct vt *v, int rows, int cols);
/* Total bytes the program wrote so far, and the number of read() calls
 * that returned data. */
size_t vt_bytes(const struct vt *v);

/* Close the pty master: the child gets SIGHUP, like a dropped SSH link. */
void vt_hangup(struct vt *v);
/* Wait up to timeout_ms for the child to exit; returns its wait status,
 * or -1 if it is still running. */
int vt_wait_exit(struct vt *v, int timeout_ms);
pid_t vt_pid(const struct vt *v);

/* Kill the child if it still runs, and free everything. */
void vt_free(struct vt *v);

#endif
