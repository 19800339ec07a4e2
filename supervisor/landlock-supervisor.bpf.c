// SPDX-License-Identifier: GPL-2.0
/*
 * landlock-supervisor: restricts the execution of chosen files with Landlock
 * rulesets that user space built and stored in a
 * BPF_MAP_TYPE_LANDLOCK_RULESET map.
 */

#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "supervisor.h"

#define EPERM 1
#define ENOENT 2

char _license[] SEC("license") = "GPL";

int bpf_landlock_restrict_binprm(struct linux_binprm *bprm,
				 const struct bpf_landlock_ruleset *ruleset,
				 __u32 flags) __ksym;
void bpf_landlock_put_ruleset(const struct bpf_landlock_ruleset *ruleset) __ksym;

/* Entry i: the ruleset of target i (user space stores a ruleset fd). */
struct {
	__uint(type, BPF_MAP_TYPE_LANDLOCK_RULESET);
	__uint(max_entries, MAX_TARGETS);
	__type(key, __u32);
	__type(value, __u32);
} rulesets SEC(".maps");

/*
 * The targets, attached to their inodes: hard links and renames keep it, and
 * no device number has to match (btrfs subvolumes, overlayfs).  User space
 * keeps a file descriptor of each target open, which keeps its inode, and
 * this storage, in memory.
 */
struct {
	__uint(type, BPF_MAP_TYPE_INODE_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct target_value);
} targets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* Per target, read by user space when it stops. */
__u64 restricted[MAX_TARGETS];
__u64 denied[MAX_TARGETS];
__u64 unrestricted[MAX_TARGETS];
/* Events that did not fit in the ring buffer. */
__u64 lost_events;

static void report(const struct linux_binprm *bprm, __u32 index, int error,
		   enum event_result result)
{
	struct event *event;

	event = bpf_ringbuf_reserve(&events, sizeof(*event), 0);
	if (!event) {
		__sync_fetch_and_add(&lost_events, 1);
		return;
	}
	event->pid = bpf_get_current_pid_tgid() >> 32;
	event->index = index;
	event->error = error;
	event->result = result;
	bpf_get_current_comm(event->comm, sizeof(event->comm));
	bpf_probe_read_kernel_str(event->filename, sizeof(event->filename),
				  bprm->filename);
	bpf_ringbuf_submit(event, 0);
}

/*
 * bprm_creds_for_exec runs once per execve(2), for the file that it names
 * (a script, not its interpreter), before anything of the new program is
 * decided: the layer is built and enforced by Landlock with the new
 * program's credentials, after the point of no return.  The program must be
 * sleepable to call bpf_landlock_restrict_binprm().  Counted and reported
 * here: an execve(2) that fails later is counted as restricted too.
 */
SEC("lsm.s/bprm_creds_for_exec")
int BPF_PROG(supervise_exec, struct linux_binprm *bprm)
{
	struct bpf_landlock_ruleset *ruleset;
	struct target_value *found;
	__u32 index, key_index, flags, fail_open;
	int error;

	/* AT_EXECVE_CHECK only checks the file: nothing will run. */
	if (BPF_CORE_READ_BITFIELD(bprm, is_check))
		return 0;

	found = bpf_inode_storage_get(&targets, bprm->file->f_inode, 0, 0);
	if (!found)
		return 0;

	/* Reads the entry once. */
	index = found->index;
	flags = found->flags;
	fail_open = found->fail_open;
	/* User space never stores such an index: fails closed. */
	if (index >= MAX_TARGETS)
		return -EPERM;

	/* A copy: the bounds of index must stay in a register. */
	key_index = index;
	ruleset = bpf_map_lookup_elem(&rulesets, &key_index);
	if (ruleset) {
		error = bpf_landlock_restrict_binprm(bprm, ruleset, flags);
		bpf_landlock_put_ruleset(ruleset);
	} else {
		error = -ENOENT;
	}

	if (!error) {
		__sync_fetch_and_add(&restricted[index], 1);
		report(bprm, index, 0, RESULT_RESTRICTED);
		return 0;
	}
	if (fail_open) {
		__sync_fetch_and_add(&unrestricted[index], 1);
		report(bprm, index, error, RESULT_UNRESTRICTED);
		return 0;
	}
	__sync_fetch_and_add(&denied[index], 1);
	report(bprm, index, error, RESULT_DENIED);
	return -EPERM;
}
