#!/usr/bin/env bash
# `cmake --install` into a DESTDIR: every file lands where the README's table says, the plugins and their
# directory are 0755, an existing configuration is never overwritten, and a plugin built against the
# installed SDK with find_package(Carewatch) loads in carewatchd.
#
# Usage: install_test.sh BUILD_DIR SOURCE_DIR PREFIX BINDIR LIBDIR SYSCONFDIR DATADIR DOCDIR INCLUDEDIR
# (the GNUInstallDirs values of the build: PREFIX and SYSCONFDIR absolute, the others relative to PREFIX).
set -euo pipefail
build="$1" src="$2" prefix="$3" bindir="$4" libdir="$5" sysconfdir="$6" datadir="$7" docdir="$8" includedir="$9"

fail() { echo "FAIL: $*" >&2; exit 1; }
dest="$(mktemp -d)"
trap 'rm -rf "$dest"' EXIT
root="$dest$prefix"

DESTDIR="$dest" cmake --install "$build" >"$dest/install.log" || { cat "$dest/install.log"; fail "cmake --install failed"; }

for f in "$bindir/carewatchd" "$bindir/carewatch" "$datadir/carewatch/bank-holidays-england-wales.txt" \
  "lib/systemd/system/carewatch.service" "lib/sysusers.d/carewatch.conf" "lib/tmpfiles.d/carewatch.conf" \
  "$includedir/carewatch/sdk/plugin.hpp" "$libdir/cmake/Carewatch/CarewatchConfig.cmake" \
  "$libdir/cmake/Carewatch/CarewatchConfigVersion.cmake" "$libdir/pkgconfig/carewatch-sdk.pc" \
  "$docdir/README.md" "$docdir/service/README.md" "$docdir/examples/carewatch.toml"; do
  [ -f "$root/$f" ] || fail "not installed: $prefix/$f"
done
[ -f "$dest$sysconfdir/carewatch/carewatch.toml" ] || fail "not installed: $sysconfdir/carewatch/carewatch.toml"
echo "ok: layout"

plugins="$root/$libdir/carewatch/plugins"
[ "$(stat -c %a "$plugins")" = 755 ] || fail "$plugins is $(stat -c %a "$plugins")"
n=0
for so in "$plugins"/*.so; do
  [ "$(stat -c %a "$so")" = 755 ] || fail "$so is $(stat -c %a "$so")"
  n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no plugins in $plugins"
echo "ok: $n plugins, 0755"

grep -q "^ExecStart=$prefix/$bindir/carewatchd --config $sysconfdir/carewatch/carewatch.toml$" \
  "$root/lib/systemd/system/carewatch.service" || fail "the installed unit does not name the installed paths"
echo "ok: the unit names $prefix/$bindir/carewatchd and $sysconfdir/carewatch/carewatch.toml"

# An operator's edit survives a re-install.
echo "# edited" >>"$dest$sysconfdir/carewatch/carewatch.toml"
DESTDIR="$dest" cmake --install "$build" >"$dest/install2.log"
grep -q "^# edited$" "$dest$sysconfdir/carewatch/carewatch.toml" || fail "cmake --install overwrote the configuration"
echo "ok: an existing configuration is kept"

# A plugin developer's build against the installed SDK.
cmake -S "$src/tests/package/sdk_consumer" -B "$dest/consumer" -DCMAKE_PREFIX_PATH="$root" \
  -DCMAKE_BUILD_TYPE=Release >"$dest/consumer.log" 2>&1 || { cat "$dest/consumer.log"; fail "find_package(Carewatch) failed"; }
cmake --build "$dest/consumer" >>"$dest/consumer.log" 2>&1 || { cat "$dest/consumer.log"; fail "the example plugin did not build"; }
mkdir -m 0700 "$dest/own-plugins"
cp "$dest/consumer/installed_sdk_example.so" "$dest/own-plugins/"
out="$("$build/carewatchd" --plugin-dir "$dest/own-plugins" --db "$dest/check.db" --check-config 2>&1)" ||
  fail "carewatchd refused the plugin built against the installed SDK: $out"
echo "$out" | grep -q "configuration OK (1 plugins" || fail "unexpected: $out"
echo "ok: a plugin built with find_package(Carewatch) loads: $out"
echo PASS
