// SPDX-License-Identifier: GPL-2.0
/*
 * landlock-demo - The series' two other features, for "make run"
 *
 *   landlock-demo tsync FILE
 *	Starts three threads, then restricts the whole process in one
 *	landlock_restrict_self(2) call with LANDLOCK_RESTRICT_SELF_TSYNC:
 *	every thread is denied reading FILE.
 *
 *   landlock-demo exectime FILE COMMAND [ARG...]
 *	Stages a restriction with LANDLOCK_RESTRICT_SELF_EXECTIME, reads
 *	FILE (still allowed), then executes COMMAND, which is denied reading
 *	FILE.
 *
 * The ruleset handles reading files, and allows it beneath /usr, /etc,
 * /proc and /dev only.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NUM_THREADS 3

static const char *file;
static pthread_barrier_t restricted;

static int create_ruleset(void)
{
	static const char *const allowed[] = { "/usr", "/etc", "/proc", "/dev" };
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	int ruleset_fd;
	size_t i;

	ruleset_fd = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr),
			     0);
	if (ruleset_fd < 0) {
		perror("landlock_create_ruleset");
		exit(1);
	}
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		struct landlock_path_beneath_attr path_beneath = {
			.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
			.parent_fd = open(allowed[i], O_PATH | O_CLOEXEC),
		};

		if (path_beneath.parent_fd < 0 ||
		    syscall(__NR_landlock_add_rule, ruleset_fd,
			    LANDLOCK_RULE_PATH_BENEATH, &path_beneath, 0)) {
			perror(allowed[i]);
			exit(1);
		}
		close(path_beneath.parent_fd);
	}
	return ruleset_fd;
}

static void try_read(const char *const who)
{
	const int fd = open(file, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		printf("%s: read %s: %s\n", who, file, strerror(errno));
		return;
	}
	printf("%s: read %s: allowed\n", who, file);
	close(fd);
}

static void *thread(void *const arg)
{
	char who[32];

	snprintf(who, sizeof(who), "thread %ld (tid %ld)", (long)arg,
		 (long)gettid());
	/* Waits until the main thread restricted the process. */
	pthread_barrier_wait(&restricted);
	try_read(who);
	return NULL;
}

static int tsync(void)
{
	pthread_t threads[NUM_THREADS];
	int ruleset_fd;
	long i;

	pthread_barrier_init(&restricted, NULL, NUM_THREADS + 1);
	for (i = 0; i < NUM_THREADS; i++)
		pthread_create(&threads[i], NULL, thread, (void *)(i + 1));

	ruleset_fd = create_ruleset();
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(__NR_landlock_restrict_self, ruleset_fd,
		    LANDLOCK_RESTRICT_SELF_TSYNC)) {
		perror("landlock_restrict_self(TSYNC)");
		return 1;
	}
	printf("main thread: restricted the process (%d threads) in one call\n",
	       NUM_THREADS + 1);
	try_read("main thread");
	pthread_barrier_wait(&restricted);
	for (i = 0; i < NUM_THREADS; i++)
		pthread_join(threads[i], NULL);
	return 0;
}

static int exectime(char *const argv[])
{
	const int ruleset_fd = create_ruleset();

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(__NR_landlock_restrict_self, ruleset_fd,
		    LANDLOCK_RESTRICT_SELF_EXECTIME)) {
		perror("landlock_restrict_self(EXECTIME)");
		return 1;
	}
	close(ruleset_fd);
	printf("landlock-demo (pid %d): staged a restriction for the next execve\n",
	       getpid());
	try_read("landlock-demo, after staging");
	printf("landlock-demo: executes %s\n", argv[0]);
	fflush(stdout);
	execvp(argv[0], argv);
	perror(argv[0]);
	return 1;
}

int main(int argc, char *argv[])
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "tsync")) {
		file = argv[2];
		return tsync();
	}
	if (argc >= 4 && !strcmp(argv[1], "exectime")) {
		file = argv[2];
		return exectime(argv + 3);
	}
	fprintf(stderr,
		"usage: %s tsync FILE | exectime FILE COMMAND [ARG...]\n",
		argv[0]);
	return 2;
}
