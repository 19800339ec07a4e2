// SPDX-License-Identifier: GPL-2.0
/*
 * tsync_bench: cost of restricting every thread of a process with
 * LANDLOCK_RESTRICT_SELF_TSYNC, against the user-space way it replaces
 * (signal every thread, each one calls landlock_restrict_self() from its
 * signal handler, the caller waits until all did), and against seccomp's
 * SECCOMP_FILTER_FLAG_TSYNC, which writes every thread's state itself
 * (an allow-all filter).
 *
 * Usage: tsync_bench [THREADS [ROUNDS [shared|private [futex|epoll]]]]
 *        (default 1000 threads, 11 rounds, shared credentials, futex)
 *
 * Each round runs in a fresh child process where THREADS - 1 threads are
 * idle, in FUTEX_WAIT (futex) or in epoll_wait(2) (epoll), both
 * interruptible sleeps.  TSYNC does not wake a thread that shares the
 * caller's credentials: it switches when it next returns to user space.  With
 * epoll, the caller then wakes every thread (an eventfd), and a thread counts
 * itself once back in user space, which it can only reach through its switch:
 * the second figure is the time until every thread did.  epoll_wait(2)
 * wakes one waiter per event, and that waiter wakes the next one on its way
 * out (the eventfd is never read, so the event stays ready): the threads
 * come back one after the other, so with epoll the same wake-up is also
 * timed without any TSYNC call before it ("epoll wake alone", timed from
 * the write), the floor of the second figure.  With the broadcast,
 * a thread counts itself in its signal handler once it restricted itself, and
 * the call returns once every thread did.
 * With "private", each thread first commits credentials of its own (clearing
 * its ambient capabilities), which makes TSYNC's switch of that thread
 * prepare new credentials instead of sharing the caller's.
 *
 * The methods (and, with epoll, the wake-up alone) alternate in one run, so
 * that they see the same machine.
 * Prints the medians and their ratios.  Refuses to run on a jiffies
 * clocksource, whose 4 ms steps make every figure 0 or 4000 us.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef LANDLOCK_RESTRICT_SELF_TSYNC
#define LANDLOCK_RESTRICT_SELF_TSYNC (1U << 3)
#endif

#define PROBE_FILE "/tmp/tsync_bench.probe"

static atomic_int restricted;
static atomic_int started;
static int ruleset_fd;
static int num_threads;
static int private_creds;
static int idle_epoll;
static int epfd, wake_fd;
static pid_t *tids;
/* Set by count_restricted(), also from the signal handler. */
static __thread volatile sig_atomic_t counted;

static long futex(atomic_int *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void count_restricted(void)
{
	counted = 1;
	if (atomic_fetch_add(&restricted, 1) + 1 == num_threads)
		futex(&restricted, FUTEX_WAKE_PRIVATE, 1);
}

/* Whether the current thread is restricted: it cannot write PROBE_FILE. */
static int is_restricted(void)
{
	const int fd = open(PROBE_FILE, O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno == EACCES;
}

static void *idle_thread(void *arg)
{
	struct epoll_event event;

	tids[(long)arg] = syscall(SYS_gettid);
	if (private_creds &&
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0))
		_exit(2);
	atomic_fetch_add(&started, 1);
	if (idle_epoll) {
		/*
		 * Woken by the caller (an event) or by a signal (EINTR): the
		 * broadcast's handler already counted the thread, TSYNC's
		 * pseudo-signal did not.
		 */
		while (!counted)
			if ((epoll_wait(epfd, &event, 1, -1) == 1 ||
			     errno == EINTR) && !counted)
				count_restricted();
	}
	for (;;)
		futex(&started, FUTEX_WAIT_PRIVATE, atomic_load(&started));
	return NULL;
}

/* The user-space way: each thread restricts itself in a signal handler. */
static void restrict_in_handler(int sig)
{
	if (syscall(SYS_landlock_restrict_self, ruleset_fd, 0))
		_exit(3);
	count_restricted();
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

enum method {
	M_TSYNC,
	M_BROADCAST,
	M_SECCOMP,
	M_WAKE,
};

/* seccomp's TSYNC, with a filter that allows everything. */
static int seccomp_tsync(void)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	const struct sock_fprog prog = {
		.len = 1,
		.filter = &allow,
	};

	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		       SECCOMP_FILTER_FLAG_TSYNC, &prog);
}

struct result {
	/* Latency of the call, and time until every thread is restricted. */
	double call_us, all_us;
};

/* One round in a child process. */
static struct result run_round(const enum method method)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_WRITE_FILE,
	};
	struct sigaction sa = {
		.sa_handler = restrict_in_handler,
		.sa_flags = SA_RESTART,
	};
	struct result res;
	pthread_t *threads;
	pthread_attr_t tattr;
	double t0, t1;
	int i, n;

	struct epoll_event event = {
		.events = EPOLLIN,
	};
	const uint64_t one = 1;

	ruleset_fd = syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr),
			     0);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	wake_fd = eventfd(0, EFD_CLOEXEC);
	if (ruleset_fd < 0 || epfd < 0 || wake_fd < 0 ||
	    epoll_ctl(epfd, EPOLL_CTL_ADD, wake_fd, &event) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    sigaction(SIGUSR1, &sa, NULL))
		exit(2);
	threads = calloc(num_threads, sizeof(*threads));
	tids = calloc(num_threads, sizeof(*tids));
	pthread_attr_init(&tattr);
	pthread_attr_setstacksize(&tattr, 64 * 1024);
	/* The caller is one of the num_threads threads. */
	for (i = 1; i < num_threads; i++)
		if (pthread_create(&threads[i], &tattr, idle_thread,
				   (void *)(long)i))
			exit(2);
	while (atomic_load(&started) < num_threads - 1)
		usleep(1000);
	/* Lets every thread reach its wait. */
	usleep(200000);

	t0 = now_us();
	if (method == M_SECCOMP) {
		/* Returns the ID of a thread it could not synchronize. */
		if (seccomp_tsync())
			exit(3);
		res.call_us = now_us() - t0;
		/* Every thread has the filter once the call returns. */
		res.all_us = res.call_us;
		return res;
	}
	if (method == M_TSYNC) {
		if (syscall(SYS_landlock_restrict_self, ruleset_fd,
			    LANDLOCK_RESTRICT_SELF_TSYNC))
			exit(3);
		res.call_us = now_us() - t0;
		if (!is_restricted())
			exit(3);
		/* Idle threads in FUTEX_WAIT do not tell when they switched. */
		if (!idle_epoll) {
			res.all_us = -1;
			return res;
		}
	}
	if (method == M_TSYNC || method == M_WAKE) {
		/* Wakes the epoll threads (M_WAKE: nothing restricted). */
		count_restricted();
		if (write(wake_fd, &one, sizeof(one)) != sizeof(one))
			exit(2);
	} else {
		for (i = 1; i < num_threads; i++)
			syscall(SYS_tgkill, getpid(), tids[i], SIGUSR1);
		restrict_in_handler(0);
	}
	while ((n = atomic_load(&restricted)) < num_threads)
		futex(&restricted, FUTEX_WAIT_PRIVATE, n);
	t1 = now_us();
	res.all_us = t1 - t0;
	if (method == M_BROADCAST)
		res.call_us = res.all_us;
	return res;
}

static struct result measure(const enum method method)
{
	struct result res = { -1, -1 };
	int pipefd[2], status;
	pid_t child;

	if (pipe(pipefd))
		exit(1);
	child = fork();
	if (child == 0) {
		res = run_round(method);
		if (write(pipefd[1], &res, sizeof(res)) != sizeof(res))
			_exit(1);
		/* The idle threads never return. */
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &res, sizeof(res)) != sizeof(res))
		exit(1);
	close(pipefd[0]);
	waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "round failed (status %d)\n", status);
		exit(1);
	}
	return res;
}

static int cmp(const void *a, const void *b)
{
	const double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Exits unless CLOCK_MONOTONIC has a better resolution than jiffies. */
static void check_clocksource(void)
{
	char name[64] = "";
	FILE *const f = fopen(
		"/sys/devices/system/clocksource/clocksource0/current_clocksource",
		"r");

	if (f) {
		if (!fgets(name, sizeof(name), f))
			name[0] = '\0';
		fclose(f);
	}
	if (strstr(name, "jiffies")) {
		fprintf(stderr,
			"tsync_bench: the clocksource is %s(4 ms steps): no figures\n",
			name);
		exit(4);
	}
}

static double median(double *const values, const int n)
{
	qsort(values, n, sizeof(*values), cmp);
	return values[n / 2];
}

int main(int argc, char *argv[])
{
	double *call, *all, *user, *secc, *wake;
	int rounds, i, fd;

	num_threads = argc > 1 ? atoi(argv[1]) : 1000;
	rounds = argc > 2 ? atoi(argv[2]) : 11;
	private_creds = argc > 3 && !strcmp(argv[3], "private");
	idle_epoll = argc > 4 && !strcmp(argv[4], "epoll");
	if (num_threads < 1 || rounds < 1)
		return 1;
	check_clocksource();
	fd = open(PROBE_FILE, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return 1;
	close(fd);
	call = calloc(rounds, sizeof(*call));
	all = calloc(rounds, sizeof(*all));
	user = calloc(rounds, sizeof(*user));
	secc = calloc(rounds, sizeof(*secc));
	wake = calloc(rounds, sizeof(*wake));
	for (i = 0; i < rounds; i++) {
		const struct result t = measure(M_TSYNC),
				    u = measure(M_BROADCAST),
				    s = measure(M_SECCOMP);

		call[i] = t.call_us;
		all[i] = t.all_us;
		user[i] = u.all_us;
		secc[i] = s.call_us;
		wake[i] = idle_epoll ? measure(M_WAKE).all_us : -1;
		printf("round %d: tsync call %.0f us, all switched %.0f us; signal broadcast %.0f us; seccomp tsync %.0f us",
		       i, call[i], all[i], user[i], secc[i]);
		if (idle_epoll)
			printf("; epoll wake alone %.0f us", wake[i]);
		printf("\n");
	}
	printf("threads=%d %s %s rounds=%d median: tsync call %.0f us",
	       num_threads, private_creds ? "private" : "shared",
	       idle_epoll ? "epoll" : "futex", rounds, median(call, rounds));
	if (idle_epoll)
		printf(", all switched %.0f us", median(all, rounds));
	printf("; signal broadcast %.0f us; ratio %.2f (call)",
	       median(user, rounds), median(user, rounds) / median(call, rounds));
	if (idle_epoll)
		printf(", %.2f (all switched)",
		       median(user, rounds) / median(all, rounds));
	printf("; seccomp tsync %.0f us; tsync call / seccomp %.2f",
	       median(secc, rounds), median(call, rounds) / median(secc, rounds));
	if (idle_epoll)
		printf("; epoll wake alone %.0f us", median(wake, rounds));
	printf("\n");
	unlink(PROBE_FILE);
	return 0;
}
