#!/usr/bin/env bash
# Builds libdoorstep (release) and installs it for C and C++ programs:
#
#   PREFIX/include/doorstep.h
#   LIBDIR/libdoorstep.a
#   LIBDIR/libdoorstep.so.X.Y.Z, libdoorstep.so.X -> it (the SONAME), libdoorstep.so -> .so.X
#   LIBDIR/pkgconfig/doorstep.pc              pkg-config --cflags --libs doorstep
#   LIBDIR/cmake/doorstep/doorstepConfig.cmake, doorstepConfigVersion.cmake
#                                             find_package(doorstep) -> doorstep::doorstep,
#                                             doorstep::doorstep_static
#
# Usage: bindings-c/install.sh [--no-build] [--libdir DIR] PREFIX
#   PREFIX    e.g. /usr/local (then run ldconfig), or any directory (a test installs into a
#             temporary one).
#   --libdir  where the libraries go (default PREFIX/lib); absolute, or relative to PREFIX.
#   --no-build  install what is already built in $CARGO_TARGET_DIR/release (default
#             target/release) instead of running cargo build first.
#   DESTDIR   (environment) staged install for packagers: files go to DESTDIR/PREFIX/...,
#             while the paths written inside doorstep.pc stay PREFIX/....
# The version is the header's DOORSTEP_VERSION_* (which a test checks against Cargo.toml).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=1
libdir=""
prefix=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0 ;;
        --libdir)
            libdir="${2:?--libdir needs a directory}"
            shift
            ;;
        -h | --help)
            sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        -*)
            echo "install.sh: unknown option $1" >&2
            exit 2
            ;;
        *)
            [[ -z "$prefix" ]] || {
                echo "install.sh: one PREFIX only" >&2
                exit 2
            }
            prefix="$1"
            ;;
    esac
    shift
done
if [[ -z "$prefix" ]]; then
    echo "usage: bindings-c/install.sh [--no-build] [--libdir DIR] PREFIX" >&2
    exit 2
fi
mkdir -p "${DESTDIR:-}$prefix"
# An absolute prefix without "..": what doorstep.pc says.
if [[ -z "${DESTDIR:-}" ]]; then
    prefix="$(cd "$prefix" && pwd)"
elif [[ "$prefix" != /* ]]; then
    echo "install.sh: with DESTDIR, PREFIX must be absolute" >&2
    exit 2
fi
case "$libdir" in
    "") libdir="$prefix/lib" ;;
    /*) ;;
    *) libdir="$prefix/$libdir" ;;
esac
includedir="$prefix/include"

header="$root/bindings-c/include/doorstep.h"
define() { sed -nE "s/^#define $1 ([0-9]+)$/\1/p" "$header"; }
major="$(define DOORSTEP_VERSION_MAJOR)"
minor="$(define DOORSTEP_VERSION_MINOR)"
patch="$(define DOORSTEP_VERSION_PATCH)"
if [[ -z "$major" || -z "$minor" || -z "$patch" ]]; then
    echo "install.sh: no DOORSTEP_VERSION_* in $header" >&2
    exit 1
fi
version="$major.$minor.$patch"

target="${CARGO_TARGET_DIR:-$root/target}/release"
if [[ $build -eq 1 ]]; then
    (cd "$root" && cargo build -p doorstep-c --release)
fi
for built in libdoorstep.a libdoorstep.so; do
    [[ -f "$target/$built" ]] || {
        echo "install.sh: $target/$built is missing (build it, or drop --no-build)" >&2
        exit 1
    }
done
soname="$(readelf -d "$target/libdoorstep.so" 2>/dev/null | sed -nE 's/.*Library soname: \[(.*)\]/\1/p')"
if [[ -n "$soname" && "$soname" != "libdoorstep.so.$major" ]]; then
    echo "install.sh: libdoorstep.so has SONAME $soname, expected libdoorstep.so.$major" >&2
    exit 1
fi

# What a static link needs besides libdoorstep.a (Rust's std on glibc Linux; the header says so).
native_libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
native_libs_cmake="$(echo "$native_libs" | sed 's/-l//g; s/ /;/g')"
pointer_bytes=$(($(getconf LONG_BIT) / 8))
cmakedir="$libdir/cmake/doorstep"
includedir_from_cmakedir="$(realpath -m --relative-to="$cmakedir" "$includedir")"

dest="${DESTDIR:-}"
install -d "$dest$includedir" "$dest$libdir/pkgconfig" "$dest$cmakedir"
install -m 644 "$header" "$dest$includedir/doorstep.h"
install -m 644 "$target/libdoorstep.a" "$dest$libdir/libdoorstep.a"
install -m 755 "$target/libdoorstep.so" "$dest$libdir/libdoorstep.so.$version"
ln -sfn "libdoorstep.so.$version" "$dest$libdir/libdoorstep.so.$major"
ln -sfn "libdoorstep.so.$major" "$dest$libdir/libdoorstep.so"

fill() {
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@LIBDIR@|$libdir|g" -e "s|@INCLUDEDIR@|$includedir|g" \
        -e "s|@VERSION@|$version|g" -e "s|@MAJOR@|$major|g" -e "s|@MINOR@|$minor|g" \
        -e "s|@NATIVE_LIBS@|$native_libs|g" -e "s|@NATIVE_LIBS_CMAKE@|$native_libs_cmake|g" \
        -e "s|@INCLUDEDIR_FROM_CMAKEDIR@|$includedir_from_cmakedir|g" \
        -e "s|@SIZEOF_VOID_P@|$pointer_bytes|g" \
        -e "s|@URL@|https://example.invalid/doorstep|g" "$1"
}
fill "$root/bindings-c/pkg/doorstep.pc.in" >"$dest$libdir/pkgconfig/doorstep.pc"
fill "$root/bindings-c/pkg/doorstepConfig.cmake.in" >"$dest$cmakedir/doorstepConfig.cmake"
fill "$root/bindings-c/pkg/doorstepConfigVersion.cmake.in" \
    >"$dest$cmakedir/doorstepConfigVersion.cmake"
chmod 644 "$dest$libdir/pkgconfig/doorstep.pc" "$dest$cmakedir"/*.cmake

echo "installed doorstep $version into $dest$prefix:"
echo "  $includedir/doorstep.h"
echo "  $libdir/libdoorstep.a, libdoorstep.so.$version (SONAME libdoorstep.so.$major)"
echo "  $libdir/pkgconfig/doorstep.pc, $cmakedir/doorstepConfig.cmake"
case "$libdir" in
    /usr/lib | /usr/lib64 | /usr/local/lib | /usr/local/lib64 | /usr/lib/*-linux-gnu)
        echo "run ldconfig (as root) so that programs find libdoorstep.so.$major" ;;
    *) echo "programs find libdoorstep.so.$major with -Wl,-rpath,$libdir or LD_LIBRARY_PATH" ;;
esac
