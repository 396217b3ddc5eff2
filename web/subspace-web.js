/*
 * Subspace in a web page: starts one app instance on a canvas and gives the page its API.
 *
 *   const app = SubspaceWeb.start(canvas, { store: 'default', demo: 'small' });
 *   await app.ready;                 // the store is loaded and the first frame is drawn
 *   app.getState();                  // the organisation as JSON ({format: "subspace-state", ...})
 *   app.dispatch({ type: 'rename_workspace', workspace: 12, name: 'EMEA' });  // {ok, error}
 *   app.on('saved', ({ ok, message }) => ...);   // also 'state', 'sync', 'error'
 *
 * Each instance is its own wasm module (createSubspaceModule, from subspace.js, built with
 * MODULARIZE), with its own canvas and its own store (an IndexedDB database per store name),
 * so a page can host several. This file is also the "host" the C++ side calls into for
 * everything that needs the DOM (web/library_subspace.js forwards to it). The store's
 * IndexedDB side is in subspace-storage.js, loaded before this file.
 */
(function (global) {
  'use strict';

  if (!global.SubspaceStorage) throw new Error('Subspace: load subspace-storage.js before subspace-web.js.');
  const { createStoreFiles, describeStorageError, createSaver } = global.SubspaceStorage;

  const EVENTS = ['state', 'saved', 'sync', 'error'];
  const DEMOS = ['small', 'medium', 'large', 'empty'];
  const STORE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
  const FilePurpose = Object.freeze({ WorkspaceImage: 0, ImportOrg: 1, InviteCsv: 2 });
  const MAX_IMAGE_BYTES = 512 * 1024;
  const MAX_FILE_BYTES = 64 * 1024 * 1024;
  const THUMBNAIL_SIZE = 48;

  const DEFAULTS = Object.freeze({
    store: 'default',  // storage name: one IndexedDB database per name
    demo: 'small',     // demo organisation created when the store is empty
    actingAs: '',      // email of the person to act as (default: the first org admin)
    dark: undefined,   // true/false: this theme; unset: the theme last chosen in this browser
    route: '',         // start route, e.g. "#/ws/12/members"
    routing: true,     // the URL hash follows the view (one instance per page should do this)
    autofocus: false,  // focus the canvas once ready (keyboard input without a first click)
    saveDelayMs: 250,  // debounce of saves after a change (hidden or closing pages save at once)
    server: '',        // sync server URL (e.g. "http://127.0.0.1:8090"); empty: offline, no server
    org: '',           // the organisation's id on that server
    workspace: 0,      // start in this workspace's Members view (when no route is given)
  });
  const ORG_ID = /^[a-z0-9-]{1,40}$/;
  // The app's files (fonts/ for the fallback fonts) are next to this script.
  const APP_BASE = (document.currentScript && document.currentScript.src) || location.href;
  const FONT_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
  const HTTP_TIMEOUT_MS = 15000;

  // An error whose message is meant for the user as it is.
  class UserError extends Error {}

  // ?store=<name>&demo=small|medium|large|empty&as=<email>&dark=1, and the hash as the route
  // (also ?saveDelayMs=<ms>, the save debounce, for tests and slow storage).
  function configFromUrl(href) {
    const url = new URL(href);
    const q = url.searchParams;
    const config = { route: url.hash, routing: true, autofocus: true };
    if (q.has('store')) config.store = q.get('store');
    if (q.has('demo')) {
      config.demo = q.get('demo');
      config.demoAsked = true;  // the app says so if the store already holds an organisation
    }
    if (q.has('as')) config.actingAs = q.get('as');
    if (q.has('dark')) config.dark = q.get('dark') === '1' || q.get('dark') === 'true';
    if (q.has('saveDelayMs')) config.saveDelayMs = Number(q.get('saveDelayMs'));
    if (q.has('server')) config.server = q.get('server');
    if (q.has('org')) config.org = q.get('org');
    return config;
  }

  function normaliseConfig(input) {
    const c = Object.assign({}, DEFAULTS, input || {});
    if (typeof c.store !== 'string' || !STORE_NAME.test(c.store)) {
      throw new UserError(`Invalid store name "${c.store}": use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.`);
    }
    if (!DEMOS.includes(c.demo)) throw new UserError(`Unknown demo "${c.demo}": use ${DEMOS.join(', ')}.`);
    if (typeof c.actingAs !== 'string') throw new UserError('actingAs must be an email address (a string).');
    if (typeof c.route !== 'string') throw new UserError('route must be a string such as "#/subs".');
    if (!Number.isSafeInteger(c.workspace) || c.workspace < 0) throw new UserError('workspace must be a workspace id (a whole number).');
    if (c.workspace && !c.route) c.route = `#/ws/${c.workspace}/members`;
    if (c.dark !== undefined) c.dark = !!c.dark;
    c.routing = !!c.routing;
    c.autofocus = !!c.autofocus;
    if (c.server) {
      let u;
      try {
        u = new URL(c.server);
      } catch (e) {
        throw new UserError(`Invalid server "${c.server}": use a URL such as http://127.0.0.1:8090.`);
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError(`Invalid server "${c.server}": use http or https.`);
      if (!ORG_ID.test(c.org)) throw new UserError(`With a server, give the organisation's id (?org=...): 1-40 of a-z, 0-9 and '-'.`);
      // A server's organisation gets a store of its own unless one is named: it never
      // lands in (and replaces) the offline organisation of the default store.
      if (!input || input.store === undefined) c.store = `sync-${c.org}.${u.host.replace(/[^A-Za-z0-9.-]/g, '-')}`.slice(0, 64);
    }
    if (!Number.isFinite(c.saveDelayMs) || c.saveDelayMs < 0 || c.saveDelayMs > 3600000) {
      throw new UserError('saveDelayMs must be a number of milliseconds (0 to 3600000).');
    }
    return c;
  }

  function isMac() {
    const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
    return /mac|iphone|ipad/i.test(platform);
  }

  // With Ctrl (Cmd on a Mac) the console's text fields use these; any other Ctrl/Cmd
  // combination, and the function keys, belong to the browser.
  const CONSOLE_CTRL_KEYS = new Set(['a', 'c', 'x', 'z', 'y', 'backspace', 'delete', 'arrowleft', 'arrowright',
    'arrowup', 'arrowdown', 'home', 'end', 'enter', 'control', 'meta', 'shift', 'alt']);
  function isBrowserShortcut(e, key) {
    if (/^f([1-9]|1[0-9])$/.test(key || '')) return true;
    return (e.ctrlKey || e.metaKey) && !CONSOLE_CTRL_KEYS.has(key);
  }

  function formatKB(bytes) {
    return `${Math.ceil(bytes / 1024)} KB`;
  }

  // ---------------------------------------------------------------------------------------
  // Files

  // A workspace image: PNG or JPEG up to 512 KB, decoded by the browser, centre-cropped to a
  // square and scaled to size x size. Returns the RGBA pixels.
  async function makeThumbnail(file, size) {
    if (file.size > MAX_IMAGE_BYTES) {
      throw new UserError(`"${file.name}" is ${formatKB(file.size)}; a workspace image can be at most 512 KB.`);
    }
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    const png = head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
    const jpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    if (!png && !jpeg) throw new UserError(`"${file.name}" is not a PNG or JPEG image.`);
    let bitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch (e) {
      throw new UserError(`"${file.name}" could not be decoded as an image (the file may be damaged).`);
    }
    try {
      const w = bitmap.width, h = bitmap.height, side = Math.min(w, h);
      if (!side) throw new UserError(`"${file.name}" is an empty image.`);
      const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(size, size) : Object.assign(document.createElement('canvas'), { width: size, height: size });
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(bitmap, (w - side) / 2, (h - side) / 2, side, side, 0, 0, size, size);
      return ctx.getImageData(0, 0, size, size).data;
    } finally {
      bitmap.close();
    }
  }

  // ---------------------------------------------------------------------------------------
  // Keyboard

  // Puts the canvas into a wrapper (display: contents, so the layout does not change) with a
  // hidden text field: keys typed into either bubble to the wrapper, where SDL listens.
  function wrapForKeyboard(canvas) {
    const wrapper = document.createElement('div');
    wrapper.style.display = 'contents';
    if (canvas.parentNode) canvas.parentNode.insertBefore(wrapper, canvas);
    wrapper.appendChild(canvas);
    const field = document.createElement('textarea');
    field.tabIndex = -1;  // not a stop of the page's Tab order: the console moves focus here itself
    field.setAttribute('aria-label', canvas.getAttribute('aria-label') || 'Subspace console');
    for (const [k, v] of [['autocomplete', 'off'], ['autocorrect', 'off'], ['autocapitalize', 'off'], ['spellcheck', 'false']]) {
      field.setAttribute(k, v);
    }
    // Invisible but focusable (not display:none); fixed, so focusing or typing never scrolls
    // the page; 16px, so that mobile browsers do not zoom in on focus.
    field.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:20px;margin:0;padding:0;border:0;outline:none;' +
      'opacity:0;resize:none;overflow:hidden;white-space:pre;font-size:16px;color:transparent;background:transparent;' +
      'caret-color:transparent;pointer-events:none;z-index:0';
    wrapper.appendChild(field);
    return {
      wrapper,
      field,
      // Caret position in CSS pixels of the canvas, kept inside the viewport.
      place(x, y) {
        const box = canvas.getBoundingClientRect();
        const left = Math.min(Math.max(0, box.left + x), window.innerWidth - 2);
        const top = Math.min(Math.max(0, box.top + y), window.innerHeight - 20);
        field.style.left = `${left}px`;
        field.style.top = `${top}px`;
      },
      unwrap() {
        if (wrapper.parentNode) wrapper.parentNode.insertBefore(canvas, wrapper);
        wrapper.remove();
      },
    };
  }

  // ---------------------------------------------------------------------------------------
  // One instance

  function start(canvas, userConfig, ownsCanvas = false) {
    let unmounted = false;
    let config = null, module = null, native = null, failure = null, started = false, persisted = null;
    const listeners = new Map(EVENTS.map((e) => [e, new Set()]));
    let resolveReady, rejectReady;
    const ready = new Promise((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    const cleanup = [];
    const listen = (target, type, fn, options) => {
      target.addEventListener(type, fn, options);
      cleanup.push(() => target.removeEventListener(type, fn, options));
    };

    function deliver(event, data) {
      for (const fn of listeners.get(event)) {
        try {
          fn(data);
        } catch (e) {
          setTimeout(() => { throw e; }, 0);  // a listener's bug is the page's: report it there
        }
      }
    }
    // Listeners never run inside a call from C++ (they may call back into the app).
    const emit = (event, data) => queueMicrotask(() => deliver(event, data));

    function fail(err) {
      if (failure) return;  // the first cause is the one worth reporting
      const error = err instanceof Error ? err : new Error(String(err));
      failure = error;
      if (!started) rejectReady(error);
      else {
        console.error('Subspace stopped:', error.message);
        emit('error', { code: 'crashed', message: error.message });
      }
      while (cleanup.length) cleanup.pop()();
    }

    let saver = null;  // made once the configuration is known

    // --- routing: the URL hash follows the view ------------------------------------------
    let shownHash = null;  // the hash the app itself set last: its events are not navigation
    function setRoute(hash, push) {
      if (!config.routing) return;
      shownHash = hash;
      if (location.hash === hash) return;
      const url = new URL(location.href);
      url.hash = hash;
      if (push) history.pushState(history.state, '', url.href);
      else history.replaceState(history.state, '', url.href);
      shownHash = location.hash;
    }
    function onLocationChange() {
      // Back/forward fire both popstate and hashchange; a typed URL or a link only the latter.
      const hash = location.hash;
      if (!native || hash === shownHash) return;
      shownHash = hash;
      native.routeChanged(hash);
    }

    // --- clipboard ------------------------------------------------------------------------
    function copyText(text) {
      const fallback = (why) => {
        // Older or stricter browsers: a selected textarea and the copy command.
        const area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
        document.body.appendChild(area);
        area.select();
        let ok = false;
        try {
          ok = document.execCommand('copy');
        } catch (e) { /* reported below */ }
        area.remove();
        focusApp();
        if (!ok) {
          const message = `Could not copy to the clipboard${why ? ` (${why})` : ''}.`;
          console.warn('Subspace:', message);
          emit('error', { code: 'clipboard_failed', message });
        }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch((e) => fallback(e && e.message));
      } else {
        fallback('');
      }
    }
    function onKeyDownCapture(e) {
      onKeyEnd();
      // Keys of a composition (dead keys, an input method) are the text field's: SDL would
      // see an IME's Enter or Backspace as the console's. Its result comes as compositionend.
      if (e.isComposing || e.keyCode === 229) {
        e.stopImmediatePropagation();
        return;
      }
      // SDL prevents the default action of every Ctrl+key and function key. Keys kept away
      // from SDL here keep their browser meaning: the paste shortcuts (the paste event that
      // follows hands the text to C++, which replays the shortcut to ImGui), and every
      // shortcut the console has no use for (find, reload, zoom, print, the address bar).
      const key = e.key && e.key.toLowerCase();
      const paste = ((e.ctrlKey || e.metaKey) && !e.altKey && (key === 'v' || e.code === 'KeyV')) ||
        (e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && key === 'insert');
      if (paste || isBrowserShortcut(e, key)) e.stopImmediatePropagation();
    }
    function onPaste(e) {
      const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      e.preventDefault();
      if (text && native) native.paste(text);
    }

    // --- keyboard: the canvas and a hidden text field -------------------------------------
    // SDL reads text only from keypress events, and a canvas never receives a composition:
    // dead keys, input methods, emoji pickers and mobile keyboards typed nothing. While an
    // ImGui text field is active, the keyboard is on a hidden field of this instance; SDL
    // listens on an element holding both (keys.wrapper), so it still sees every key. Plain
    // characters still come through SDL's keypress, which prevents the default: they never
    // reach the field. What the field does receive (a composition's result, inserted text)
    // is handed to C++ and the field emptied again.
    let keys = null;  // wrapForKeyboard(canvas), once the configuration is known
    let textWanted = false, composing = false, inKeypress = false;
    function focusApp() {
      (textWanted ? keys.field : canvas).focus({ preventScroll: true });
    }
    function takeFieldText() {
      const text = keys.field.value;
      keys.field.value = '';
      // Text of a keypress went to SDL already. (SDL prevents a keypress's default whenever
      // it takes its text, so the field never gets it; this keeps it so if that changes.)
      if (!text || !native || inKeypress) return;
      native.insertText(text);
    }
    // From a keypress to the end of its key (keyup or the next keydown).
    const onKeyPress = () => { inKeypress = true; };
    const onKeyEnd = () => { inKeypress = false; };
    function onInput(e) {
      if (!composing && !e.isComposing) takeFieldText();  // a composition's steps wait for its end
    }
    function onCompositionEnd() {
      composing = false;
      takeFieldText();
    }
    // While a field is active the keyboard goes to the hidden field, if it was this
    // instance's: focus elsewhere on the page (a host's input, another instance) stays there.
    function setTextInput(on) {
      textWanted = on;
      const active = document.activeElement;
      if (on && active === canvas) keys.field.focus({ preventScroll: true });
      if (!on && active === keys.field) {
        keys.field.value = '';
        canvas.focus({ preventScroll: true });
      }
    }

    // --- files ----------------------------------------------------------------------------
    let fileInput = null, filePurpose = 0;
    function pickFile(purpose, accept) {
      if (!fileInput) {
        fileInput = document.createElement('input');
        fileInput.type = 'file';
        fileInput.style.display = 'none';
        fileInput.addEventListener('change', () => {
          const file = fileInput.files && fileInput.files[0];
          if (file) readPickedFile(filePurpose, file);
        });
        (canvas.parentElement || document.body).appendChild(fileInput);
        cleanup.push(() => fileInput.remove());
      }
      filePurpose = purpose;
      fileInput.accept = accept || '';
      fileInput.value = '';  // choosing the same file again still fires `change`
      fileInput.click();
    }
    async function readPickedFile(purpose, file) {
      try {
        if (purpose === FilePurpose.WorkspaceImage) {
          const rgba = await makeThumbnail(file, THUMBNAIL_SIZE);
          native.imagePicked(file.name, file.size, rgba, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
        } else {
          if (file.size > MAX_FILE_BYTES) throw new UserError(`"${file.name}" is ${formatKB(file.size)}; files can be at most ${MAX_FILE_BYTES / 1048576} MB.`);
          native.filePicked(purpose, file.name, new Uint8Array(await file.arrayBuffer()));
        }
      } catch (e) {
        const message = e instanceof UserError ? e.message : `"${file.name}" could not be read: ${e.message || e}`;
        if (native) native.fileError(purpose, message);
      }
    }

    function download(name, mime, bytes) {
      const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    }

    // --- the store ------------------------------------------------------------------------
    let files = null;  // the store's files (createStoreFiles)
    // One writer per store: the tab holding the store's Web Lock writes; other tabs open
    // read-only, follow its saves (announced on a BroadcastChannel), and the first in line
    // takes over when the writer goes away. No tab ever writes over another's saves.
    const FOLLOWER_REASON = 'Another tab or console on this store is editing this organisation. This one follows its changes and is read-only until that one is closed.';
    let channel = null;
    function openStore(name) {
      const FS = module.FS;
      const lockName = `subspace-store:${name}`;
      if (typeof BroadcastChannel === 'function') {
        channel = new BroadcastChannel(lockName);
        cleanup.push(() => channel.close());
      }
      const loaded = (err, writer) => {
        if (err) {
          const message = describeStorageError(err, true) + ' Changes in this tab will not be kept.';
          saver.disable(message);
          emit('error', { code: 'storage_unavailable', message });
          native.storeLoaded(false, message, '');
          return;
        }
        if (writer) saver.enable();
        else saver.disable(FOLLOWER_REASON);
        native.storeLoaded(true, '', writer ? '' : FOLLOWER_REASON);
        requestPersistence();
      };
      const load = (writer) => {
        try {
          files = createStoreFiles(FS, FS.filesystems.IDBFS, `/data/${name}`);
          // Nothing reads or writes the store before this first load has finished.
          files.load((err) => {
            try {
              loaded(err, writer);
            } catch (e) {
              fail(e);
            }
          });
        } catch (e) {
          loaded(e, writer);
        }
      };
      const becomeWriter = () => {
        files.reload((err) => {
          if (failure) return;
          if (err) {
            fail(err);
            return;
          }
          native.setReadOnly(false, '');
          native.reloadStore();
          saver.enable();
        });
      };
      if (channel) {
        channel.onmessage = (e) => {
          if (!e.data || e.data.type !== 'saved' || !files || isWriter) return;
          files.reload((err) => { if (!err && !failure) native.reloadStore(); });
        };
      }
      if (navigator.locks && navigator.locks.request) {
        let release = null;
        cleanup.push(() => release && release());
        const hold = () => new Promise((resolve) => { release = resolve; });
        navigator.locks.request(lockName, { ifAvailable: true }, (lock) => {
          if (lock) {
            isWriter = true;
            load(true);
            return hold();
          }
          load(false);
          // Wait in line: when the writing tab closes, this one takes over.
          navigator.locks.request(lockName, () => {
            if (failure) return undefined;
            isWriter = true;
            becomeWriter();
            return hold();
          });
          return undefined;
        }).catch((e) => fail(e));
      } else {
        isWriter = true;  // no Web Locks: one tab is assumed
        load(true);
      }
      const flush = () => saver.flush();
      listen(document, 'visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
      listen(window, 'pagehide', flush);
    }
    let isWriter = false;
    // Ask the browser not to evict the store under storage pressure (asked once).
    async function requestPersistence() {
      if (!navigator.storage || !navigator.storage.persist) return;
      try {
        persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
      } catch (e) {
        persisted = false;
      }
      if (native && !failure) native.setPersistent(persisted);  // the app says so when refused
    }

    // --- what C++ calls (through web/library_subspace.js) --------------------------------
    const host = {
      attach(mod, nat) {
        module = mod;
        native = nat;
      },
      config() {
        return {
          store: config.store, demo: config.demo, demoAsked: !!config.demoAsked, actingAs: config.actingAs, dark: config.dark,
          route: config.route, mac: isMac(),
          server: config.server, org: config.org, pageUrl: location.origin + location.pathname,
        };
      },
      // One request to the sync server; the answer (or status 0 when it cannot be reached)
      // goes back to C++. Only this instance's own server is ever asked.
      httpRequest(id, method, url, body, bearer) {
        const headers = { 'Content-Type': 'application/json' };
        if (bearer) headers.Authorization = `Bearer ${bearer}`;
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), HTTP_TIMEOUT_MS);
        fetch(url, { method, headers, body: method === 'GET' ? undefined : body, signal: abort.signal, cache: 'no-store' })
          .then(async (res) => ({ status: res.status, text: await res.text() }))
          .catch(() => ({ status: 0, text: '' }))
          .then(({ status, text }) => {
            clearTimeout(timer);
            if (native && !failure) native.httpResponse(id, status, text);
          });
      },
      // A fallback font (CJK, emoji, other scripts), fetched only once a name needs it: it is
      // not in the first download. It goes into the wasm file system where the fonts are.
      fetchFont(name, dir) {
        const done = (ok) => { if (native && !failure) native.fontFetched(name, ok); };
        if (!FONT_FILE.test(name)) return done(false);
        fetch(new URL(`fonts/${name}`, APP_BASE).href)
          .then((res) => (res.ok ? res.arrayBuffer() : Promise.reject(new Error(`HTTP ${res.status}`))))
          .then((bytes) => {
            if (!module || failure) return;
            module.FS.writeFile(`${dir}/${name}`, new Uint8Array(bytes));
            done(true);
          })
          .catch((e) => {
            console.warn(`Subspace: the font ${name} could not be fetched (${e.message}); its characters are drawn as boxes.`);
            done(false);
          });
        return undefined;
      },
      copyText,
      download,
      setRoute,
      pickFile,
      openStore,
      storageChanged: () => saver.changed(),
      emit(event, json) {
        let data = json;
        try {
          data = JSON.parse(json);
        } catch (e) { /* pass the text on */ }
        emit(event, data);
      },
      textInput: setTextInput,
      // Where ImGui's text cursor is (CSS pixels in the canvas): an input method shows its
      // candidates next to the hidden field, so the field follows the cursor.
      textCaret: (x, y) => keys.place(x, y),
      firstFrame() {
        if (started || failure) return;
        started = true;
        if (config.autofocus) canvas.focus({ preventScroll: true });
        resolveReady(api);
      },
      fatal: (message) => fail(new Error(message)),
    };

    // --- the public API ---------------------------------------------------------------------
    const unavailable = () => ({
      ok: false,
      error: failure ? { code: 'unavailable', message: `Subspace is not running: ${failure.message}` }
        : { code: 'not_ready', message: 'Subspace has not finished loading yet; wait for ready.' },
    });
    const api = Object.freeze({
      ready,
      canvas,
      get store() { return config ? config.store : null; },
      // Whether the browser agreed not to evict the store (null: not known yet).
      get persisted() { return persisted; },
      getState() {
        if (!started || failure) return null;
        const text = native.stateJson();
        return text === null ? null : JSON.parse(text);
      },
      dispatch(command) {
        if (!started || failure) return unavailable();
        let text;
        if (typeof command === 'string') text = command;  // C++ judges the text as it is
        else {
          try {
            text = JSON.stringify(command);
          } catch (e) {
            return { ok: false, error: { code: 'invalid_json', message: `The command cannot be written as JSON: ${e.message}` } };
          }
          if (text === undefined) text = '';
        }
        return JSON.parse(native.dispatch(text));
      },
      // A labelled widget's rectangle in the last frame, in CSS pixels of the page's viewport
      // ({x, y, w, h, enabled}), or null.
      itemRect(label) {
        if (!started || failure) return null;
        const text = native.itemRect(String(label));
        if (text === null) return null;
        const r = JSON.parse(text), box = canvas.getBoundingClientRect();
        return { x: r.x + box.left, y: r.y + box.top, w: r.w, h: r.h, enabled: r.enabled };
      },
      items() {
        if (!started || failure) return [];
        return Object.keys(JSON.parse(native.itemsJson())).sort();
      },
      // The interface's own state: save status, read-only, acting person, route, persisted.
      status() {
        if (!started || failure) return null;
        return Object.assign(JSON.parse(native.statusJson()),
          { persisted, savePending: saver.pending, storageBytesWritten: files ? files.bytesWritten : 0 });
      },
      on(event, fn) {
        if (!listeners.has(event)) throw new Error(`Unknown event "${event}": use ${EVENTS.join(', ')}.`);
        if (typeof fn !== 'function') throw new TypeError('on(event, fn): fn must be a function.');
        listeners.get(event).add(fn);
        return () => listeners.get(event).delete(fn);
      },
      off(event, fn) {
        if (listeners.has(event)) listeners.get(event).delete(fn);
      },
      // Stops this instance: what is not saved yet is saved, the frame loop stops, the GL
      // context, window listeners, the store's lock and channel are released, and the module
      // is dropped (the canvas too, if mount() made it). Other instances are untouched.
      async unmount() {
        if (unmounted) return;
        unmounted = true;
        try {
          await ready.catch(() => {});
          if (saver) {
            saver.flush();
            await saver.whenIdle();
          }
          if (native && !failure) native.shutdown();
        } finally {
          const reason = new Error('Subspace was unmounted.');
          if (!failure) failure = reason;
          while (cleanup.length) cleanup.pop()();
          // The GL context goes now, not whenever the canvas is collected: a page may hold
          // only a few at once, and a host that mounts and unmounts would run out.
          const gl = started ? canvas.getContext('webgl2') : null;
          const lose = gl && gl.getExtension('WEBGL_lose_context');
          if (lose) lose.loseContext();
          module = null;
          native = null;
          files = null;
          for (const set of listeners.values()) set.clear();
          if (ownsCanvas) canvas.remove();
        }
      },
      get mounted() {
        return !unmounted && !failure;
      },
    });

    try {
      config = normaliseConfig(userConfig);
      if (!(canvas instanceof HTMLCanvasElement)) throw new UserError('SubspaceWeb.start needs a <canvas> element.');
      if (typeof global.createSubspaceModule !== 'function') throw new UserError('subspace.js is not loaded.');
    } catch (e) {
      fail(e);
      return api;
    }

    saver = createSaver(
      (done) => files.save(done),
      (ok, message) => {
        if (ok && channel) channel.postMessage({ type: 'saved' });  // followers read it again
        if (native) native.saveFinished(ok, message);
      },
      config.saveDelayMs);

    keys = wrapForKeyboard(canvas);
    cleanup.push(() => keys.unwrap());

    // Keyboard input goes to the canvas: it must be focusable and take focus when clicked
    // (without that, a click reaches ImGui but typed keys are lost). While a text field is
    // active, focus given to the canvas moves on to the hidden field.
    if (!canvas.hasAttribute('tabindex')) canvas.tabIndex = -1;
    listen(canvas, 'mousedown', () => canvas.focus({ preventScroll: true }));
    listen(canvas, 'focus', () => { if (textWanted) keys.field.focus({ preventScroll: true }); });
    listen(canvas, 'contextmenu', (e) => e.preventDefault());
    listen(keys.wrapper, 'keydown', onKeyDownCapture, { capture: true });
    listen(keys.wrapper, 'keypress', onKeyPress, { capture: true });
    listen(keys.wrapper, 'keyup', onKeyEnd, { capture: true });
    listen(keys.wrapper, 'paste', onPaste);
    listen(keys.field, 'compositionstart', () => { composing = true; });
    listen(keys.field, 'compositionend', onCompositionEnd);
    listen(keys.field, 'input', onInput);
    if (config.routing) {
      listen(window, 'popstate', onLocationChange);
      listen(window, 'hashchange', onLocationChange);
    }

    global.createSubspaceModule({
      canvas,
      subspaceKeys: keys.wrapper,
      subspaceHost: host,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      onAbort: (what) => fail(new Error(`The app stopped (${what}).`)),
    }).catch((e) => fail(e));
    return api;
  }

  // Mounts an instance into a host page's element: a canvas is made inside it and follows its
  // size. The URL hash stays the host's unless { routing: true }.
  function mount(element, userConfig) {
    if (!(element instanceof HTMLElement)) throw new UserError('SubspaceWeb.mount(element, config): element must be a DOM element.');
    const canvas = document.createElement('canvas');
    canvas.style.cssText = 'display:block;width:100%;height:100%;outline:none;touch-action:none';
    canvas.setAttribute('aria-label', 'Subspace console');
    element.appendChild(canvas);
    return start(canvas, Object.assign({ routing: false }, userConfig || {}), true);
  }

  global.SubspaceWeb = Object.freeze({ start, mount, configFromUrl, makeThumbnail, FilePurpose });
})(window);
