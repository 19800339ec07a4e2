/* SPDX-License-Identifier: GPL-2.0 */
/*
 * landlock-supervisor: what its BPF program and its user space share.
 */

#ifndef LANDLOCK_SUPERVISOR_H
#define LANDLOCK_SUPERVISOR_H

/*
 * Entries of the rulesets map and of the counters.  The targets map is an
 * inode storage map: user space adds a target through a file descriptor of
 * it, the BPF program finds it from the executed file's inode.
 */
#define MAX_TARGETS 64

struct target_value {
	/* Index of the target's ruleset in the rulesets map. */
	__u32 index;
	/* bpf_landlock_restrict_binprm() flags. */
	__u32 flags;
	/* On a failed restriction: let the program run (1) or deny it (0). */
	__u32 fail_open;
	__u32 pad;
};

enum event_result {
	/* The program runs restricted. */
	RESULT_RESTRICTED,
	/* The restriction failed, and the execve(2) was denied. */
	RESULT_DENIED,
	/* The restriction failed, and the program runs unrestricted. */
	RESULT_UNRESTRICTED,
};

/* One execve(2) of a target, reported through the ring buffer. */
struct event {
	__u32 pid;
	__u32 index;
	/* 0, or the negative error of the restriction. */
	__s32 error;
	/* enum event_result. */
	__u32 result;
	/* The name of the task that executes, before the execve(2). */
	char comm[16];
	/* The path given to execve(2) (truncated). */
	char filename[128];
};

#endif /* LANDLOCK_SUPERVISOR_H */
