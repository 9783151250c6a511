#!/usr/bin/env bash
# Installs what building and running Fleet needs on a fresh Debian machine, and nothing that is
# already there. Needs root (apt-get); the .NET 10 SDK is expected on PATH.
set -euo pipefail

missing=()
# The agent builds its busybox rootfs from the static busybox (the dynamic one cannot run in a jail).
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
# NativeAOT (the jail's init helper) links with gcc/binutils against zlib.
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
# The jail tests compile a static probe (gcc -static) that makes the calls busybox cannot.
dpkg -s libc6-dev >/dev/null 2>&1 || missing+=(libc6-dev)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)

if ((${#missing[@]} > 0)); then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi
