#!/bin/sh
# What a user gets from "meson install" and "meson devenv", checked on a
# scratch DESTDIR: the plugin in GStreamer's plugin directory under the
# prefix, found by gst-inspect-1.0; the public headers and wanclient-1.0.pc,
# enough to build and run a C program; and the uninstalled plugin in a
# devenv shell.
#   check.sh BUILD_DIR PREFIX/LIBDIR
set -eu
build=$1
libdir=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }

meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >/dev/null

plugin_dir="$dest$libdir/gstreamer-1.0"
[ -f "$plugin_dir/libgstwan.so" ] || fail "no libgstwan.so in $plugin_dir"
for h in wan.h wan-client.h wan-request.h; do
  find "$dest" -path "*/include/wan-1.0/wan/$h" | grep -q . || fail "no $h"
done
pc=$(find "$dest" -name wanclient-1.0.pc)
[ -n "$pc" ] || fail "no wanclient-1.0.pc"

# The installed plugin, as gst-inspect-1.0 sees it.
GST_PLUGIN_PATH="$plugin_dir" GST_PLUGIN_PATH_1_0="$plugin_dir" \
  GST_REGISTRY_1_0="$dest/registry.bin" gst-inspect-1.0 wanvideosrc \
  > "$dest/inspect.txt" || fail "gst-inspect-1.0 cannot load the installed plugin"
grep -q "Wan2.6" "$dest/inspect.txt" || fail "gst-inspect-1.0 shows no Wan2.6 element"

# A C program built against the installed header and library only.
cat > "$dest/app.c" <<'C'
#include <wan/wan.h>
int
main (void)
{
  WanRequest req;
  GError *error = NULL;

  wan_request_init (&req);
  req.prompt = g_strdup ("A red kite");
  if (!wan_request_validate (&req, &error))
    return 1;
  g_print ("%s %s\n", wan_provider_id_to_string (req.provider),
      wan_request_get_model (&req));
  wan_request_clear (&req);
  return 0;
}
C
# The .pc file names the real prefix: point a copy of it into DESTDIR.
mkdir "$dest/pc"
sed "s|^prefix=|prefix=$dest|" "$pc" > "$dest/pc/wanclient-1.0.pc"
export PKG_CONFIG_PATH="$dest/pc"
# (--allow-shlib-undefined: a sanitizer build's library leaves the
# runtime's symbols to the preloaded runtime.)
# shellcheck disable=SC2046
cc -o "$dest/app" "$dest/app.c" -Wl,--allow-shlib-undefined \
  $(pkg-config --cflags --libs wanclient-1.0) \
  || fail "cannot build against the installed wanclient-1.0"
out=$(LD_LIBRARY_PATH="$dest$libdir" "$dest/app") \
  || fail "the installed library does not run"
[ "$out" = "dashscope wan2.6-t2v" ] || fail "the program printed '$out'"

# wan-generate in bindir, with the installed plugin: a dry run (nothing
# is sent) prints the request.
tool=$(find "$dest" -path "*/bin/wan-generate")
[ -n "$tool" ] || fail "no wan-generate in bindir"
out=$(GST_PLUGIN_PATH="$plugin_dir" GST_PLUGIN_PATH_1_0="$plugin_dir" \
  GST_REGISTRY_1_0="$dest/registry.bin" WAN_API_KEY=x \
  "$tool" --dry-run "A red kite") || fail "wan-generate --dry-run failed"
echo "$out" | grep -q '^POST https://dashscope-intl.aliyuncs.com/' \
  || fail "wan-generate --dry-run printed '$out'"

# meson devenv: the uninstalled plugin, with no GST_PLUGIN_PATH of ours.
env -u GST_PLUGIN_PATH -u GST_PLUGIN_PATH_1_0 \
  GST_REGISTRY_1_0="$dest/devenv-registry.bin" \
  meson devenv -C "$build" gst-inspect-1.0 wanvideosrc > "$dest/devenv.txt" \
  || fail "meson devenv does not find the plugin"
grep -q "Wan2.6" "$dest/devenv.txt" || fail "devenv: no Wan2.6 element"
echo "installed plugin, wan-generate, headers, pkg-config file and devenv: all found"
