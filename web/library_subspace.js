/*
 * The JavaScript half of web/web.hpp's subspace_js_* functions, linked with --js-library.
 *
 * Each function converts between wasm memory and JS values and forwards to the host object
 * the page passed in for this instance (Module.subspaceHost, see web/subspace-web.js), which
 * does the DOM work. subspace_js_init also hands the host a `native` object: the C exports
 * wrapped with string and byte conversion, so the host never touches wasm memory itself.
 */
mergeInto(LibraryManager.library, {
  $subspaceHost: function () {
    var host = Module['subspaceHost'];
    if (!host) throw new Error('Subspace: the module was created without a host (use SubspaceWeb.start).');
    return host;
  },

  $subspaceString__deps: ['malloc', 'free'],
  // Calls fn with a temporary C copy of the string s.
  $subspaceString: function (s, fn) {
    var size = lengthBytesUTF8(s) + 1;
    var p = _malloc(size);
    if (!p) throw new Error('Subspace: out of memory');
    try {
      stringToUTF8(s, p, size);
      return fn(p);
    } finally {
      _free(p);
    }
  },

  $subspaceBytes__deps: ['malloc', 'free'],
  // Calls fn(pointer, length) with a temporary copy of the bytes (a typed array).
  $subspaceBytes: function (bytes, fn) {
    var p = _malloc(Math.max(1, bytes.length));
    if (!p) throw new Error('Subspace: out of memory');
    try {
      HEAPU8.set(bytes, p);
      return fn(p, bytes.length);
    } finally {
      _free(p);
    }
  },

  $subspaceTake__deps: ['free'],
  // A malloc'd string returned by C++: copied to JS, then freed. 0 gives null.
  $subspaceTake: function (p) {
    if (!p) return null;
    try {
      return UTF8ToString(p);
    } finally {
      _free(p);
    }
  },

  subspace_js_init__deps: ['$specialHTMLTargets', '$subspaceHost', '$subspaceString', '$subspaceBytes', '$subspaceTake'],
  subspace_js_init: function () {
    // SDL2 addresses its canvas as "#canvas" (hard-coded). Map that selector to this
    // instance's own canvas, whatever its id, so that several instances can share a page.
    specialHTMLTargets['#canvas'] = Module['canvas'];
    // SDL's keyboard element (SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT): this instance's element
    // holding its canvas and its hidden text field (subspace-web.js).
    specialHTMLTargets['#subspace-keys'] = Module['subspaceKeys'] || Module['canvas'];
    var c = function (name) { return Module['_' + name]; };
    var native = {
      'storeLoaded': function (ok, message, readOnlyReason) {
        subspaceString(message || '', function (m) {
          subspaceString(readOnlyReason || '', function (r) { c('subspace_store_loaded')(ok ? 1 : 0, m, r); });
        });
      },
      'setReadOnly': function (on, reason) {
        subspaceString(reason || '', function (r) { c('subspace_set_read_only')(on ? 1 : 0, r); });
      },
      'reloadStore': function () { c('subspace_reload_store')(); },
      'shutdown': function () { c('subspace_shutdown')(); },
      'setPersistent': function (granted) { c('subspace_set_persistent')(granted ? 1 : 0); },
      'saveFinished': function (ok, message) {
        subspaceString(message || '', function (m) { c('subspace_save_finished')(ok ? 1 : 0, m); });
      },
      'dispatch': function (text) {
        return subspaceString(text, function (p) { return subspaceTake(c('subspace_dispatch_json')(p)); });
      },
      'stateJson': function () { return subspaceTake(c('subspace_state_json')()); },
      'statusJson': function () { return subspaceTake(c('subspace_status_json')()); },
      'itemRect': function (label) {
        return subspaceString(label, function (p) { return subspaceTake(c('subspace_item_rect')(p)); });
      },
      'itemsJson': function () { return subspaceTake(c('subspace_items_json')()); },
      'routeChanged': function (hash) {
        subspaceString(hash, function (p) { c('subspace_route_changed')(p); });
      },
      'paste': function (text) {
        subspaceString(text, function (p) { c('subspace_paste')(p); });
      },
      'fontFetched': function (name, ok) {
        subspaceString(name, function (n) { c('subspace_font_fetched')(n, ok ? 1 : 0); });
      },
      'insertText': function (text) {
        subspaceString(text, function (p) { c('subspace_insert_text')(p); });
      },
      'filePicked': function (purpose, name, bytes) {
        subspaceString(name, function (n) {
          subspaceBytes(bytes, function (p, len) { c('subspace_file_picked')(purpose, n, p, len); });
        });
      },
      'imagePicked': function (name, originalBytes, rgba, w, h) {
        subspaceString(name, function (n) {
          subspaceBytes(rgba, function (p) { c('subspace_image_picked')(n, originalBytes, p, w, h); });
        });
      },
      'fileError': function (purpose, message) {
        subspaceString(message, function (m) { c('subspace_file_error')(purpose, m); });
      },
      'wake': function () { c('subspace_wake')(); },
      'httpResponse': function (id, status, body) {
        subspaceString(body || '', function (b) { c('subspace_http_response')(id, status, b); });
      },
    };
    subspaceHost()['attach'](Module, native);
  },

  subspace_js_config__deps: ['$subspaceHost', 'malloc'],
  subspace_js_config: function () {
    var text = JSON.stringify(subspaceHost()['config']());
    var size = lengthBytesUTF8(text) + 1;
    var p = _malloc(size);
    if (p) stringToUTF8(text, p, size);
    return p;
  },

  subspace_js_now: function () { return Date.now(); },

  subspace_js_random: function (out, n) {
    // getRandomValues fills at most 65536 bytes a call.
    for (var done = 0; done < n; done += 65536) {
      crypto.getRandomValues(HEAPU8.subarray(out + done, out + Math.min(n, done + 65536)));
    }
  },

  subspace_js_copy_text__deps: ['$subspaceHost'],
  subspace_js_copy_text: function (text, len) {
    subspaceHost()['copyText'](UTF8ToString(text, len));
  },

  subspace_js_download__deps: ['$subspaceHost'],
  subspace_js_download: function (name, mime, bytes, len) {
    subspaceHost()['download'](UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(bytes, bytes + len));
  },

  subspace_js_set_route__deps: ['$subspaceHost'],
  subspace_js_set_route: function (hash, push) {
    subspaceHost()['setRoute'](UTF8ToString(hash), !!push);
  },

  subspace_js_pick_file__deps: ['$subspaceHost'],
  subspace_js_pick_file: function (purpose, accept) {
    subspaceHost()['pickFile'](purpose, UTF8ToString(accept));
  },

  subspace_js_open_store__deps: ['$subspaceHost', '$FS', '$IDBFS'],
  subspace_js_open_store: function (name) {
    subspaceHost()['openStore'](UTF8ToString(name));
  },

  subspace_js_storage_changed__deps: ['$subspaceHost'],
  subspace_js_storage_changed: function () {
    subspaceHost()['storageChanged']();
  },

  subspace_js_emit__deps: ['$subspaceHost'],
  subspace_js_emit: function (event, json) {
    subspaceHost()['emit'](UTF8ToString(event), UTF8ToString(json));
  },

  subspace_js_first_frame__deps: ['$subspaceHost'],
  subspace_js_first_frame: function () {
    subspaceHost()['firstFrame']();
  },

  subspace_js_fatal__deps: ['$subspaceHost'],
  subspace_js_fatal: function (message) {
    subspaceHost()['fatal'](UTF8ToString(message));
  },

  subspace_js_http__deps: ['$subspaceHost'],
  subspace_js_http: function (id, method, url, body, bearer) {
    subspaceHost()['httpRequest'](id, UTF8ToString(method), UTF8ToString(url), UTF8ToString(body), UTF8ToString(bearer));
  },

  subspace_js_text_input__deps: ['$subspaceHost'],
  subspace_js_text_input: function (on) {
    subspaceHost()['textInput'](!!on);
  },

  subspace_js_text_caret__deps: ['$subspaceHost'],
  subspace_js_text_caret: function (x, y) {
    subspaceHost()['textCaret'](x, y);
  },

  subspace_js_fetch_font__deps: ['$subspaceHost'],
  subspace_js_fetch_font: function (name, dir) {
    subspaceHost()['fetchFont'](UTF8ToString(name), UTF8ToString(dir));
  },

  subspace_js_canvas_size: function (w, h) {
    // The canvas is laid out by CSS to fill its container; this is that size, the same box
    // mouse event coordinates are measured in.
    var r = Module['canvas'].getBoundingClientRect();
    HEAPF64[w >> 3] = r.width;
    HEAPF64[h >> 3] = r.height;
  },
});
