// SPDX-License-Identifier: GPL-2.0
/*
 * landlock-supervisor - Sandbox chosen programs whenever they are executed
 *
 * Reads a policy (see usage() and the README), builds one Landlock ruleset
 * per target program, stores them in a BPF_MAP_TYPE_LANDLOCK_RULESET map, and
 * attaches a sleepable BPF LSM program that restricts every execve(2) of a
 * target with its ruleset (bpf_landlock_restrict_binprm()), until SIGINT or
 * SIGTERM.  Targets are matched by inode and device: a hard link or a rename
 * does not escape, whoever executes them (a shell, a script, a service
 * manager).
 */

#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/capability.h>
#include <linux/landlock.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "supervisor.h"
#include "landlock-supervisor.skel.h"

#define NAME "landlock-supervisor"

/* Exit statuses. */
#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

/*
 * The uapi header tells which numbering of the Landlock ABI the kernel has.
 * Upstream's (Linux 7.3, the series' 7.3.4 edition): ABI 9 adds
 * LANDLOCK_ACCESS_FS_RESOLVE_UNIX, ABI 10 and 11 add rights and flags that
 * this program does not use (network, quiet rules, TSYNC), and the series
 * makes ABI 12.  The series' 6.19.11 edition: the series makes ABI 9, and
 * LANDLOCK_ACCESS_FS_RESOLVE_UNIX does not exist.
 */
#ifdef LANDLOCK_ACCESS_FS_RESOLVE_UNIX
#define ACCESS_FS_RESOLVE_UNIX LANDLOCK_ACCESS_FS_RESOLVE_UNIX
#define ACCESS_FS_LAST LANDLOCK_ACCESS_FS_RESOLVE_UNIX
/* The Landlock ABI that adds LANDLOCK_ACCESS_FS_RESOLVE_UNIX. */
#define RESOLVE_UNIX_ABI 9
/* The newest Landlock ABI whose rights this program knows. */
#define KNOWN_ABI 12
#else
#define ACCESS_FS_RESOLVE_UNIX 0
#define ACCESS_FS_LAST LANDLOCK_ACCESS_FS_IOCTL_DEV
#define KNOWN_ABI 9
#endif

/* All the file system access rights of the newest Landlock ABI known. */
#define ACCESS_FS_ALL ((ACCESS_FS_LAST << 1) - 1)

/*
 * What "read" gives beneath a path.  Not LANDLOCK_ACCESS_FS_RESOLVE_UNIX:
 * connecting to a UNIX socket talks to the server behind it (connect(2)
 * needs write permission on the socket file), "write" gives it.
 */
#define ACCESS_FS_READ                                          \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | \
	 LANDLOCK_ACCESS_FS_READ_DIR)

/* The rights that apply to a file that is not a directory. */
#define ACCESS_FILE                                                  \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |     \
	 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |     \
	 LANDLOCK_ACCESS_FS_IOCTL_DEV | ACCESS_FS_RESOLVE_UNIX)

/* In the order of the access right bits, one name for each. */
static const char *const access_fs_names[] = {
	"execute",    "write_file", "read_file",  "read_dir",
	"remove_dir", "remove_file", "make_char", "make_dir",
	"make_reg",   "make_sock",  "make_fifo",  "make_block",
	"make_sym",   "refer",      "truncate",   "ioctl_dev",
#ifdef LANDLOCK_ACCESS_FS_RESOLVE_UNIX
	"resolve_unix",
#endif
};

static_assert(sizeof(access_fs_names) ==
		      sizeof(access_fs_names[0]) *
			      (__builtin_ctzll(ACCESS_FS_LAST) + 1),
	      "access_fs_names has one name for each access right");

struct rule {
	char *path;
	bool write;
	int line;
};

struct target {
	char *path;
	int line;
	/* The file, kept open: it keys the targets map. */
	int fd;
	dev_t dev;
	ino_t ino;
	struct rule *rules;
	size_t num_rules;
	bool no_new_privs;
	bool fail_open;
	__u32 log_flags;
	/* Lines of no-new-privs and on-failure, 0 if not given. */
	int nnp_line;
	int on_failure_line;
};

struct policy {
	const char *file;
	struct target targets[MAX_TARGETS];
	size_t num_targets;
};

static volatile sig_atomic_t stop;

static int landlock_abi(void)
{
	return syscall(__NR_landlock_create_ruleset, NULL, 0,
		       LANDLOCK_CREATE_RULESET_VERSION);
}

static __u64 handled_access_fs(const int abi)
{
	__u64 access = ACCESS_FS_ALL;

#ifdef LANDLOCK_ACCESS_FS_RESOLVE_UNIX
	if (abi < RESOLVE_UNIX_ABI)
		access &= ~LANDLOCK_ACCESS_FS_RESOLVE_UNIX;
#endif
	if (abi < 5)
		access &= ~LANDLOCK_ACCESS_FS_IOCTL_DEV;
	if (abi < 3)
		access &= ~LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi < 2)
		access &= ~LANDLOCK_ACCESS_FS_REFER;
	return access;
}

static void usage(FILE *const out)
{
	fprintf(out,
		"Usage: " NAME " [--dry-run] [--verbose] POLICY\n"
		"\n"
		"Restricts the programs that POLICY names with Landlock, whenever\n"
		"they are executed, by whomever, until stopped (Ctrl-C, SIGTERM or\n"
		"SIGHUP, which detach everything: the targets then run\n"
		"unrestricted).  Needs root (CAP_BPF and CAP_PERFMON, or\n"
		"CAP_SYS_ADMIN) and a kernel with Landlock, the BPF LSM and the\n"
		"Landlock kfuncs.\n"
		"\n"
		"  -n, --dry-run   check POLICY, print the rulesets, and exit\n"
		"  -v, --verbose   print libbpf's messages\n"
		"  -h, --help      print this help\n"
		"\n"
		"POLICY has one directive per line; a word that starts with '#'\n"
		"starts a comment; paths have no spaces and no '#'.  \"target\"\n"
		"starts the block of a program; the other directives apply to the\n"
		"last target:\n"
		"\n"
		"  target PATH            an executable file, matched by its inode\n"
		"                         when an execve(2) names it (hard links and\n"
		"                         renames included; not a copy, nor a file\n"
		"                         replaced later, nor an interpreter that\n"
		"                         runs a #! script: the script is executed)\n"
		"  read PATH...           read and execute beneath these paths (a #!\n"
		"                         script target needs to read itself)\n"
		"  write PATH...          every file system access beneath these paths\n"
#ifdef LANDLOCK_ACCESS_FS_RESOLVE_UNIX
		"                         (connecting to UNIX sockets there included)\n"
#endif
		"  no-new-privs on|off    set no_new_privs with the domain (default on;\n"
		"                         off only restricts executions by tasks with\n"
		"                         no_new_privs or CAP_SYS_ADMIN)\n"
		"  log FLAG...            same-exec-off, new-exec-on, subdomains-off:\n"
		"                         the LANDLOCK_RESTRICT_SELF_LOG_* flags\n"
		"  on-failure deny|allow  when the restriction fails: deny the\n"
		"                         execve(2) with EPERM (default), or let the\n"
		"                         program run unrestricted\n"
		"\n"
		"Every file system access the running kernel's Landlock handles is\n"
		"denied beneath any other path, and a target may not signal processes\n"
		"outside its domain (Landlock ABI 6 and later).  "
#ifdef LANDLOCK_ACCESS_FS_RESOLVE_UNIX
		"Connecting to a\n"
		"pathname UNIX socket is one of these accesses from Landlock ABI 9\n"
		"(LANDLOCK_ACCESS_FS_RESOLVE_UNIX): \"write\" allows it, \"read\"\n"
		"does not (connect(2) needs write permission on the socket); a\n"
		"socket that the target, or a program it runs, created stays\n"
		"reachable.\n"
#else
		"Connecting to a\n"
		"pathname UNIX socket is not restricted: the Landlock that this\n"
		"program is built for has no access right for it.\n"
#endif
		"\n"
		"Exit status: 0, 1 (runtime error, missing kernel feature), 2 (usage\n"
		"or policy error).\n");
}

static void __attribute__((format(printf, 3, 4)))
policy_error(const struct policy *const policy, const int line,
	     const char *const fmt, ...)
{
	va_list args;

	fprintf(stderr, "%s:%d: ", policy->file, line);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
}

static int parse_target(struct policy *const policy, const int line,
			const char *const path)
{
	struct target *target;
	struct stat st;
	size_t i;

	if (policy->num_targets >= MAX_TARGETS) {
		policy_error(policy, line, "more than %d targets", MAX_TARGETS);
		return -1;
	}
	target = &policy->targets[policy->num_targets];
	target->fd = open(path, O_PATH | O_CLOEXEC);
	if (target->fd < 0 || fstat(target->fd, &st)) {
		policy_error(policy, line, "target %s: %s", path,
			     strerror(errno));
		goto err;
	}
	if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111)) {
		policy_error(policy, line,
			     "target %s: not an executable regular file", path);
		goto err;
	}
	target->dev = st.st_dev;
	target->ino = st.st_ino;
	for (i = 0; i < policy->num_targets; i++) {
		if (policy->targets[i].ino == target->ino &&
		    policy->targets[i].dev == target->dev) {
			policy_error(policy, line,
				     "target %s: same file as the target of line %d",
				     path, policy->targets[i].line);
			goto err;
		}
	}
	target->path = strdup(path);
	if (!target->path) {
		policy_error(policy, line, "%s", strerror(ENOMEM));
		goto err;
	}
	target->line = line;
	target->no_new_privs = true;
	policy->num_targets++;
	return 0;

err:
	if (target->fd >= 0)
		close(target->fd);
	return -1;
}

static int parse_rule(struct policy *const policy, struct target *const target,
		      const int line, const char *const path, const bool write)
{
	struct rule *rules;
	struct stat st;

	if (stat(path, &st)) {
		policy_error(policy, line, "%s: %s", path, strerror(errno));
		return -1;
	}
	rules = realloc(target->rules,
			(target->num_rules + 1) * sizeof(*target->rules));
	if (!rules) {
		policy_error(policy, line, "%s", strerror(ENOMEM));
		return -1;
	}
	target->rules = rules;
	rules[target->num_rules].path = strdup(path);
	if (!rules[target->num_rules].path) {
		policy_error(policy, line, "%s", strerror(ENOMEM));
		return -1;
	}
	rules[target->num_rules].write = write;
	rules[target->num_rules].line = line;
	target->num_rules++;
	return 0;
}

static int parse_switch(struct policy *const policy, const int line,
			const char *const keyword, const char *const value,
			const char *const yes, const char *const no,
			bool *const result)
{
	if (value && !strcmp(value, yes)) {
		*result = true;
		return 0;
	}
	if (value && !strcmp(value, no)) {
		*result = false;
		return 0;
	}
	policy_error(policy, line, "%s takes \"%s\" or \"%s\", not \"%s\"",
		     keyword, yes, no, value ?: "");
	return -1;
}

/* The log directive's words, for parsing and for --dry-run. */
static const struct {
	const char *name;
	__u32 flag;
} log_flags[] = {
	{ "same-exec-off", LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF },
	{ "new-exec-on", LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON },
	{ "subdomains-off", LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF },
};

static int parse_log(struct policy *const policy, struct target *const target,
		     const int line, const char *const flag, const int abi)
{
	size_t i;

	for (i = 0; i < sizeof(log_flags) / sizeof(log_flags[0]); i++) {
		if (!strcmp(flag, log_flags[i].name))
			break;
	}
	if (i == sizeof(log_flags) / sizeof(log_flags[0])) {
		policy_error(policy, line,
			     "unknown log flag \"%s\" (same-exec-off, new-exec-on, subdomains-off)",
			     flag);
		return -1;
	}
	if (abi > 0 && abi < 7) {
		policy_error(policy, line,
			     "log flags need Landlock ABI 7, the kernel has %d",
			     abi);
		return -1;
	}
	target->log_flags |= log_flags[i].flag;
	return 0;
}

/*
 * Parses one line, split in words.  Returns 0, or -1 after printing an error
 * with the line number.
 */
static int parse_line(struct policy *const policy, const int line, char **words,
		      const size_t num_words, const int abi)
{
	const char *const keyword = words[0];
	struct target *target = NULL;
	bool value;
	size_t i;

	if (!strcmp(keyword, "target")) {
		if (num_words != 2) {
			policy_error(policy, line,
				     "target takes one path, %zu given",
				     num_words - 1);
			return -1;
		}
		return parse_target(policy, line, words[1]);
	}

	if (strcmp(keyword, "read") && strcmp(keyword, "write") &&
	    strcmp(keyword, "no-new-privs") && strcmp(keyword, "log") &&
	    strcmp(keyword, "on-failure")) {
		policy_error(policy, line,
			     "unknown directive \"%s\" (target, read, write, no-new-privs, log, on-failure)",
			     keyword);
		return -1;
	}
	if (!policy->num_targets) {
		policy_error(policy, line, "%s before the first target",
			     keyword);
		return -1;
	}
	target = &policy->targets[policy->num_targets - 1];
	if (num_words < 2) {
		policy_error(policy, line, "%s needs a value", keyword);
		return -1;
	}

	if (!strcmp(keyword, "read") || !strcmp(keyword, "write")) {
		for (i = 1; i < num_words; i++) {
			if (parse_rule(policy, target, line, words[i],
				       keyword[0] == 'w'))
				return -1;
		}
		return 0;
	}
	if (!strcmp(keyword, "log")) {
		for (i = 1; i < num_words; i++) {
			if (parse_log(policy, target, line, words[i], abi))
				return -1;
		}
		return 0;
	}
	if (num_words != 2) {
		policy_error(policy, line, "%s takes one value, %zu given",
			     keyword, num_words - 1);
		return -1;
	}
	if (!strcmp(keyword, "no-new-privs")) {
		if (target->nnp_line) {
			policy_error(policy, line,
				     "no-new-privs already given on line %d",
				     target->nnp_line);
			return -1;
		}
		if (parse_switch(policy, line, keyword, words[1], "on", "off",
				 &value))
			return -1;
		target->no_new_privs = value;
		target->nnp_line = line;
		return 0;
	}
	if (target->on_failure_line) {
		policy_error(policy, line, "on-failure already given on line %d",
			     target->on_failure_line);
		return -1;
	}
	if (parse_switch(policy, line, keyword, words[1], "allow", "deny",
			 &value))
		return -1;
	target->fail_open = value;
	target->on_failure_line = line;
	return 0;
}

/* Returns 0, or -1 after printing what is wrong. */
static int parse_policy(struct policy *const policy, const int abi)
{
	char *buf = NULL, *words[64];
	size_t size = 0;
	int line = 0, err = 0;
	FILE *file;

	file = fopen(policy->file, "r");
	if (!file) {
		fprintf(stderr, NAME ": %s: %s\n", policy->file,
			strerror(errno));
		return -1;
	}
	while (!err && getline(&buf, &size, file) >= 0) {
		size_t num_words = 0;
		char *save, *word;

		line++;
		for (word = strtok_r(buf, " \t\r\n", &save); word;
		     word = strtok_r(NULL, " \t\r\n", &save)) {
			/* A comment starts with a word that starts with '#'. */
			if (word[0] == '#')
				break;
			if (strchr(word, '#')) {
				policy_error(policy, line,
					     "'#' inside \"%s\": a comment starts a word",
					     word);
				err = -1;
				break;
			}
			if (num_words == sizeof(words) / sizeof(words[0])) {
				policy_error(policy, line, "too many words");
				err = -1;
				break;
			}
			words[num_words++] = word;
		}
		if (!err && num_words)
			err = parse_line(policy, line, words, num_words, abi);
	}
	if (!err && ferror(file)) {
		fprintf(stderr, NAME ": %s: read error\n", policy->file);
		err = -1;
	}
	if (!err && !policy->num_targets) {
		fprintf(stderr, NAME ": %s: no target\n", policy->file);
		err = -1;
	}
	free(buf);
	fclose(file);
	return err;
}

static __u64 rule_access(const struct rule *const rule, const __u64 handled,
			 const bool is_dir)
{
	__u64 access = rule->write ? handled : (ACCESS_FS_READ & handled);

	return is_dir ? access : (access & ACCESS_FILE);
}

static void print_access(const __u64 access)
{
	size_t i;

	for (i = 0; i < sizeof(access_fs_names) / sizeof(access_fs_names[0]);
	     i++) {
		if (access & (1ULL << i))
			printf(" %s", access_fs_names[i]);
	}
	printf("\n");
}

/* Prints what the rulesets would be, for --dry-run. */
static void print_policy(const struct policy *const policy, const int abi)
{
	const __u64 handled = handled_access_fs(abi);
	size_t i, j;

	if (abi > 0)
		printf("Landlock ABI %d\n", abi);
	else
		printf("Landlock unavailable here: rights of ABI 1 and later shown\n");
	for (i = 0; i < policy->num_targets; i++) {
		const struct target *const target = &policy->targets[i];

		printf("target %s (line %d, device %u:%u, inode %llu)\n",
		       target->path, target->line, major(target->dev),
		       minor(target->dev), (unsigned long long)target->ino);
		printf("  no_new_privs: %s; on failure: %s; log flags:",
		       target->no_new_privs ? "set" : "not set",
		       target->fail_open ? "run unrestricted" : "deny");
		for (j = 0; j < sizeof(log_flags) / sizeof(log_flags[0]); j++) {
			if (target->log_flags & log_flags[j].flag)
				printf(" %s", log_flags[j].name);
		}
		printf("%s\n", target->log_flags ? "" : " none");
		printf("  handled:");
		print_access(handled);
		if (abi >= 6)
			printf("  scoped: signal\n");
		for (j = 0; j < target->num_rules; j++) {
			const struct rule *const rule = &target->rules[j];
			struct stat st;
			bool is_dir = !stat(rule->path, &st) &&
				      S_ISDIR(st.st_mode);

			printf("  %s %s:", rule->write ? "write" : "read",
			       rule->path);
			print_access(rule_access(rule, handled, is_dir));
		}
	}
}

/* Returns a ruleset file descriptor, or -1 after printing what is wrong. */
static int build_ruleset(const struct policy *const policy,
			 const struct target *const target, const int abi)
{
	/*
	 * A target may not signal processes outside its domain (the supervisor
	 * included) where Landlock can scope signals.
	 */
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = handled_access_fs(abi),
		.scoped = abi >= 6 ? LANDLOCK_SCOPE_SIGNAL : 0,
	};
	int ruleset_fd;
	size_t i;

	ruleset_fd = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr),
			     0);
	if (ruleset_fd < 0) {
		policy_error(policy, target->line,
			     "cannot create the ruleset: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < target->num_rules; i++) {
		const struct rule *const rule = &target->rules[i];
		struct landlock_path_beneath_attr path_beneath = {};
		struct stat st;

		path_beneath.parent_fd = open(rule->path, O_PATH | O_CLOEXEC);
		if (path_beneath.parent_fd < 0 ||
		    fstat(path_beneath.parent_fd, &st)) {
			policy_error(policy, rule->line, "%s: %s", rule->path,
				     strerror(errno));
			goto err;
		}
		path_beneath.allowed_access =
			rule_access(rule, attr.handled_access_fs,
				    S_ISDIR(st.st_mode));
		if (syscall(__NR_landlock_add_rule, ruleset_fd,
			    LANDLOCK_RULE_PATH_BENEATH, &path_beneath, 0)) {
			policy_error(policy, rule->line, "%s: cannot add the rule: %s",
				     rule->path, strerror(errno));
			close(path_beneath.parent_fd);
			goto err;
		}
		close(path_beneath.parent_fd);
	}
	return ruleset_fd;

err:
	close(ruleset_fd);
	return -1;
}

/* Whether the effective capabilities have @cap. */
static bool has_cap(const int cap)
{
	unsigned long long caps = 0;
	char line[256];
	bool found = false;
	FILE *status;

	status = fopen("/proc/self/status", "r");
	if (!status)
		return false;
	while (!found && fgets(line, sizeof(line), status))
		found = sscanf(line, "CapEff: %llx", &caps) == 1;
	fclose(status);
	return found && (caps & (1ULL << cap));
}

/* Whether /sys/kernel/security/lsm lists @name, or -1 if it is unreadable. */
static int lsm_active(const char *const name)
{
	char list[512], *save, *lsm;
	FILE *file;
	bool found = false;

	file = fopen("/sys/kernel/security/lsm", "r");
	if (!file)
		return -1;
	if (!fgets(list, sizeof(list), file)) {
		fclose(file);
		return -1;
	}
	fclose(file);
	for (lsm = strtok_r(list, ",\n", &save); lsm && !found;
	     lsm = strtok_r(NULL, ",\n", &save))
		found = !strcmp(lsm, name);
	return found;
}

/*
 * Checks what the supervisor needs, and says what is missing.  Returns the
 * Landlock ABI version, or -1.
 */
static int probe(void)
{
	struct btf *btf;
	int abi, ret;

	if (!has_cap(CAP_SYS_ADMIN) &&
	    !(has_cap(CAP_BPF) && has_cap(CAP_PERFMON))) {
		fprintf(stderr,
			NAME ": not privileged: run as root (needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)\n");
		return -1;
	}
	abi = landlock_abi();
	if (abi < 0) {
		if (errno == EOPNOTSUPP)
			fprintf(stderr,
				NAME ": Landlock is disabled: add landlock to the lsm= boot parameter\n");
		else
			fprintf(stderr,
				NAME ": this kernel has no Landlock (CONFIG_SECURITY_LANDLOCK): %s\n",
				strerror(errno));
		return -1;
	}
	if (abi > KNOWN_ABI)
		fprintf(stderr,
			NAME ": warning: Landlock ABI %d: the access rights added after ABI %d are not handled\n",
			abi, KNOWN_ABI);
	ret = lsm_active("bpf");
	if (ret == 0) {
		fprintf(stderr,
			NAME ": the BPF LSM is not active: add bpf to the lsm= boot parameter (CONFIG_BPF_LSM=y)\n");
		return -1;
	}
	if (ret < 0)
		fprintf(stderr,
			NAME ": warning: cannot read /sys/kernel/security/lsm (securityfs not mounted?): the BPF LSM is not checked\n");
	ret = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_LANDLOCK_RULESET, NULL);
	if (ret <= 0) {
		fprintf(stderr,
			NAME ": this kernel has no BPF_MAP_TYPE_LANDLOCK_RULESET%s%s\n",
			ret < 0 ? ": " : "", ret < 0 ? strerror(-ret) : "");
		return -1;
	}
	btf = btf__load_vmlinux_btf();
	if (!btf) {
		fprintf(stderr, NAME ": cannot read the kernel's BTF: %s\n",
			strerror(errno));
		return -1;
	}
	ret = btf__find_by_name_kind(btf, "bpf_landlock_restrict_binprm",
				     BTF_KIND_FUNC);
	btf__free(btf);
	if (ret < 0) {
		fprintf(stderr,
			NAME ": this kernel has no Landlock kfuncs (bpf_landlock_restrict_binprm)\n");
		return -1;
	}
	return abi;
}

static const char *const result_names[] = {
	[RESULT_RESTRICTED] = "restricted",
	[RESULT_DENIED] = "execve denied",
	[RESULT_UNRESTRICTED] = "runs unrestricted (on-failure allow)",
};

/* Copies @src, a string of at most @size bytes, with '?' for control bytes. */
static void printable(char *const dst, const char *const src, const size_t size)
{
	size_t i;

	for (i = 0; i < size && src[i]; i++)
		dst[i] = (unsigned char)src[i] < 0x20 || src[i] == 0x7f ?
				 '?' :
				 src[i];
	dst[i] = '\0';
}

static int handle_event(void *const ctx, void *const data, const size_t size)
{
	const struct policy *const policy = ctx;
	const struct event *const event = data;
	char comm[sizeof(event->comm) + 1];
	char filename[sizeof(event->filename) + 1];
	const char *target = "?";

	if (size < sizeof(*event))
		return 0;
	if (event->index < policy->num_targets)
		target = policy->targets[event->index].path;
	/* The names come from the executing task: no forged log lines. */
	printable(comm, event->comm, sizeof(event->comm));
	printable(filename, event->filename, sizeof(event->filename));
	printf(NAME ": pid %u (%s) executes %s (target %s): ", event->pid, comm,
	       filename, target);
	if (event->error)
		printf("restriction failed (%s), ", strerror(-event->error));
	printf("%s\n",
	       event->result <= RESULT_UNRESTRICTED ?
		       result_names[event->result] :
		       "?");
	return 0;
}

static void on_signal(const int sig)
{
	stop = 1;
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt,
			va_list args)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, args) : 0;
}

static int supervise(struct policy *const policy, const int abi)
{
	const struct sigaction action = { .sa_handler = on_signal };
	struct landlock_supervisor_bpf *skel;
	struct ring_buffer *events = NULL;
	int err = EXIT_RUNTIME;
	FILE *oom_score;
	__u32 i;

	/*
	 * Stopping detaches everything, which lets the targets run
	 * unrestricted: only SIGINT, SIGTERM and SIGHUP stop the supervisor,
	 * a closed output (SIGPIPE) does not, and the OOM killer should not
	 * pick it.
	 */
	if (sigaction(SIGINT, &action, NULL) ||
	    sigaction(SIGTERM, &action, NULL) ||
	    sigaction(SIGHUP, &action, NULL) ||
	    signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
		fprintf(stderr, NAME ": sigaction: %s\n", strerror(errno));
		return EXIT_RUNTIME;
	}
	oom_score = fopen("/proc/self/oom_score_adj", "w");
	if (oom_score) {
		fputs("-1000\n", oom_score);
		fclose(oom_score);
	}

	skel = landlock_supervisor_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, NAME ": cannot load the BPF program: %s\n",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	for (i = 0; i < policy->num_targets; i++) {
		const struct target *const target = &policy->targets[i];
		int ruleset_fd;
		const struct target_value value = {
			.index = i,
			.flags = target->log_flags |
				 (target->no_new_privs ?
					  LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS :
					  0),
			.fail_open = target->fail_open,
		};

		ruleset_fd = build_ruleset(policy, target, abi);
		if (ruleset_fd < 0)
			goto out;
		/* The map keeps its own reference: the ruleset stays as built. */
		if (bpf_map_update_elem(bpf_map__fd(skel->maps.rulesets), &i,
					&ruleset_fd, BPF_ANY) ||
		    bpf_map_update_elem(bpf_map__fd(skel->maps.targets),
					&target->fd, &value, BPF_NOEXIST)) {
			fprintf(stderr, NAME ": target %s: cannot fill the maps: %s\n",
				target->path, strerror(errno));
			close(ruleset_fd);
			goto out;
		}
		close(ruleset_fd);
	}
	events = ring_buffer__new(bpf_map__fd(skel->maps.events), handle_event,
				  policy, NULL);
	if (!events) {
		fprintf(stderr, NAME ": cannot read the ring buffer: %s\n",
			strerror(errno));
		goto out;
	}
	/* The maps are complete: no target may run before its restriction. */
	if (landlock_supervisor_bpf__attach(skel)) {
		fprintf(stderr, NAME ": cannot attach the BPF program: %s\n",
			strerror(errno));
		goto out;
	}

	printf(NAME ": supervising %zu target%s (Ctrl-C to stop)\n",
	       policy->num_targets, policy->num_targets > 1 ? "s" : "");
	err = 0;
	while (!stop) {
		const int ret = ring_buffer__poll(events, 200);

		if (ret < 0 && ret != -EINTR) {
			fprintf(stderr, NAME ": ring buffer: %s\n",
				strerror(-ret));
			err = EXIT_RUNTIME;
			break;
		}
	}
	/* Detaches first, then reports what came before. */
	bpf_link__destroy(skel->links.supervise_exec);
	skel->links.supervise_exec = NULL;
	ring_buffer__consume(events);

	printf(NAME ": stopped; nothing is attached any more\n");
	for (i = 0; i < policy->num_targets; i++)
		printf(NAME ": %s: %llu restricted, %llu denied, %llu unrestricted\n",
		       policy->targets[i].path,
		       (unsigned long long)skel->bss->restricted[i],
		       (unsigned long long)skel->bss->denied[i],
		       (unsigned long long)skel->bss->unrestricted[i]);
	if (skel->bss->lost_events)
		printf(NAME ": %llu events lost (ring buffer full)\n",
		       (unsigned long long)skel->bss->lost_events);

out:
	ring_buffer__free(events);
	landlock_supervisor_bpf__destroy(skel);
	return err;
}

int main(const int argc, char *const argv[])
{
	static const struct option options[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static struct policy policy;
	bool dry_run = false, verbose = false;
	int opt, abi;

	while ((opt = getopt_long(argc, argv, "nvh", options, NULL)) != -1) {
		switch (opt) {
		case 'n':
			dry_run = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	policy.file = argv[optind];
	/* Log lines come when they happen, also into a file or a pipe. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!verbose)
		libbpf_set_print(libbpf_quiet);

	if (dry_run) {
		abi = landlock_abi();
		if (parse_policy(&policy, abi))
			return EXIT_USAGE;
		print_policy(&policy, abi);
		return 0;
	}

	/* A bad policy is refused before anything else. */
	if (parse_policy(&policy, landlock_abi()))
		return EXIT_USAGE;
	abi = probe();
	if (abi < 0)
		return EXIT_RUNTIME;
	return supervise(&policy, abi);
}
