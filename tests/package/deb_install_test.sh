#!/usr/bin/env bash
# Builds the carewatch .deb (a Release build with the installed-path defaults, then cpack), installs it
# with apt-get into a fresh Debian 12 minbase root, and checks the installed system as an operator would:
# the unit verifies, the carewatch user exists, the plugins are root-owned 0755, the shipped
# configuration passes `carewatchd --check-config` as the carewatch user, `carewatchd --once` runs as
# that user, and remove and purge leave what Debian conventions say they should.
#
# Usage: deb_install_test.sh SOURCE_DIR WORK_DIR
# Needs root (debootstrap, chroot, mount) and the Debian mirror of /etc/apt/sources.list*
# (override: CAREWATCH_DEBIAN_MIRROR). The minbase root is cached as WORK_DIR/debian12-minbase.tar
# (delete it to rebuild); every run unpacks a fresh copy. CAREWATCH_PACKAGE_BUILD_DIR names an existing
# build tree to (re)configure and package instead of WORK_DIR/build; CAREWATCH_PACKAGE_BUILD_TYPE
# (default Release) and CAREWATCH_PACKAGE_CMAKE_ARGS change how it is configured (a Debug build shares
# ccache objects with developers' trees and compiles much faster). Prints the time of each phase.
set -euo pipefail

src="$(cd "${1:?usage: $0 SOURCE_DIR WORK_DIR}" && pwd)"
work="${2:?usage: $0 SOURCE_DIR WORK_DIR}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
suite=bookworm

fail() { echo "FAIL: $*" >&2; exit 1; }
phase_start=$SECONDS
phase() {
  echo "== [$((SECONDS - phase_start)) s] $*"
}
timings=()
timed() {  # timed NAME COMMAND...: runs COMMAND and records how long it took
  local name="$1" t0=$SECONDS
  shift
  "$@"
  timings+=("$name: $((SECONDS - t0)) s")
}

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot and mount); run as root or leave this test out (it is opt-in: -DCAREWATCH_PACKAGE_TEST=ON)"
for tool in debootstrap chroot cpack mount; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (.ci/install-deps installs it)"
done

# The mirror the host's apt uses, so that the test works where the build machine's apt works.
mirror="${CAREWATCH_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\/\?\)[[:space:]]*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)"
fi
if [ -z "$mirror" ]; then
  mirror="$(sed -n 's/^deb[[:space:]]\+\([^[:space:]]*\/debian\/\?\)[[:space:]]\+'"$suite"'[[:space:]].*/\1/p' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n1)"
fi
[ -n "$mirror" ] || fail "no Debian mirror in /etc/apt/sources.list*; set CAREWATCH_DEBIAN_MIRROR"
phase "mirror $mirror"

# --- 1. the package ---
# CAREWATCH_PACKAGE_BUILD_DIR reuses a build tree configured as below (e.g. one CI already made).
build="${CAREWATCH_PACKAGE_BUILD_DIR:-$work/build}"
build_package() {
  # shellcheck disable=SC2086 # CAREWATCH_PACKAGE_CMAKE_ARGS is a list of arguments
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CAREWATCH_PACKAGE_BUILD_TYPE:-Release}" \
    -DCMAKE_INSTALL_PREFIX=/usr -DCAREWATCH_INSTALL_DEFAULTS=ON -DCAREWATCH_BUILD_TESTS=OFF \
    ${CAREWATCH_PACKAGE_CMAKE_ARGS:-} >/dev/null
  cmake --build "$build" -j "$(nproc)"
  rm -f "$build"/carewatch_*.deb
  (cd "$build" && cpack -G DEB >/dev/null)
}
phase "building the package in $build"
timed "release build + cpack" build_package
deb="$(ls "$build"/carewatch_*.deb 2>/dev/null | head -n1)"
[ -n "$deb" ] || fail "cpack made no carewatch_*.deb in $build"
phase "package $(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"

# --- 2. a fresh Debian 12 root, from the cached tarball ---
cache="$work/debian12-minbase.tar"
make_cache() {
  local tmp="$work/debootstrap.tmp"
  rm -rf "$tmp"
  # systemd only for `systemd-analyze verify`, systemd-sysusers and systemd-tmpfiles in the root; it
  # does not run there.
  debootstrap --variant=minbase --include=systemd "$suite" "$tmp" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap failed (log: $work/debootstrap.log)"; }
  # Uncompressed: gzip would double the time to make and unpack it, for ~300 MB of disk.
  tar -C "$tmp" -cf "$cache.tmp" .
  mv "$cache.tmp" "$cache"
  rm -rf "$tmp"
}
if [ ! -f "$cache" ]; then
  phase "no cached root: debootstrap --variant=minbase $suite from $mirror"
  timed "debootstrap (cold, cached afterwards)" make_cache
fi

root="$(mktemp -d "$work/root.XXXXXX")"
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  umount "$root/dev" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT
timed "unpack the cached root" tar -C "$root" -xf "$cache"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Nothing starts services inside the root (no systemd runs there either).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
as_carewatch() { in_root setpriv --reuid=carewatch --regid=carewatch --init-groups -- "$@"; }

# --- 3. apt-get install ./carewatch_*.deb, pulling its dependencies from the mirror ---
cp "$deb" "$root/tmp/"
install_package() {
  in_root apt-get update -qq
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")"
}
phase "apt-get install ./$(basename "$deb")"
timed "apt-get install" install_package

# --- 4. the installed system ---
phase "checking the installed system"
unit=""
for d in /lib/systemd/system /usr/lib/systemd/system; do
  [ -f "$root$d/carewatch.service" ] && unit="$d/carewatch.service"
done
[ -n "$unit" ] || fail "carewatch.service is not installed"

out="$(in_root systemd-analyze verify "$unit" 2>&1)" || fail "systemd-analyze verify $unit failed: $out"
[ -z "$out" ] || fail "systemd-analyze verify $unit complained: $out"
echo "ok: systemd-analyze verify $unit"

[ -L "$root/etc/systemd/system/multi-user.target.wants/carewatch.service" ] ||
  fail "the unit was not enabled by postinst (deb-systemd-helper)"
echo "ok: enabled (multi-user.target.wants)"

in_root dpkg-query -W -f='${Conffiles}\n' carewatch | grep -q '/etc/carewatch/carewatch.toml' ||
  fail "/etc/carewatch/carewatch.toml is not a conffile"
echo "ok: /etc/carewatch/carewatch.toml is a conffile"

user="$(in_root getent passwd carewatch)" || fail "no carewatch user"
uid="$(echo "$user" | cut -d: -f3)"
[ "$uid" -lt 1000 ] || fail "carewatch is not a system user: $user"
case "$(echo "$user" | cut -d: -f7)" in
  */nologin | */false) ;;
  *) fail "carewatch has a login shell: $user" ;;
esac
echo "ok: system user $user"

state="$(in_root stat -c '%U:%G %a' /var/lib/carewatch)"
[ "$state" = "carewatch:carewatch 750" ] || fail "/var/lib/carewatch is $state, expected carewatch:carewatch 750"
echo "ok: /var/lib/carewatch $state"

plugin_dir="$(in_root sh -c 'ls -d /usr/lib/*/carewatch/plugins /usr/lib/carewatch/plugins 2>/dev/null' | head -n1)"
[ -n "$plugin_dir" ] || fail "no plugin directory installed"
plugins=0
for f in "$plugin_dir" "$plugin_dir"/*.so; do
  perms="$(in_root stat -c '%U:%G %a' "$f")"
  [ "$perms" = "root:root 755" ] || fail "$f is $perms, expected root:root 755"
  [ "$f" = "$plugin_dir" ] || plugins=$((plugins + 1))
done
[ "$plugins" -gt 0 ] || fail "no plugins in $plugin_dir"
echo "ok: $plugins plugins in $plugin_dir, root:root 755"

out="$(as_carewatch carewatchd --config /etc/carewatch/carewatch.toml --check-config 2>&1)" ||
  fail "carewatchd --check-config as carewatch failed: $out"
echo "$out" | grep -q "configuration OK ($plugins plugins" || fail "unexpected check-config output: $out"
echo "ok: $out"

# The built-in defaults are the installed paths: no --config needed.
out="$(as_carewatch carewatchd --check-config 2>&1)" || fail "carewatchd --check-config (built-in defaults) failed: $out"
echo "ok: built-in defaults: $out"

out="$(as_carewatch carewatchd --config /etc/carewatch/carewatch.toml --once 2>&1)" ||
  fail "carewatchd --once as carewatch failed: $out"
echo "$out" | grep -q "full sweep" || fail "carewatchd --once did not sweep: $out"
db="$(in_root stat -c '%U:%G' /var/lib/carewatch/carewatch.db)"
[ "$db" = "carewatch:carewatch" ] || fail "the database is owned by $db"
echo "ok: carewatchd --once as carewatch; database owned by $db"

rules="$(as_carewatch carewatch --config /etc/carewatch/carewatch.toml rules 2>&1)" || fail "carewatch rules failed: $rules"
echo "ok: carewatch rules lists $(echo "$rules" | grep -c 'CHR-\|WT-' || true) rules"

# --- 5. remove and purge ---
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq carewatch >/dev/null
[ ! -e "$root/usr/bin/carewatchd" ] || fail "remove left /usr/bin/carewatchd"
[ -f "$root/etc/carewatch/carewatch.toml" ] || fail "remove deleted the conffile"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq carewatch >/dev/null 2>&1
[ ! -e "$root/etc/carewatch/carewatch.toml" ] || fail "purge left the conffile"
[ -f "$root/var/lib/carewatch/carewatch.db" ] || fail "purge deleted the care-records database"
echo "ok: remove keeps the configuration, purge removes it and keeps the database"

echo "== timings"
printf '   %s\n' "${timings[@]}"
echo "PASS"
