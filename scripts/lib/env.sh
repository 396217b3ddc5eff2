# Shared settings for scripts/*: sourced, not run.
# The cache lives outside the clone, keyed by version, so fresh clones reuse it.
: "${SUBSPACE_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/subspace}"
SDL2_WASM_PREFIX="$SUBSPACE_CACHE/sdl2-wasm-2.26"
# Debian's emscripten needs acorn from /usr/share/nodejs, where node does not look by itself.
export NODE_PATH=/usr/share/nodejs
export SUBSPACE_CACHE SDL2_WASM_PREFIX
imgui_src_dir() { ls -d "$SUBSPACE_CACHE"/src/imgui-1.* 2>/dev/null | head -1; }
