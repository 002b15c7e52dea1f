/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vt.c: forkpty + libvterm harness (see vt.h).
 */
#include "tests/helpers/vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct vt {
	VTerm *term;
	VTermScreen *screen;
	int fd;      /* pty master, -1 after hang-up */
	pid_t pid;
	int status;  /* wait status once exited */
	bool exited;
	size_t bytes;
	/* answers to the program's queries, held back to play a slow link */
	int answer_delay_ms;
	bool parsing;       /* inside vterm_input_write: output is an answer */
	char held[256];
	size_t nheld;
	long held_due;
};

static long vt_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void vt_write(struct vt *v, const char *s, size_t len)
{
	while (len > 0 && v->fd >= 0) {
		ssize_t w = write(v->fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		s += w;
		len -= (size_t)w;
	}
}

/* libvterm's answers (cursor position reports) and key encodings go to
 * the program, as a real terminal's would; answers late when asked. */
static void vt_output(const char *s, size_t len, void *user)
{
	struct vt *v = user;
	if (v->parsing && v->answer_delay_ms > 0) {
		if (v->nheld == 0)
			v->held_due = vt_now_ms() + v->answer_delay_ms;
		if (len > sizeof v->held - v->nheld)
			len = sizeof v->held - v->nheld;
		memcpy(v->held + v->nheld, s, len);
		v->nheld += len;
		return;
	}
	vt_write(v, s, len);
}

void vt_answer_delay(struct vt *v, int ms)
{
	v->answer_delay_ms = ms;
}

void vt_feed(struct vt *v, const char *bytes, size_t n)
{
	vterm_input_write(v->term, bytes, n);
}

/* Send the held answers once they are due. */
static void vt_release(struct vt *v)
{
	if (v->nheld && vt_now_ms() >= v->held_due) {
		vt_write(v, v->held, v->nheld);
		v->nheld = 0;
	}
}

struct vt *vt_spawn(int rows, int cols, char *const argv[], const char *const env[])
{
	return vt_spawn_ex(rows, cols, argv, env, true);
}

struct vt *vt_spawn_ex(int rows, int cols, char *const argv[], const char *const env[],
		       bool utf8)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	int fd;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return NULL;
	if (pid == 0) {
		/* a clean slate: test runners may block or ignore signals,
		 * and both survive exec */
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		for (int sig = 1; sig < NSIG; sig++)
			if (sig != SIGKILL && sig != SIGSTOP)
				signal(sig, SIG_DFL);
		for (size_t i = 0; env && env[i]; i++) {
			const char *eq = strchr(env[i], '=');
			if (eq) {
				char *k = strndup(env[i], (size_t)(eq - env[i]));
				setenv(k, eq + 1, 1);
				free(k);
			} else {
				unsetenv(env[i]);
			}
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	/* the master must not leak into programs started later: one that
	 * held it open would keep this terminal from ever hanging up */
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	struct vt *v = calloc(1, sizeof *v);
	v->fd = fd;
	v->pid = pid;
	v->term = vterm_new(rows, cols);
	vterm_set_utf8(v->term, utf8);
	vterm_output_set_callback(v->term, vt_output, v);
	v->screen = vterm_obtain_screen(v->term);
	vterm_screen_enable_altscreen(v->screen, 1);
	vterm_screen_reset(v->screen, 1);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return v;
}

/* Read what is there, waiting up to wait_ms for the first byte.  Returns
 * the number of bytes read, 0 on timeout, -1 when the pty is closed. */
static long vt_pump(struct vt *v, int wait_ms)
{
	if (v->fd < 0)
		return -1;
	vt_release(v);
	if (v->nheld && v->held_due - vt_now_ms() < wait_ms)
		wait_ms = (int)(v->held_due - vt_now_ms());
	struct pollfd p = {.fd = v->fd, .events = POLLIN};
	int r = poll(&p, 1, wait_ms < 0 ? 0 : wait_ms);
	vt_release(v);
	if (r <= 0)
		return 0;
	char buf[8192];
	long total = 0;
	for (;;) {
		ssize_t n = read(v->fd, buf, sizeof buf);
		if (n > 0) {
			v->parsing = true;
			vterm_input_write(v->term, buf, (size_t)n);
			v->parsing = false;
			v->bytes += (size_t)n;
			total += n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		return total ? total : -1; /* EIO: the child closed its side */
	}
	return total;
}

void vt_send(struct vt *v, const char *bytes, size_t n)
{
	vt_write(v, bytes, n);
}

void vt_type(struct vt *v, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c;
		int n = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2;
		c = n == 1 ? *p : (uint32_t)(*p & (0x3f >> (n - 1)));
		for (int k = 1; k < n && p[k]; k++)
			c = (c << 6) | (p[k] & 0x3f);
		vterm_keyboard_unichar(v->term, c, VTERM_MOD_NONE);
		p += n;
		vt_pump(v, 0);
	}
}

void vt_key(struct vt *v, VTermKey key)
{
	vterm_keyboard_key(v->term, key, VTERM_MOD_NONE);
}

void vt_settle(struct vt *v, int quiet_ms, int max_ms)
{
	long end = vt_now_ms() + max_ms;
	while (vt_now_ms() < end) {
		long n = vt_pump(v, quiet_ms);
		if (n <= 0)
			break;
	}
}

static void vt_put_utf8(char **o, uint32_t c)
{
	unsigned char *p = (unsigned char *)*o;
	if (c < 0x80) {
		*p++ = (unsigned char)c;
	} else if (c < 0x800) {
		*p++ = (unsigned char)(0xc0 | (c >> 6));
		*p++ = (unsigned char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		*p++ = (unsigned char)(0xe0 | (c >> 12));
		*p++ = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		*p++ = (unsigned char)(0x80 | (c & 0x3f));
	} else {
		*p++ = (unsigned char)(0xf0 | (c >> 18));
		*p++ = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
		*p++ = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		*p++ = (unsigned char)(0x80 | (c & 0x3f));
	}
	*o = (char *)p;
}

int vt_rows(const struct vt *v)
{
	int r, c;
	vterm_get_size(v->term, &r, &c);
	return r;
}

int vt_cols(const struct vt *v)
{
	int r, c;
	vterm_get_size(v->term, &r, &c);
	return c;
}

void vt_cell(struct vt *v, int row, int col, VTermScreenCell *cell)
{
	VTermPos pos = {.row = row, .col = col};
	vterm_screen_get_cell(v->screen, pos, cell);
}

char *vt_row(struct vt *v, int r)
{
	int cols = vt_cols(v);
	char *out = malloc((size_t)cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1), *o = out;
	char *last = out;
	for (int c = 0; c < cols; c++) {
		VTermScreenCell cell;
		vt_cell(v, r, c, &cell);
		if (cell.chars[0] == (uint32_t)-1)
			continue; /* right half of a wide character */
		if (cell.chars[0] == 0) {
			*o++ = ' ';
			continue;
		}
		for (int k = 0; k < VTERM_MAX_CHARS_PER_CELL && cell.chars[k]; k++)
			vt_put_utf8(&o, cell.chars[k]);
		last = o;
	}
	*last = '\0';
	return out;
}

char *vt_screen(struct vt *v)
{
	size_t cap = 1024, len = 0;
	char *s = malloc(cap);
	s[0] = '\0';
	for (int r = 0; r < vt_rows(v); r++) {
		char *row = vt_row(v, r);
		size_t n = strlen(row);
		if (len + n + 2 > cap) {
			cap = (len + n + 2) * 2;
			s = realloc(s, cap);
		}
		memcpy(s + len, row, n);
		len += n;
		s[len++] = '\n';
		s[len] = '\0';
		free(row);
	}
	return s;
}

bool vt_find(struct vt *v, const char *needle, int *row, int *col)
{
	for (int r = 0; r < vt_rows(v); r++) {
		char *s = vt_row(v, r);
		char *p = strstr(s, needle);
		if (p) {
			/* column = characters before p, counting marks as none */
			int c = 0;
			for (const unsigned char *q = (const unsigned char *)s; q < (const unsigned char *)p; q++) {
				if ((*q & 0xc0) == 0x80)
					continue;
				uint32_t cp = *q;
				if (*q >= 0xc0) {
					int n = *q >= 0xf0 ? 4 : *q >= 0xe0 ? 3 : 2;
					cp = (uint32_t)(*q & (0x3f >> (n - 1)));
					for (int k = 1; k < n; k++)
						cp = (cp << 6) | (q[k] & 0x3f);
				}
				if (!(cp >= 0x300 && cp <= 0x36f))
					c++;
			}
			if (row)
				*row = r;
			if (col)
				*col = c;
			free(s);
			return true;
		}
		free(s);
	}
	return false;
}

static bool vt_contains(struct vt *v, const char *needle)
{
	char *s = vt_screen(v);
	bool found = strstr(s, needle) != NULL;
	free(s);
	return found;
}

bool vt_wait(struct vt *v, const char *needle, int timeout_ms)
{
	long end = vt_now_ms() + timeout_ms;
	for (;;) {
		if (vt_contains(v, needle))
			return true;
		long left = end - vt_now_ms();
		if (left <= 0)
			return false;
		if (vt_pump(v, left > 50 ? 50 : (int)left) < 0 && !vt_contains(v, needle))
			return false;
	}
}

bool vt_wait_gone(struct vt *v, const char *needle, int timeout_ms)
{
	long end = vt_now_ms() + timeout_ms;
	for (;;) {
		if (!vt_contains(v, needle))
			return true;
		long left = end - vt_now_ms();
		if (left <= 0)
			return false;
		if (vt_pump(v, left > 50 ? 50 : (int)left) < 0)
			return !vt_contains(v, needle);
	}
}

void vt_resize(struct vt *v, int rows, int cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	vterm_set_size(v->term, rows, cols);
	if (v->fd >= 0)
		ioctl(v->fd, TIOCSWINSZ, &ws);
}

size_t vt_bytes(const struct vt *v)
{
	return v->bytes;
}

void vt_hangup(struct vt *v)
{
	if (v->fd >= 0) {
		close(v->fd);
		v->fd = -1;
	}
}

int vt_wait_exit(struct vt *v, int timeout_ms)
{
	long end = vt_now_ms() + timeout_ms;
	for (;;) {
		if (v->exited)
			return v->status;
		int st;
		pid_t r = waitpid(v->pid, &st, WNOHANG);
		if (r == v->pid) {
			v->exited = true;
			v->status = st;
			return st;
		}
		if (vt_now_ms() >= end)
			return -1;
		if (v->fd >= 0)
			vt_pump(v, 10);
		else
			usleep(5000);
	}
}

pid_t vt_pid(const struct vt *v)
{
	return v->pid;
}

void vt_free(struct vt *v)
{
	if (!v)
		return;
	if (!v->exited && vt_wait_exit(v, 0) == -1) {
		kill(v->pid, SIGKILL);
		waitpid(v->pid, &v->status, 0);
	}
	if (v->fd >= 0)
		close(v->fd);
	vterm_free(v->term);
	free(v);
}
