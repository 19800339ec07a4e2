# SPDX-License-Identifier: GPL-2.0
# Entry points of the harness; each target is one script in scripts/ (run it
# with --help for its options).  CONFIG=debug selects the debug kernel.
# EDITION=6.19.11 or EDITION=7.3.4 selects the edition (config/editions/):
# make check checks every edition unless one is given; the other targets
# default to 6.19.11.

S := scripts

.PHONY: help check check-debug run bench each-patch variants bpf-selftests \
	base root worktree export kernel tests vm-run checkpatch debian-patches

help:
	@echo "make check        build everything, run all tests in the VM, for both editions"
	@echo "                  (EDITION=7.3.4 for one; CONFIG=debug for the debug kernel)"
	@echo "make run          build the patched kernel and boot it to the demo"
	@echo "make bench        build and run the benchmarks (bench/) in one VM boot"
	@echo "make each-patch   build the kernel and the selftests at every patch (RUN=1: test each)"
	@echo "make variants     build the kernel without the BPF LSM, without Landlock, without audit"
	@echo "make bpf-selftests  the whole test_progs, on a kernel with the BPF selftests' config (RUN=1: run ours in it)"
	@echo "make worktree     make ./linux-EDITION: the base + patches/EDITION, where the series is edited"
	@echo "make export       write ./linux-EDITION's commits back to patches/EDITION"
	@echo "                  (every target takes EDITION=6.19.11 (default) or EDITION=7.3.4)"
	@echo "make debian-patches  which of Debian's kernel patches touch the files of the series"
	@echo "make base | root | kernel | tests | checkpatch   one step of make check"
	@echo "                  (TREE=linux builds the developer tree instead of the check tree)"
	@echo "make vm-run SCRIPT=file [DIR=dir]   run a script in the guest, DIR at /host"

check:
	$(S)/check.sh

check-debug:
	CONFIG=debug $(S)/check.sh

run:
	$(S)/run-demo.sh

bench:
	$(S)/bench.sh

each-patch:
	$(S)/each-patch.sh

variants:
	$(S)/build-variants.sh

bpf-selftests:
	$(S)/bpf-selftests.sh

base:
	$(S)/fetch-base.sh

root:
	$(S)/mkroot.sh

worktree:
	$(S)/worktree.sh

export:
	$(S)/export.sh

kernel:
	$(S)/build-kernel.sh $(TREE)

tests:
	$(S)/build-tests.sh $(TREE)

checkpatch:
	$(S)/checkpatch.sh

debian-patches:
	$(S)/debian-patches.sh

vm-run:
	@test -n "$(SCRIPT)" || { echo "usage: make vm-run SCRIPT=file [DIR=dir]"; exit 2; }
	$(S)/vm-run.sh $(SCRIPT) $(DIR)
