// SPDX-License-Identifier: GPL-2.0
/*
 * tsync_bench: cost of restricting every thread of a process with
 * LANDLOCK_RESTRICT_SELF_TSYNC, against the user-space way it replaces
 * (signal every thread, each one calls landlock_restrict_self() from its
 * signal handler, the caller waits until all did).
 *
 * Usage: tsync_bench [THREADS [ROUNDS]]   (default 1000 threads, 11 rounds)
 *
 * Each round runs in a fresh child process: THREADS threads wait in
 * FUTEX_WAIT, then the clock runs from the first system call of the method
 * until every thread is restricted.  Both methods alternate in one run, so
 * that they see the same machine.  Prints the median of each method and
 * their ratio.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/landlock.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef LANDLOCK_RESTRICT_SELF_TSYNC
#define LANDLOCK_RESTRICT_SELF_TSYNC (1U << 3)
#endif

static atomic_int futex_word;
static atomic_int restricted;
static atomic_int started;
static int ruleset_fd;
static int num_threads;
static pid_t *tids;

static long futex(atomic_int *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void *idle_thread(void *arg)
{
	tids[(long)arg] = syscall(SYS_gettid);
	atomic_fetch_add(&started, 1);
	while (!atomic_load(&futex_word))
		futex(&futex_word, FUTEX_WAIT_PRIVATE, 0);
	return NULL;
}

/* The user-space way: each thread restricts itself in a signal handler. */
static void restrict_in_handler(int sig)
{
	if (syscall(SYS_landlock_restrict_self, ruleset_fd, 0))
		_exit(3);
	if (atomic_fetch_add(&restricted, 1) + 1 == num_threads)
		futex(&restricted, FUTEX_WAKE_PRIVATE, 1);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* One round in a child process; returns the time in microseconds. */
static double run_round(int tsync)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_WRITE_FILE,
	};
	struct sigaction sa = {
		.sa_handler = restrict_in_handler,
		.sa_flags = SA_RESTART,
	};
	pthread_t *threads;
	pthread_attr_t tattr;
	double t0, t1;
	int i, n;

	ruleset_fd = syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr),
			     0);
	if (ruleset_fd < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
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
	/* Lets every thread reach its futex wait. */
	usleep(200000);

	t0 = now_us();
	if (tsync) {
		if (syscall(SYS_landlock_restrict_self, ruleset_fd,
			    LANDLOCK_RESTRICT_SELF_TSYNC))
			exit(3);
	} else {
		for (i = 1; i < num_threads; i++)
			syscall(SYS_tgkill, getpid(), tids[i], SIGUSR1);
		restrict_in_handler(0);
		while ((n = atomic_load(&restricted)) < num_threads)
			futex(&restricted, FUTEX_WAIT_PRIVATE, n);
	}
	t1 = now_us();
	return t1 - t0;
}

static double measure(int tsync)
{
	int pipefd[2], status;
	double us = -1;
	pid_t child;

	if (pipe(pipefd))
		exit(1);
	child = fork();
	if (child == 0) {
		us = run_round(tsync);
		if (write(pipefd[1], &us, sizeof(us)) != sizeof(us))
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &us, sizeof(us)) != sizeof(us))
		us = -1;
	close(pipefd[0]);
	waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "round failed (status %d)\n", status);
		exit(1);
	}
	return us;
}

static int cmp(const void *a, const void *b)
{
	const double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char *argv[])
{
	int rounds, i;
	double *t_tsync, *t_user;

	num_threads = argc > 1 ? atoi(argv[1]) : 1000;
	rounds = argc > 2 ? atoi(argv[2]) : 11;
	t_tsync = calloc(rounds, sizeof(*t_tsync));
	t_user = calloc(rounds, sizeof(*t_user));
	for (i = 0; i < rounds; i++) {
		t_tsync[i] = measure(1);
		t_user[i] = measure(0);
		printf("round %d: tsync %.0f us, signal broadcast %.0f us\n",
		       i, t_tsync[i], t_user[i]);
	}
	qsort(t_tsync, rounds, sizeof(*t_tsync), cmp);
	qsort(t_user, rounds, sizeof(*t_user), cmp);
	printf("threads=%d rounds=%d median: tsync %.0f us, signal broadcast %.0f us, ratio %.2f\n",
	       num_threads, rounds, t_tsync[rounds / 2], t_user[rounds / 2],
	       t_user[rounds / 2] / t_tsync[rounds / 2]);
	return 0;
}
