#!/usr/bin/env bash
# An installed detsim finds its presets beside itself, not in the source or build tree: installed
# into a scratch prefix with `cmake --install`, it runs --structure all on the installed scenario
# from another directory, reads a preset only the installation holds, and still does once the
# whole installation is moved elsewhere; the schema its YAML files name is installed beside them.
# Usage: installed_layout_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
unset DETSIM_PRESET_DIR
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
presets=$scratch/prefix/share/detsim/presets
[[ -x $scratch/prefix/bin/detsim ]] || fail "no bin/detsim in the installation"
for name in none nato_article5 bilateral_pact security_assistance economic_diplomatic; do
  [[ -f $presets/$name.yaml ]] || fail "preset $name not installed in $presets"
done
scenario=$scratch/prefix/share/detsim/scenarios/ukraine.yaml
[[ -f $scenario ]] || fail "ukraine.yaml not installed"
# Every installed YAML names the schema by a relative path that leads to an installed copy.
while IFS= read -r -d '' yaml; do
  modeline=$(head -n 1 "$yaml")
  schema=${modeline#'# yaml-language-server: $schema='}
  [[ $schema != "$modeline" ]] || fail "$yaml has no yaml-language-server modeline"
  [[ -f $(dirname "$yaml")/$schema ]] || fail "$yaml names $schema, which is not installed"
done < <(find "$scratch/prefix/share/detsim" -name '*.yaml' -print0)

# A preset in the installation only: if detsim lists and runs it, it reads the installed folder.
cat >"$presets/installed_only.yaml" <<'YAML'
detsim_preset: 1
description: found only in the installation
lead: {defend: 0.25}
YAML

mkdir "$scratch/elsewhere"
cd "$scratch/elsewhere"
run_all() {  # $1: the installed detsim; writes all.h5 here and checks its experiments
  rm -f all.h5
  "$1" run "$2" --structure all --trials 20 --threads 2 --quiet -o all.h5 ||
    fail "$1 run --structure all failed"
  header=$("$1" summarize all.h5 | grep '^structure ') || fail "no structures table in summarize"
  for name in none nato_article5 bilateral_pact security_assistance economic_diplomatic \
    installed_only; do
    [[ " $header " == *" $name "* ]] || fail "experiment $name missing from: $header"
  done
}
# Read whole before searching: `detsim presets | grep -q` closes the pipe at the first match, and
# with pipefail the SIGPIPE detsim gets if it is still writing would fail the test at random.
listing=$("$scratch/prefix/bin/detsim" presets) || fail "detsim presets failed"
grep -q "^presets in $presets;" <<<"$listing" || fail "detsim presets does not name $presets"
run_all "$scratch/prefix/bin/detsim" "$scenario"

# Moved as a whole, it still finds them: nothing absolute about the prefix is compiled in.
mv "$scratch/prefix" "$scratch/moved"
run_all "$scratch/moved/bin/detsim" "$scratch/moved/share/detsim/scenarios/ukraine.yaml"
echo "installed layout: ok"
