#!/usr/bin/env bash
# Installs every Debian 12 package detsim needs to build, test and plot. Idempotent: packages
# already present are skipped, and the package lists are refreshed at most once per run.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libeigen3-dev libboost-random-dev librandom123-dev libyaml-cpp-dev
  libhdf5-dev zlib1g-dev
  catch2 libcli11-dev libfmt-dev
  libopenmpi-dev openmpi-bin
  python3 python3-h5py python3-numpy python3-pandas python3-matplotlib python3-scipy
  python3-nbformat python3-nbconvert python3-ipykernel
  python3-jsonschema python3-yaml python3-xarray python3-h5netcdf
  time bc util-linux
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed" >&2
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  sudo=sudo
else
  sudo=
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
