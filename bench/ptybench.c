/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ptybench.c: run a terminal program in a pseudo-terminal of a fixed size
 * and measure what it writes, the same way for every program.
 *
 *   ptybench [options] -- PROGRAM [ARGS...]
 *
 *   -r ROWS -c COLS    terminal size (24 x 80)
 *   -q MS              a step ends after MS ms without output (300)
 *   -g MS              the first burst ends at the first gap of MS ms (50)
 *   -W MS              how long @wait and @quit wait at most (10000)
 *   -e K=V             add to the child's environment (which is otherwise
 *                      only PATH, HOME, TERM=xterm-256color, LANG=C.UTF-8)
 *   -P N               paint mode: start the program N times, print the
 *                      median, min and max time from fork to the last byte
 *                      of its first burst, and its startup bytes
 *   -m TEXT            with -P: the paint is complete when the screen shows
 *                      TEXT (the end of the burst that drew it), so a
 *                      program that sets the terminal up first and draws
 *                      later is timed to its drawing
 *   -k KEY             script mode: one step per -k (see below)
 *   -w FILE            the state file whose rename @save waits for
 *   -j DIR             with -w: also time @save to the first file renamed
 *                      into DIR (the journal's segments: the edit is
 *                      durable there before the state file is written)
 *   -S                 also count write() calls per step (runs the program
 *                      under strace -f -y and reads its log)
 *   -x                 print the final screen
 *   -T N               run mode: no terminal; run the command N times with
 *                      output to /dev/null, in the caller's environment
 *                      and -e's, and print, per run, its wall
 *                      time, CPU time (user + system) and peak RSS
 *
 * Keys: @up @down @pgdn @pgup @enter @esc @space, @idle=MS (send nothing,
 * count what arrives in MS ms), @wait=TEXT (not measured: wait until the
 * screen shows TEXT), @save (send Space and time it to the rename of -w's
 * file, via inotify), @quit=KEYS (send KEYS and wait for exit; prints the
 * peak RSS from wait4), anything else is typed as it is (\r \t \e \xHH \\).
 *
 * Output, one line per measured thing:
 *   paint median_ms min_ms max_ms bytes
 *   step LABEL bytes reads ms_to_first_byte ms_to_last_byte cpu_us [writes]
 *                      (cpu_us: the program's CPU time for the step, read
 *                      from its CPU clock, clock_getcpuclockid; - under -S)
 *   save ms [ms_to_journal]
 *   paint_samples MS...
 *   rss_kb N
 *   run wall_ms cpu_ms rss_kb exit_status
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

static int rows = 24, cols = 80, quiet_ms = 300, gap_ms = 50, wait_ms = 10000;
static char *extra_env[64];
static int nextra;
static const char *watch_file, *journal_dir;
static bool use_strace, show_screen;

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

struct pty {
	int fd;
	pid_t pid;
	VTerm *vt;
	VTermScreen *screen;
	double t0;
	size_t bytes, reads;
	struct rusage ru;
	bool exited;
	char slog[PATH_MAX];
	clockid_t cpu;        /* the child's CPU clock */
	bool have_cpu;
};

/* The child's CPU time so far (user + system), in microseconds; -1 when
 * it cannot be read (under strace the clock is strace's). */
static double child_cpu_us(const struct pty *p)
{
	struct timespec t;

	if (!p->have_cpu || use_strace || clock_gettime(p->cpu, &t) != 0)
		return -1;
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static void to_child(const char *s, size_t len, void *user)
{
	struct pty *p = user;

	while (len > 0) {
		ssize_t w = write(p->fd, s, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

static void spawn(struct pty *p, char **argv)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	char home[] = "/tmp/ptybench-home-XXXXXX";

	memset(p, 0, sizeof *p);
	if (!mkdtemp(home)) {
		perror("mkdtemp");
		exit(2);
	}
	if (use_strace)
		snprintf(p->slog, sizeof p->slog, "%s/strace.log", home);
	p->t0 = now_ms();
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0) {
		perror("forkpty");
		exit(2);
	}
	if (p->pid == 0) {
		char *env[80], path[] = "PATH=/usr/local/bin:/usr/bin:/bin", hbuf[64];
		int n = 0;

		snprintf(hbuf, sizeof hbuf, "HOME=%s", home);
		env[n++] = path;
		env[n++] = hbuf;
		env[n++] = "TERM=xterm-256color";
		env[n++] = "LANG=C.UTF-8";
		env[n++] = "LESSHISTFILE=-";
		env[n++] = "TZ=UTC";
		for (int i = 0; i < nextra; i++)
			env[n++] = extra_env[i];
		env[n] = NULL;
		if (use_strace) {
			char *sargv[64];
			int k = 0;

			sargv[k++] = "strace";
			sargv[k++] = "-f";
			sargv[k++] = "-y";
			sargv[k++] = "-qq";
			sargv[k++] = "-e";
			sargv[k++] = "trace=read,write,writev";
			sargv[k++] = "-e";
			sargv[k++] = "signal=none";
			sargv[k++] = "-o";
			sargv[k++] = p->slog;
			for (int i = 0; argv[i] && k < 63; i++)
				sargv[k++] = argv[i];
			sargv[k] = NULL;
			execvpe("strace", sargv, env);
		} else {
			execvpe(argv[0], argv, env);
		}
		_exit(127);
	}
	p->have_cpu = clock_getcpuclockid(p->pid, &p->cpu) == 0;
	p->vt = vterm_new(rows, cols);
	vterm_set_utf8(p->vt, 1);
	vterm_output_set_callback(p->vt, to_child, p);
	p->screen = vterm_obtain_screen(p->vt);
	vterm_screen_enable_altscreen(p->screen, 1);
	vterm_screen_reset(p->screen, 1);
}

/* Read until quiet for q ms (or max_ms passes).  Returns bytes read;
 * *first / *last get the times (since t_ref) of the first and last byte,
 * *burst the bytes before the first gap of gap_ms. */
static size_t drain(struct pty *p, int q, int max_ms, double t_ref, double *first, double *last,
		    size_t *burst, double *burst_end, size_t *nreads)
{
	double start = now_ms(), last_t = -1;
	size_t got = 0, b = 0, nr = 0;
	bool in_burst = true;
	char buf[65536];

	if (first)
		*first = -1;
	if (burst_end)
		*burst_end = -1;
	for (;;) {
		double t = now_ms();
		double since = last_t < 0 ? t - start : t - last_t;
		int wait = (int)(q - since);

		if (t - start > max_ms || wait <= 0)
			break;
		struct pollfd pf = { p->fd, POLLIN, 0 };
		int r = poll(&pf, 1, wait);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		ssize_t n = read(p->fd, buf, sizeof buf);

		if (n <= 0)
			break; /* EIO: the child closed the terminal */
		t = now_ms();
		if (in_burst && last_t >= 0 && t - last_t > gap_ms)
			in_burst = false;
		if (in_burst) {
			b += (size_t)n;
			if (burst_end)
				*burst_end = t - t_ref;
		}
		if (first && *first < 0)
			*first = t - t_ref;
		last_t = t;
		got += (size_t)n;
		nr++;
		vterm_input_write(p->vt, buf, (size_t)n);
	}
	if (last)
		*last = last_t < 0 ? -1 : last_t - t_ref;
	if (burst)
		*burst = b;
	if (nreads)
		*nreads = nr;
	p->bytes += got;
	p->reads += nr;
	return got;
}

static char *screen_text(struct pty *p)
{
	size_t cap = (size_t)rows * ((size_t)cols * 4 + 1) + 1, len = 0;
	char *s = malloc(cap);

	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = { r, c };

			vterm_screen_get_cell(p->screen, pos, &cell);
			for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++) {
				uint32_t u = cell.chars[i];

				if (u < 0x80) {
					s[len++] = (char)u;
				} else if (u < 0x800) {
					s[len++] = (char)(0xC0 | (u >> 6));
					s[len++] = (char)(0x80 | (u & 0x3F));
				} else if (u < 0x10000) {
					s[len++] = (char)(0xE0 | (u >> 12));
					s[len++] = (char)(0x80 | ((u >> 6) & 0x3F));
					s[len++] = (char)(0x80 | (u & 0x3F));
				} else {
					s[len++] = (char)(0xF0 | (u >> 18));
					s[len++] = (char)(0x80 | ((u >> 12) & 0x3F));
					s[len++] = (char)(0x80 | ((u >> 6) & 0x3F));
					s[len++] = (char)(0x80 | (u & 0x3F));
				}
			}
			if (!cell.chars[0] && cell.width == 1)
				s[len++] = ' ';
		}
		s[len++] = '\n';
	}
	s[len] = '\0';
	return s;
}

static bool wait_text(struct pty *p, const char *text, int timeout_ms)
{
	double end = now_ms() + timeout_ms;

	while (now_ms() < end) {
		char *s = screen_text(p);
		bool ok = strstr(s, text) != NULL;

		free(s);
		if (ok)
			return true;
		drain(p, 30, 100, 0, NULL, NULL, NULL, NULL, NULL);
	}
	return false;
}

static void reap(struct pty *p, int timeout_ms)
{
	double end = now_ms() + timeout_ms;
	int st;

	while (!p->exited) {
		pid_t r = wait4(p->pid, &st, WNOHANG, &p->ru);

		if (r == p->pid) {
			p->exited = true;
			break;
		}
		if (now_ms() > end) {
			kill(p->pid, SIGKILL);
			wait4(p->pid, &st, 0, &p->ru);
			p->exited = true;
			break;
		}
		drain(p, 20, 50, 0, NULL, NULL, NULL, NULL, NULL);
	}
}

static void finish(struct pty *p)
{
	if (!p->exited) {
		kill(p->pid, SIGTERM);
		reap(p, 2000);
	}
	close(p->fd);
	vterm_free(p->vt);
}

static void send_key(struct pty *p, const char *k)
{
	static const struct {
		const char *name;
		VTermKey key;
	} named[] = {
		{ "@up", VTERM_KEY_UP }, { "@down", VTERM_KEY_DOWN }, { "@pgdn", VTERM_KEY_PAGEDOWN },
		{ "@pgup", VTERM_KEY_PAGEUP }, { "@enter", VTERM_KEY_ENTER }, { "@esc", VTERM_KEY_ESCAPE },
		{ "@home", VTERM_KEY_HOME }, { "@end", VTERM_KEY_END },
	};

	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(k, named[i].name) == 0) {
			vterm_keyboard_key(p->vt, named[i].key, VTERM_MOD_NONE);
			return;
		}
	if (strcmp(k, "@space") == 0)
		k = " ";
	/* typed text, with \r \t \e \\ escapes */
	char out[1024];
	size_t n = 0;

	for (const char *s = k; *s && n < sizeof out - 1; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			if (*s == 'x' && s[1] && s[2]) {
				char hex[3] = { s[1], s[2], 0 };

				out[n++] = (char)strtol(hex, NULL, 16);
				s += 2;
				continue;
			}
			out[n++] = *s == 'r' ? '\r' : *s == 't' ? '\t' : *s == 'e' ? '\033' :
				   *s == 'n' ? '\n' : *s;
		} else {
			out[n++] = *s;
		}
	}
	to_child(out, n, p);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Count write() calls to the terminal per step from the strace log:
 * the steps that sent keys start at a read of the terminal returning data
 * (several reads in a row are one key); writes before the first such read
 * belong to startup.  counts[0] = startup, counts[i] = the i-th key. */
static int strace_counts(const char *log, long *counts, int max)
{
	FILE *f = fopen(log, "r");
	char line[8192];
	int seg = 0;
	bool last_was_read = false;

	if (!f)
		return -1;
	memset(counts, 0, sizeof *counts * (size_t)max);
	while (fgets(line, sizeof line, f)) {
		bool is_read = strstr(line, " read(") || strstr(line, "<... read resumed>");
		bool is_write = strstr(line, " write(") || strstr(line, " writev(") ||
				strstr(line, "<... write resumed>") || strstr(line, "<... writev resumed>");
		bool tty = strstr(line, "</dev/pts/") || strstr(line, "</dev/tty") ||
			   strstr(line, "resumed>");
		char *eq = strrchr(line, '=');
		long ret = eq ? strtol(eq + 1, NULL, 10) : -1;

		if (strstr(line, "<unfinished ...>") || !tty || ret <= 0)
			continue;
		if (is_read) {
			if (!last_was_read && seg < max - 1)
				seg++;
			last_was_read = true;
		} else if (is_write) {
			counts[seg]++;
			last_was_read = false;
		}
	}
	fclose(f);
	return seg;
}

/* With a marker: read until the screen shows it, then to the end of that
 * burst (the next gap of gap_ms); the paint ends with that burst's last
 * byte.  A program that sets up the terminal, loads, and only then draws
 * is timed to its drawing, not to its setup. */
static double paint_to_marker(struct pty *p, const char *marker, size_t *bytes)
{
	double end = now_ms() + 15000, t_read = -1;

	while (now_ms() < end) {
		char *s = screen_text(p);
		bool seen = strstr(s, marker) != NULL;

		free(s);
		if (seen) {
			double last;

			drain(p, gap_ms, 5000, p->t0, NULL, &last, NULL, NULL, NULL);
			*bytes = p->bytes;
			return last > 0 ? last : t_read;
		}
		struct pollfd pf = { p->fd, POLLIN, 0 };
		char buf[65536];

		if (poll(&pf, 1, 100) <= 0)
			continue;
		ssize_t n = read(p->fd, buf, sizeof buf);

		if (n <= 0)
			break;
		t_read = now_ms() - p->t0;
		p->bytes += (size_t)n;
		vterm_input_write(p->vt, buf, (size_t)n);
	}
	*bytes = p->bytes;
	return -1;
}

static int paint_mode(char **argv, int runs, const char *marker)
{
	double *t = calloc((size_t)runs, sizeof *t);
	size_t bytes = 0;

	for (int i = 0; i < runs; i++) {
		struct pty p;
		size_t burst;
		double bend;

		spawn(&p, argv);
		if (marker) {
			bend = paint_to_marker(&p, marker, &burst);
		} else {
			drain(&p, quiet_ms, 10000, p.t0, NULL, NULL, &burst, &bend, NULL);
		}
		t[i] = bend;
		bytes = burst;
		finish(&p);
	}
	printf("paint_samples");
	for (int i = 0; i < runs; i++)
		printf(" %.2f", t[i]);
	putchar('\n');
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	printf("paint %.2f %.2f %.2f %zu\n", t[runs / 2], t[0], t[runs - 1], bytes);
	free(t);
	return 0;
}

static int run_mode(char **argv, int runs)
{
	for (int i = 0; i < runs; i++) {
		struct rusage ru;
		double t0 = now_ms();
		int st = 0;
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, 1);
			dup2(null, 2);
			/* -e adds to the caller's environment here */
			for (int k = 0; k < nextra; k++)
				putenv(extra_env[k]);
			execvp(argv[0], argv);
			_exit(127);
		}
		wait4(pid, &st, 0, &ru);
		printf("run %.2f %.2f %ld %d\n", now_ms() - t0,
		       (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
			       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3,
		       ru.ru_maxrss, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
		fflush(stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *keys[256];
	int nkeys = 0, paint_runs = 0, run_runs = 0, opt;
	const char *marker = NULL;

	while ((opt = getopt(argc, argv, "+r:c:q:g:W:e:P:m:k:w:j:SxT:")) != -1) {
		switch (opt) {
		case 'r': rows = atoi(optarg); break;
		case 'c': cols = atoi(optarg); break;
		case 'q': quiet_ms = atoi(optarg); break;
		case 'g': gap_ms = atoi(optarg); break;
		case 'W': wait_ms = atoi(optarg); break;
		case 'e': if (nextra < 63) extra_env[nextra++] = optarg; break;
		case 'P': paint_runs = atoi(optarg); break;
		case 'm': marker = optarg; break;
		case 'k': if (nkeys < 255) keys[nkeys++] = optarg; break;
		case 'w': watch_file = optarg; break;
		case 'j': journal_dir = optarg; break;
		case 'S': use_strace = true; break;
		case 'x': show_screen = true; break;
		case 'T': run_runs = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: ptybench [-r R] [-c C] [-q MS] [-e K=V] [-P N | -k KEY...] -- PROG ARGS\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "ptybench: no program\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if (run_runs > 0)
		return run_mode(argv + optind, run_runs);
	if (paint_runs > 0)
		return paint_mode(argv + optind, paint_runs, marker);

	struct pty p;
	double first, last;
	size_t nr, burst;
	const char *labels[256];
	size_t sbytes[256], sreads[256];
	double sfirst[256], slast[256], scpu[256];
	int nsteps = 0, keyed[256], nkeyed = 0;

	spawn(&p, argv + optind);
	sbytes[0] = drain(&p, quiet_ms, 15000, p.t0, &first, &last, &burst, NULL, &nr);
	scpu[0] = child_cpu_us(&p);
	labels[0] = "@start";
	sreads[0] = nr;
	sfirst[0] = first;
	slast[0] = last;
	keyed[0] = 0;
	nsteps = 1;
	for (int i = 0; i < nkeys; i++) {
		const char *k = keys[i];

		if (strncmp(k, "@wait=", 6) == 0) {
			if (!wait_text(&p, k + 6, wait_ms)) {
				char *s = screen_text(&p);

				fprintf(stderr, "ptybench: the screen never showed \"%s\":\n%s", k + 6, s);
				free(s);
				finish(&p);
				return 1;
			}
			drain(&p, quiet_ms, 5000, 0, NULL, NULL, NULL, NULL, NULL);
			continue;
		}
		if (strncmp(k, "@quit=", 6) == 0) {
			send_key(&p, k + 6);
			reap(&p, wait_ms);
			printf("rss_kb %ld\n", p.ru.ru_maxrss);
			continue;
		}
		if (strcmp(k, "@save") == 0) {
			char *dir = strdup(watch_file), *slash = strrchr(dir, '/');
			const char *base = slash ? slash + 1 : watch_file;
			int in = inotify_init1(IN_CLOEXEC);
			char ev[4096];
			double t0, dt = -1, dj = -1;
			int wmain, wj = -1;

			if (slash)
				*slash = '\0';
			wmain = inotify_add_watch(in, slash ? dir : ".", IN_MOVED_TO | IN_CLOSE_WRITE);
			if (journal_dir)
				wj = inotify_add_watch(in, journal_dir, IN_MOVED_TO);
			t0 = now_ms();
			send_key(&p, " ");
			while ((dt < 0 || (wj >= 0 && dj < 0)) && now_ms() - t0 < 10000) {
				struct pollfd pf[2] = { { in, POLLIN, 0 }, { p.fd, POLLIN, 0 } };

				if (poll(pf, 2, 1000) <= 0)
					continue;
				if (pf[0].revents & POLLIN) {
					ssize_t n = read(in, ev, sizeof ev);

					for (char *e = ev; n > 0 && e < ev + n;) {
						struct inotify_event *ie = (struct inotify_event *)e;

						if (ie->wd == wmain && (ie->mask & IN_MOVED_TO) && ie->len &&
						    strcmp(ie->name, base) == 0 && dt < 0)
							dt = now_ms() - t0;
						/* a segment: a file of its own, not a temp file */
						if (wj >= 0 && ie->wd == wj && (ie->mask & IN_MOVED_TO) && ie->len &&
						    ie->name[0] != '.' && dj < 0)
							dj = now_ms() - t0;
						e += sizeof *ie + ie->len;
					}
				}
				if (pf[1].revents & POLLIN)
					drain(&p, 1, 5, 0, NULL, NULL, NULL, NULL, NULL);
			}
			if (journal_dir)
				printf("save %.2f %.2f\n", dt, dj);
			else
				printf("save %.2f\n", dt);
			close(in);
			free(dir);
			drain(&p, quiet_ms, 5000, 0, NULL, NULL, NULL, NULL, NULL);
			keyed[nsteps] = 1;
			labels[nsteps] = k;
			sbytes[nsteps] = 0;
			sreads[nsteps] = 0;
			scpu[nsteps] = -1;
			sfirst[nsteps] = slast[nsteps] = dt;
			nsteps++;
			nkeyed++;
			continue;
		}
		double t0 = now_ms(), c0 = child_cpu_us(&p);

		if (strncmp(k, "@idle=", 6) == 0) {
			int ms = atoi(k + 6);
			double end = t0 + ms;
			size_t got = 0, n_r = 0;

			while (now_ms() < end) {
				size_t r;

				got += drain(&p, (int)(end - now_ms()) + 1, (int)(end - now_ms()) + 1, t0,
					     NULL, NULL, NULL, NULL, &r);
				n_r += r;
			}
			sbytes[nsteps] = got;
			sreads[nsteps] = n_r;
			sfirst[nsteps] = slast[nsteps] = 0;
			keyed[nsteps] = 0;
		} else {
			send_key(&p, k);
			sbytes[nsteps] = drain(&p, quiet_ms, 15000, t0, &first, &last, &burst, NULL, &nr);
			sreads[nsteps] = nr;
			sfirst[nsteps] = first;
			slast[nsteps] = last;
			keyed[nsteps] = 1;
			nkeyed++;
		}
		scpu[nsteps] = c0 < 0 ? -1 : child_cpu_us(&p) - c0;
		labels[nsteps++] = k;
	}
	if (show_screen) {
		char *s = screen_text(&p);

		fputs(s, stderr);
		free(s);
	}
	finish(&p);

	long counts[258];
	int segs = use_strace ? strace_counts(p.slog, counts, 258) : -1;
	int key_i = 0;

	for (int i = 0; i < nsteps; i++) {
		printf("step %s %zu %zu %.2f %.2f", labels[i], sbytes[i], sreads[i], sfirst[i], slast[i]);
		if (scpu[i] >= 0)
			printf(" %.0f", scpu[i]);
		else
			printf(" -");
		if (segs >= 0) {
			if (i == 0)
				printf(" %ld", counts[0]);
			else if (keyed[i])
				printf(" %ld", ++key_i <= segs ? counts[key_i] : 0L);
			else
				printf(" -");
		}
		putchar('\n');
	}
	return 0;
}
