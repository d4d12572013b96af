#!/usr/bin/env bash
# Prints whose code a finding of the results-reader fuzzer broke in, from the report of its replay
# (fuzz_results_reader run on the one input): "libhdf5", "detsim" or "none" (did not reproduce).
#
# The owner is that of the first frame of the crash's own stack that belongs to libhdf5 (or zlib)
# or to detsim (its namespace, or the harness's entry point). Frames of neither (the C library,
# libstdc++, the sanitizers' runtime, libFuzzer) are passed over: they run on behalf of whoever
# called them, and how they are named depends on the machine (glibc's memcpy shows as
# "libc.so.6+0x..." without debug symbols and as "string/../sysdeps/..." with them). A report whose
# stack names neither is counted as detsim's, so that nothing unexplained passes. One crash in
# libhdf5 is detsim's all the same: a write past a buffer detsim allocated, which libhdf5 filled as
# the file's dataspace says, so detsim sized it wrong. A hang is counted as libhdf5's: libhdf5 1.10
# loops on some damaged files, and detsim reads them in a child process.
#
# usage: fuzz_finding_owner.sh REPORT
set -euo pipefail
report=${1:?usage: fuzz_finding_owner.sh REPORT}

if grep -q 'ALARM: working on the last Unit' "$report"; then
  echo libhdf5
  exit 0
fi

# The stack of frames after the first line matching $1: the crash's own (after ASan's ERROR or
# UBSan's runtime error), or the one saying where the memory it touched was allocated.
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

owner=$(stack_after 'ERROR|runtime error' | owning_frame)
if grep -qE 'libhdf5|libz\.so' <<<"$owner"; then
  allocator=$(stack_after 'allocated by thread' | owning_frame)
  if grep -q 'WRITE of size' "$report" && [[ -n $allocator ]] &&
    ! grep -qE 'libhdf5|libz\.so' <<<"$allocator"; then
    echo detsim
  else
    echo libhdf5
  fi
elif [[ -n $owner ]] || grep -qE 'ERROR|SUMMARY|deadly' "$report"; then
  echo detsim
else
  echo none
fi
