# Writes OUTPUT, a header with the git revision of SOURCE_DIR and whether the working tree differs
# from it (tracked changes or untracked files), at every build (CMakeLists.txt, target
# detsim_build_revision). The file is rewritten only when its content changes.
#   cmake -DSOURCE_DIR=... -DOUTPUT=... -P cmake/build_revision.cmake
set(revision "unknown")
set(dirty -1)  # unknown: not a git checkout, or git is missing
execute_process(
  COMMAND git rev-parse --show-toplevel
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE top
  RESULT_VARIABLE failed
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
# Only the source tree's own repository counts, not one it happens to sit inside.
if(NOT failed AND top)
  file(REAL_PATH ${top} top)
  file(REAL_PATH ${SOURCE_DIR} source)
endif()
if(NOT failed AND top AND top STREQUAL source)
  execute_process(
    COMMAND git rev-parse --short=12 HEAD
    WORKING_DIRECTORY ${SOURCE_DIR}
    OUTPUT_VARIABLE head
    RESULT_VARIABLE failed
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT failed AND head)
    set(revision ${head})
    # --no-optional-locks: a build must never hold the index lock a git command of the user needs.
    execute_process(
      COMMAND git --no-optional-locks status --porcelain
      WORKING_DIRECTORY ${SOURCE_DIR}
      OUTPUT_VARIABLE changes
      RESULT_VARIABLE failed
      ERROR_QUIET)
    if(NOT failed)
      if(changes)
        set(dirty 1)
      else()
        set(dirty 0)
      endif()
    endif()
  endif()
endif()
set(content "// Generated at every build by cmake/build_revision.cmake: the source revision built.
#pragma once

namespace detsim::build {
inline constexpr const char* git_revision = \"${revision}\";
// 1: the working tree differed from git_revision (tracked changes or untracked files); 0: it did
// not; -1: unknown (not a git checkout).
inline constexpr int git_dirty = ${dirty};
}  // namespace detsim::build
")
set(old "")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
endif()
if(NOT old STREQUAL content)
  file(WRITE ${OUTPUT} "${content}")
endif()
