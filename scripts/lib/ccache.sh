# shellcheck shell=bash
# ccache for every build the scripts make: a second run recompiles only what
# changed. The cache lives outside the checkout, so a fresh clone (and `rm -rf
# build`) still finds it. Source this file, then:
#   tandem_ccache_setup          # exports the cache's settings
#   tandem_ccache_args           # prints the CMake argument that turns it on
#   tandem_ccache_report LABEL   # prints hits, misses and the hit rate since setup
#
# Environment:
#   TANDEM_CCACHE_DIR=DIR  where the cache lives (default ~/.cache/tandem-ccache)
#   TANDEM_NO_CCACHE=1     build without ccache

tandem_ccache_setup() {
    if [ "${TANDEM_NO_CCACHE:-0}" = 1 ] || ! command -v ccache >/dev/null 2>&1; then
        return 0
    fi
    export CCACHE_DIR="${TANDEM_CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem-ccache}"
    # Paths inside the checkout are hashed relative to it, so clones in other
    # folders share entries; __DATE__-free sources make time macros irrelevant.
    export CCACHE_BASEDIR="$root"
    export CCACHE_NOHASHDIR=1
    export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
    export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
    mkdir -p "$CCACHE_DIR"
    ccache --zero-stats >/dev/null 2>&1 || true
}

tandem_ccache_args() {
    if [ "${TANDEM_NO_CCACHE:-0}" != 1 ] && command -v ccache >/dev/null 2>&1; then
        printf '%s\n' -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache
    else
        # A build tree configured with ccache before keeps it otherwise.
        printf '%s\n' -DCMAKE_CXX_COMPILER_LAUNCHER= -DCMAKE_C_COMPILER_LAUNCHER=
    fi
}

tandem_ccache_report() {
    [ -n "${CCACHE_DIR:-}" ] || { echo "ccache: off"; return 0; }
    # ccache 4.x: "hits/misses" in --print-stats (tab-separated key value).
    ccache --print-stats 2>/dev/null | awk -v label="$1" -v dir="$CCACHE_DIR" '
        $1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { hits += $2 }
        $1 == "cache_miss" { misses += $2 }
        END {
            total = hits + misses
            rate = total ? 100 * hits / total : 0
            printf "ccache (%s): %d hits, %d misses, hit rate %.1f%% (cache in %s)\n", label, hits, misses, rate, dir
        }'
}
