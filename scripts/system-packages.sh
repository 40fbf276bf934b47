#!/usr/bin/env bash
# Debian packages dagsorden needs beside its Python ones, by purpose:
#   runtime  WeasyPrint's Pango, HarfBuzz's font subsetter and the font the PDFs embed
#   test     Debian's Chromium for the browser tests (Playwright cannot download one here)
#   bench    wrk, the load generator of bench/portal_rps.py
# Installs what is missing with apt-get when run as root, else says what to run and fails.
set -euo pipefail

declare -A PACKAGES=(
    [runtime]="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
    [test]="chromium"
    [bench]="wrk"
)

wanted=()
for purpose in "$@"; do
    if [ -z "${PACKAGES[$purpose]+x}" ]; then
        echo "system-packages: unknown purpose '$purpose' (runtime, test, bench)" >&2
        exit 2
    fi
    wanted+=(${PACKAGES[$purpose]})
done

missing=()
for package in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "system-packages: missing ${missing[*]} and no apt-get here; install them with your" \
        "system's package manager" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "system-packages: missing ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "== apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
