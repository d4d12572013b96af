#!/usr/bin/env bash
# Prints whose code a finding of the results-reader fuzzer broke in, from the report of its replay
# (fuzz_results_reader run on the one input): "libhdf5", "detsim" or "none" (ran to its end
# without a fault: the finding does not reproduce alone).
#
# The owner is that of the first frame of the crash's own stack that belongs to libhdf5 (or zlib)
# or to detsim (its namespace, or the harness's entry point). Frames of neither (the C library,
# libstdc++, the sanitizers' runtime, libFuzzer) are passed over: they run on behalf of whoever
# called them, and how they are named depends on the machine (glibc's memcpy shows as
# "libc.so.6+0x..." without debug symbols and as "string/../sysdeps/..." with them).
# Three refinements:
# - A write past memory detsim owns is detsim's even when libhdf5 does the writing: libhdf5 fills
#   what it is given as the file's dataspace says, so detsim sized the buffer wrong. The memory is
#   libhdf5's only if libhdf5 or zlib appear where it was allocated (or in whose stack frame it
#   lies); that stack may stop short of a detsim frame (libstdc++, a build without symbols).
# - A hang is libhdf5's (libhdf5 1.10 loops on some damaged files, and detsim reads them in a
#   child process) unless it was caught in detsim's own code.
# - A report with no owning frame is detsim's unless the replay ran to its end: a fault nobody
#   can explain, or a replay killed before it could report, must not pass.
#
# usage: fuzz_finding_owner.sh REPORT
set -euo pipefail
report=${1:?usage: fuzz_finding_owner.sh REPORT}

# The stack of frames after the first line matching $1: the crash's own (after ASan's or
# libFuzzer's ERROR, or UBSan's runtime error), or the one saying where the memory it touched lies.
stack_after() {
  awk -v start="$1" '$0 ~ start { found = 1; next }
    found && /^ +#[0-9]+ / { in_stack = 1; print; next }
    in_stack { exit }' "$report"
}
# The first frame in libhdf5, zlib or detsim. It reads its input to the end: a reader that stops
# early would kill the writer with SIGPIPE, and pipefail would end this script.
owning_frame() {
  { grep -E 'libhdf5|libz\.so|detsim::|LLVMFuzzerTestOneInput' || true; } | sed -n 1p
}
is_libhdf5() { grep -qE 'libhdf5|libz\.so' <<<"$1"; }

owner=$(stack_after 'ERROR|runtime error' | owning_frame)
if grep -q 'ALARM: working on the last Unit' "$report"; then
  if [[ -n $owner ]] && ! is_libhdf5 "$owner"; then echo detsim; else echo libhdf5; fi
elif is_libhdf5 "$owner"; then
  place=$(stack_after 'allocated by thread|is located in stack of thread')
  if grep -q 'WRITE of size' "$report" && [[ -n $place ]] && ! is_libhdf5 "$place"; then
    echo detsim
  else
    echo libhdf5
  fi
elif [[ -n $owner ]] || ! grep -qE '^Executed .* in [0-9]+ ms' "$report"; then
  echo detsim
else
  echo none
fi
