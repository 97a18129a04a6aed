# Conduit - build, boot and test.
#
#   make qemu        boot Conduit to a shell in QEMU (quit: Ctrl-A then X)
#   make qemu CPUS=4 the same with 4 CPUs (default 2; also for test, bench, fuzz, stress)
#   make test        build everything and run every test in user/tests under QEMU
#   make test T="pipe_ fifo" run only the tests whose names start so
#   make test TESTS=dir      run the test programs of another directory instead
#   make test QEMU=qemu-system-x86_64   the same under the 64-bit emulator
#   make bench       boot with the benchmark as init and print its figures
#   make fuzz        fuzz the system calls for FUZZ_SECONDS (300); FUZZ_ARGS="SEED N" replays
#   make stress      random pipe topologies with checked data for STRESS_SECONDS (600)
#   make qemu-gdb    boot, but wait for a debugger (in another terminal: make gdb)
#   make gdb         attach GDB to the waiting QEMU, with the kernel's symbols
#   make             just build build/conduit.elf and build/initrd.cpio
#
# `make qemu` and `make test` first run tools/setup.sh, which installs any
# missing tool (cross compiler, QEMU, cpio) with apt-get.

QEMU ?= qemu-system-i386
TESTS ?= user/tests
MEM ?= 256M
# CPUs QEMU gives the machine; multi-threaded TCG runs each on a host thread.
CPUS ?= 2
# The cross toolchain prefix is found when first needed (after setup ran).
CROSS ?= $(shell tools/setup.sh --prefix)
CC = $(CROSS)gcc
NM = $(CROSS)nm
AR = $(CROSS)ar

B ?= build
WERROR := $(if $(CI),-Werror,)
WARN := -Wall -Wextra $(WERROR)
COMMON := -m32 -march=i686 -O2 -g -ffreestanding -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables $(WARN) -MP
# -MMD/-MD write each object's header dependencies (.d files, included at
# the end).  User code needs -MD: user/include is a system directory
# (-isystem), whose headers -MMD would leave out.
KCFLAGS := $(COMMON) -MMD -nostdinc -mgeneral-regs-only -fno-strict-aliasing \
	-fno-optimize-sibling-calls -Ikernel
UCFLAGS := $(COMMON) -MD -nostdinc -isystem user/include -fno-builtin
LDFLAGS_K := -m32 -nostdlib -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=4096 -T linker.ld
LDFLAGS_U := -m32 -static -nostdlib -no-pie -Wl,--build-id=none

KSRC := $(wildcard kernel/*.c kernel/*/*.c kernel/*/*.S boot/*.S)
KOBJ := $(patsubst %,$(B)/%.o,$(basename $(KSRC)))
LIBSRC := $(filter-out user/lib/crt0.S,$(wildcard user/lib/*.c user/lib/*.S))
LIBOBJ := $(patsubst %,$(B)/%.o,$(basename $(LIBSRC)))
# Programs of one file are user/bin/NAME.c; programs of several files
# have a directory user/NAME/ of their own (listed in PROGDIRS).
PROGDIRS := $(filter-out bin common include lib tests,$(notdir $(wildcard user/*)))
BIN1 := $(patsubst user/bin/%.c,$(B)/root/bin/%,$(wildcard user/bin/*.c))
BINS := $(BIN1) $(addprefix $(B)/root/bin/,$(PROGDIRS))
COMMONOBJ := $(patsubst user/common/%.c,$(B)/user/common/%.o,$(wildcard user/common/*.c))
TEST_C := $(wildcard $(TESTS)/*.c)
TEST_SH := $(wildcard $(TESTS)/*.sh)
TEST_OUT := $(wildcard $(TESTS)/*.out)
# Test programs are built in a directory of their own for each TESTS
# directory (user/tests -> build/tests/user_tests), so that switching
# between `make test TESTS=dir` and plain `make test` relinks nothing.
TESTS_ID := $(subst /,_,$(patsubst $(CURDIR)/%,%,$(abspath $(TESTS))))
TSTAGE := $(B)/tests/$(TESTS_ID)
TESTBINS := $(patsubst $(TESTS)/%.c,$(TSTAGE)/%,$(TEST_C))
# The initramfs holds exactly these files: /bin/NAME and /tests/NAME.
INITRD_FILES := $(BINS) $(TESTBINS) $(TEST_SH) $(TEST_OUT)
INITRD_LIST := $(foreach f,$(BINS),bin $(f)) \
	$(foreach f,$(TESTBINS) $(TEST_SH) $(TEST_OUT),tests $(f))
QEMU_FLAGS := -m $(MEM) -smp $(CPUS) -accel tcg,thread=multi \
	-kernel $(B)/conduit.elf -initrd $(B)/initrd.cpio -no-reboot -net none

# Each user gets a GDB port of their own, so classmates on one machine don't collide.
GDBPORT ?= $(shell expr 26000 + `id -u` % 5000)

.PHONY: all images qemu qemu-gdb gdb test bench fuzz stress setup clean FORCE
all: images
images: $(B)/conduit.elf $(B)/initrd.cpio

setup:
	@QEMU=$(QEMU) tools/setup.sh

qemu: setup
	@$(MAKE) --no-print-directory images
	@echo "Booting Conduit in $(QEMU). To quit QEMU: press Ctrl-A, then X."
	@tools/qemu.sh $(B)/qemu-reset.log $(QEMU) $(QEMU_FLAGS) -nographic -append "$(APPEND)"

qemu-gdb: setup .gdbinit
	@$(MAKE) --no-print-directory images
	@echo "QEMU waits for GDB on port $(GDBPORT): run 'make gdb' in another terminal."
	@echo "To quit QEMU: press Ctrl-A, then X."
	@tools/qemu.sh $(B)/qemu-reset.log $(QEMU) $(QEMU_FLAGS) -nographic -S -gdb tcp::$(GDBPORT) -append "$(APPEND)"

gdb: .gdbinit
	tools/gdb.sh .gdbinit

# Rewritten whenever GDBPORT, B or QEMU change what it says.
.gdbinit: tools/gdbinit.in FORCE
	@sed -e 's/@PORT@/$(GDBPORT)/' -e 's|@BUILD@|$(B)|g' \
		-e 's/@ARCH@/$(if $(findstring x86_64,$(QEMU)),i386:x86-64,i386)/' tools/gdbinit.in > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

test: setup
	@test -n "$(TEST_C)$(TEST_SH)" || { echo "make test: no tests (*.c or *.sh) in '$(TESTS)'" >&2; exit 1; }
	@$(MAKE) --no-print-directory images
ifeq ($(T),)
	@tools/check-lock-order.py
	@tools/test-build.sh "$(MAKE)" $(B) $(TESTS)
	@tools/test-harness.sh "$(QEMU)" "$(QEMU_FLAGS)" $(B)
	@tools/test-gdb.sh "$(QEMU)" "$(QEMU_FLAGS)" $(B)
	@tools/run-tests.sh "$(QEMU)" "$(QEMU_FLAGS)" $(B)/test.log
else
	@TEST_APPEND="init=/bin/runtests -- /tests $(T)" \
		tools/run-tests.sh "$(QEMU)" "$(QEMU_FLAGS)" $(B)/test.log
endif

bench: setup
	@$(MAKE) --no-print-directory images
	@tools/run-bench.sh "$(QEMU)" "$(QEMU_FLAGS)" $(B)/bench.log

FUZZ_SECONDS ?= 300
FUZZ_ARGS ?= -t $(FUZZ_SECONDS)
STRESS_SECONDS ?= 600
STRESS_ARGS ?= -t $(STRESS_SECONDS)

fuzz: setup
	@$(MAKE) --no-print-directory images
	@tools/run-long.sh "$(QEMU)" "$(QEMU_FLAGS)" $(B)/fuzz.log "init=/bin/fuzz -- $(FUZZ_ARGS)"

stress: setup
	@$(MAKE) --no-print-directory images
	@tools/run-long.sh "$(QEMU)" "$(QEMU_FLAGS)" $(B)/stress.log "init=/bin/stress -- $(STRESS_ARGS)"

# The kernel, linked twice so that panics can name functions (tools/mksyms.sh).
$(B)/kernel/pass1.elf: $(KOBJ) $(B)/kernel/ksyms0.o linker.ld
	$(CC) $(LDFLAGS_K) -o $@ $(KOBJ) $(B)/kernel/ksyms0.o -lgcc
$(B)/kernel/ksyms.S: $(B)/kernel/pass1.elf tools/mksyms.sh
	tools/mksyms.sh $(NM) $< > $@
$(B)/conduit.elf: $(KOBJ) $(B)/kernel/ksyms.o linker.ld
	$(CC) $(LDFLAGS_K) -o $@ $(KOBJ) $(B)/kernel/ksyms.o -lgcc
	@$(NM) -n $(B)/kernel/pass1.elf | grep ' [tT] ' > $(B)/kernel/syms1.txt
	@$(NM) -n $@ | grep ' [tT] ' > $(B)/kernel/syms2.txt
	@cmp -s $(B)/kernel/syms1.txt $(B)/kernel/syms2.txt || \
		{ echo "symbol table moved code: check linker.ld" >&2; rm -f $@; exit 1; }
$(B)/kernel/ksyms0.S: tools/mksyms.sh
	@mkdir -p $(@D)
	tools/mksyms.sh $(NM) > $@
$(B)/kernel/%.o: $(B)/kernel/%.S
	$(CC) $(KCFLAGS) -c -o $@ $<

$(B)/kernel/%.o: kernel/%.c
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c -o $@ $<
$(B)/kernel/%.o: kernel/%.S
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c -o $@ $<
$(B)/boot/%.o: boot/%.S
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c -o $@ $<

# The user library and programs.
$(B)/user/lib/%.o: user/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c -o $@ $<
$(B)/user/lib/%.o: user/lib/%.S
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c -o $@ $<
$(B)/user/libc.a: $(LIBOBJ)
	@rm -f $@
	$(AR) rcs $@ $^
ULIBS := $(B)/user/lib/crt0.o $(B)/user/libc.a

# Compiling and linking are separate rules so that the compiler's
# dependency lists (-MMD) rebuild a program when a header it uses changes.
$(B)/user/bin/%.o: user/bin/%.c
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c -o $@ $<
$(BIN1): $(B)/root/bin/%: $(B)/user/bin/%.o $(ULIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_U) -o $@ $(B)/user/lib/crt0.o $< $(B)/user/libc.a -lgcc
# Programs of several files (PROGDIRS): user/NAME/*.c, compiled with
# user/common/ on the include path and linked with libcommon.a, the code
# that such programs share (e.g. the fuzzer's and the stress test's leak
# check).  The template makes one link rule per directory.
$(B)/user/%.o: user/%.c
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -Iuser/common -c -o $@ $<
$(B)/user/libcommon.a: $(COMMONOBJ)
	@rm -f $@
	$(AR) rcs $@ $^
define PROGRAM_RULE
$(B)/root/bin/$(1): $(patsubst user/$(1)/%.c,$(B)/user/$(1)/%.o,$(wildcard user/$(1)/*.c)) $(B)/user/libcommon.a $(ULIBS)
	@mkdir -p $$(@D)
	$(CC) $(LDFLAGS_U) -o $$@ $(B)/user/lib/crt0.o $$(filter $(B)/user/$(1)/%,$$^) $(B)/user/libcommon.a $(B)/user/libc.a -lgcc
endef
$(foreach p,$(PROGDIRS),$(eval $(call PROGRAM_RULE,$(p))))

$(TSTAGE)/%.o: $(TESTS)/%.c
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c -o $@ $<
$(TESTBINS): $(TSTAGE)/%: $(TSTAGE)/%.o $(ULIBS)
	$(CC) $(LDFLAGS_U) -o $@ $(B)/user/lib/crt0.o $< $(B)/user/libc.a -lgcc
# One test built alone, by the name it has in the initramfs (/tests/NAME):
# ../shared/ltp/run.sh asks for $(B)/root/tests/NAME to see what compiles.
$(B)/root/tests/%: $(TSTAGE)/%
	@mkdir -p $(@D)
	cp $< $@

# The initramfs.  initrd.list names its files ("DIR FILE" lines); it is
# rewritten only when that list changes (a file added or removed, another
# TESTS), so the archive is rebuilt exactly when the list or a file in it
# changed, and an unchanged tree costs no time here.
$(B)/initrd.list: FORCE
	@mkdir -p $(@D)
	@printf '%s %s\n' $(INITRD_LIST) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(B)/initrd.cpio: $(B)/initrd.list $(INITRD_FILES) tools/mkinitrd.sh
	tools/mkinitrd.sh $(B)/initrd.list $@

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
