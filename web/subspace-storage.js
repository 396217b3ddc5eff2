/*
 * The store's files in IndexedDB, for subspace-web.js: Emscripten's IDBFS with its error
 * handling repaired, saves that write only what changed, and the debounced saver (one save
 * in flight, "run again" when changed meanwhile, retries after a failure). Load this file
 * before subspace-web.js; it defines window.SubspaceStorage and nothing else.
 */
(function (global) {
  'use strict';

  // After a failed save, the next tries wait this long (then the last, again and again).
  const SAVE_RETRY_MS = [2000, 5000, 15000, 30000, 60000];

  // ---------------------------------------------------------------------------------------
  // IndexedDB through Emscripten's IDBFS.
  //
  // Emscripten 3.1.6's IDBFS loses IndexedDB errors: its handlers read `this.error` inside
  // arrow functions (undefined), so a failed write calls back with no error or never calls
  // back at all, and a transaction aborted at commit (which is how Chromium reports a full
  // quota) is not handled. A save would then hang "in flight" forever and a quota error
  // would never reach the user (seen: a save under a full quota never called back). Its
  // IndexedDB side is replaced here, keeping its data format (database = mount point, store
  // FILE_DATA, index "timestamp"), so FS.syncfs keeps working both ways; the app itself uses
  // it for the first load (saves: createStoreFiles below). Two more changes: a sync is
  // all-or-nothing (a failed request aborts the whole transaction instead of committing the
  // rest), and a file deleted after a save listed it is skipped rather than failing the save.
  function patchIdbfs(FS, IDBFS) {
    if (IDBFS.subspacePatched) return;
    IDBFS.subspacePatched = true;
    const STORE = IDBFS.DB_STORE_NAME;
    const failed = (req, what) => (req && req.error) || new Error(what);

    IDBFS.getDB = (name, callback) => {
      const cached = IDBFS.dbs[name];
      if (cached) return callback(null, cached);
      let req;
      try {
        req = IDBFS.indexedDB().open(name, IDBFS.DB_VERSION);
      } catch (e) {
        return callback(e);
      }
      req.onupgradeneeded = () => {
        const db = req.result;
        const store = db.objectStoreNames.contains(STORE) ? req.transaction.objectStore(STORE) : db.createObjectStore(STORE);
        if (!store.indexNames.contains('timestamp')) store.createIndex('timestamp', 'timestamp', { unique: false });
      };
      req.onsuccess = () => {
        const db = req.result;
        // Someone deletes or upgrades the database (e.g. "clear site data"): let them, and
        // open it again at the next save.
        db.onversionchange = () => {
          db.close();
          if (IDBFS.dbs[name] === db) delete IDBFS.dbs[name];
        };
        IDBFS.dbs[name] = db;
        callback(null, db);
      };
      req.onerror = (e) => {
        e.preventDefault();
        callback(failed(req, `Opening the IndexedDB database ${name} failed.`));
      };
    };

    IDBFS.getRemoteSet = (mount, callback) => {
      IDBFS.getDB(mount.mountpoint, (err, db) => {
        if (err) return callback(err);
        let tx;
        try {
          tx = db.transaction([STORE], 'readonly');
        } catch (e) {
          delete IDBFS.dbs[mount.mountpoint];  // e.g. the connection was closed: reopen next time
          return callback(e);
        }
        const entries = {};
        let finished = false;
        const finish = (e, result) => {
          if (!finished) {
            finished = true;
            callback(e, result);
          }
        };
        tx.onabort = () => finish(tx.error || new Error('Reading the list of stored files was aborted.'));
        const cursorReq = tx.objectStore(STORE).index('timestamp').openKeyCursor();
        cursorReq.onsuccess = () => {
          const cursor = cursorReq.result;
          if (!cursor) return finish(null, { type: 'remote', db, entries });
          entries[cursor.primaryKey] = { timestamp: cursor.key };
          cursor.continue();
        };
        cursorReq.onerror = () => finish(failed(cursorReq, 'Reading the list of stored files failed.'));
      });
    };

    IDBFS.reconcile = (src, dst, callback) => {
      const create = Object.keys(src.entries)
        .filter((path) => {
          const a = src.entries[path], b = dst.entries[path];
          return !b || a.timestamp.getTime() !== b.timestamp.getTime();
        })
        .sort();  // directories before the files in them
      const remove = Object.keys(dst.entries).filter((path) => !src.entries[path]).sort().reverse();
      if (!create.length && !remove.length) return callback(null);

      const db = src.type === 'remote' ? src.db : dst.db;
      let tx;
      try {
        tx = db.transaction([STORE], 'readwrite');
      } catch (e) {
        delete IDBFS.dbs[db.name];
        return callback(e);
      }
      const store = tx.objectStore(STORE);
      let failure = null, finished = false;
      const finish = (err) => {
        if (!finished) {
          finished = true;
          callback(err);
        }
      };
      const fail = (err) => {
        if (failure) return;
        failure = err || new Error('An IndexedDB operation failed.');
        try {
          tx.abort();
        } catch (e) { /* already finishing */ }
      };
      // Request errors are not prevented, so any of them aborts the transaction.
      const request = (make, what, onsuccess) => {
        let req;
        try {
          req = make();
        } catch (e) {
          return fail(e);
        }
        req.onsuccess = () => onsuccess && onsuccess(req.result);
        req.onerror = () => { if (!failure) failure = failed(req, what); };
      };
      tx.oncomplete = () => finish(failure);
      tx.onabort = () => finish(failure || tx.error || new Error('The IndexedDB transaction was aborted.'));

      const local = (fn) => {
        try {
          fn();
        } catch (e) {
          fail(e);
        }
      };
      for (const path of create) {
        if (dst.type === 'local') {
          request(() => store.get(path), `Reading ${path} failed.`, (entry) => {
            IDBFS.storeLocalEntry(path, entry, (err) => err && fail(err));
          });
        } else {
          if (!FS.analyzePath(path).exists) continue;  // deleted since it was listed
          IDBFS.loadLocalEntry(path, (err, entry) => {
            if (err) return fail(err);
            request(() => store.put(entry, path), `Saving ${path} failed.`);
          });
        }
      }
      for (const path of remove) {
        if (dst.type === 'local') local(() => IDBFS.removeLocalEntry(path, (err) => err && fail(err)));
        else request(() => store.delete(path), `Deleting ${path} failed.`);
      }
      // Every request is queued: commit now rather than when the browser notices, which
      // matters when the page is being closed (Chromium 76+, Firefox 74+). Only for writes:
      // committing a transaction whose reads are still pending drops their results when the
      // values are large (seen: a 141 MB store read back as nothing), so a load lets the
      // transaction finish by itself.
      if (dst.type === 'remote' && !failure && typeof tx.commit === 'function') {
        try {
          tx.commit();
        } catch (e) { /* already committing or aborted: its events report it */ }
      }
    };
  }

  // The store's folder in the wasm file system, kept in IndexedDB.
  //
  // load(): mounts IDBFS and reads IndexedDB into the folder (FS.syncfs(true)).
  // save(): writes what changed since the last save. FS.syncfs(false) would first read the
  // list of stored files back from IndexedDB (an extra asynchronous round trip) before it
  // starts writing; when the page is being closed there is no time for that, and nothing
  // got saved (measured: 0 of 5 reloads kept a change made just before). This tab is the
  // store's only writer, so what IndexedDB holds is known (the folder as of the last load or
  // save): a save lists the folder, reads the changed files and queues its one readwrite
  // transaction in the calling task, and commits it at once. When that knowledge is lost (a
  // failed save), the stored list is read back first, as FS.syncfs does.
  //
  // A file counts as changed when its modification time or its inode differs: the store
  // replaces files by renaming a new one over them, so even two writes within the same
  // millisecond are told apart.
  function createStoreFiles(FS, IDBFS, dir) {
    patchIdbfs(FS, IDBFS);
    const STORE = IDBFS.DB_STORE_NAME;
    let mount = null;
    let known = null;  // Map path -> {time, ino} of what IndexedDB holds (ino null: unknown)
    let bytesWritten = 0;  // file bytes put into IndexedDB by completed saves (scripts/bench)

    // The folder's files and directories now, by path (synchronous).
    function listLocal() {
      const found = new Map();
      const walk = (path) => {
        for (const name of FS.readdir(path)) {
          if (name === '.' || name === '..') continue;
          const child = `${path}/${name}`;
          const stat = FS.stat(child);
          found.set(child, { time: stat.mtime.getTime(), ino: stat.ino });
          if (FS.isDir(stat.mode)) walk(child);
        }
      };
      walk(dir);
      return found;
    }
    const same = (a, b) => !!a && !!b && a.time === b.time && (a.ino === null || b.ino === null || a.ino === b.ino);

    // Reads back what IndexedDB holds (opening the database if needed), then saves.
    function relearnAndSave(callback) {
      IDBFS.getRemoteSet(mount, (err, remote) => {
        if (err) return callback(err);
        known = new Map(Object.entries(remote.entries).map(([path, e]) => [path, { time: e.timestamp.getTime(), ino: null }]));
        save(callback, false);
      });
    }

    function save(callback, mayReopen) {
      const db = IDBFS.dbs[dir];
      let files, tx;
      try {
        files = listLocal();
        tx = db.transaction([STORE], 'readwrite');
      } catch (e) {
        // E.g. the connection was closed (the database was deleted or upgraded elsewhere).
        delete IDBFS.dbs[dir];
        known = null;
        return mayReopen ? relearnAndSave(callback) : callback(e);
      }
      const store = tx.objectStore(STORE);
      let failure = null;
      const fail = (err) => {
        if (failure) return;
        failure = err || new Error('An IndexedDB operation failed.');
        try {
          tx.abort();
        } catch (e) { /* already finishing */ }
      };
      // Request errors are not prevented: any of them aborts the whole transaction.
      const request = (make, what) => {
        let req;
        try {
          req = make();
        } catch (e) {
          return fail(e);
        }
        req.onerror = () => { if (!failure) failure = req.error || new Error(what); };
      };
      let bytes = 0;
      tx.oncomplete = () => {
        known = files;
        bytesWritten += bytes;
        callback(null);
      };
      tx.onabort = () => {
        known = null;  // what the browser kept is unknown now
        callback(failure || tx.error || new Error('The IndexedDB transaction was aborted.'));
      };
      for (const path of [...files.keys()].sort()) {  // directories before their files
        if (same(known.get(path), files.get(path))) continue;
        IDBFS.loadLocalEntry(path, (err, entry) => {  // synchronous
          if (err) return fail(err);
          bytes += entry.contents ? entry.contents.byteLength : 0;
          request(() => store.put(entry, path), `Saving ${path} failed.`);
        });
      }
      for (const path of [...known.keys()].sort().reverse()) {  // files before their directories
        if (!files.has(path)) request(() => store.delete(path), `Deleting ${path} failed.`);
      }
      if (!failure && typeof tx.commit === 'function') {
        try {
          tx.commit();  // every request is queued: commit now (Chromium 76+, Firefox 74+)
        } catch (e) { /* its events report the outcome */ }
      }
    }

    return {
      load(callback) {
        FS.mkdirTree(dir);
        mount = FS.mount(IDBFS, {}, dir).mount;
        FS.syncfs(true, (err) => {
          if (!err) {
            try {
              known = listLocal();  // the folder is now a copy of what is stored
            } catch (e) {
              err = e;
            }
          }
          callback(err);
        });
      },
      save(callback) {
        if (known && IDBFS.dbs[dir]) save(callback, true);
        else relearnAndSave(callback);
      },
      get bytesWritten() {
        return bytesWritten;
      },
      // Reads again what another tab saved (this tab never writes while it follows).
      reload(callback) {
        FS.syncfs(true, (err) => {
          if (!err) {
            try {
              known = listLocal();
            } catch (e) {
              err = e;
            }
          }
          callback(err);
        });
      },
    };
  }

  function describeStorageError(err, loading) {
    const name = (err && err.name) || '';
    const detail = (err && err.message) || String(err);
    if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
      return "The browser's storage for this site is full (quota exceeded), so recent changes are not saved. " +
        'Free some disk space or remove data of other sites; Subspace keeps retrying while this tab is open.';
    }
    if (err && typeof err.errno === 'number' && !err.message) return `File system error ${err.errno}.`;
    return (loading ? 'Could not read the stored data from IndexedDB: ' : 'Could not save to IndexedDB: ') + detail;
  }

  // Debounced saves: one in flight at a time; changes made meanwhile mark
  // the store dirty and run another save when it ends. "Saved" is reported only when a save
  // finishes with nothing left to save; failures are reported at once and retried later.
  function createSaver(save, report, debounceMs) {
    let enabled = false, disabledReason = '';
    let dirty = false, inFlight = false, urgent = false, failures = 0, timer = null;

    const later = (ms) => {
      if (timer === null) timer = setTimeout(run, ms);
    };
    function run() {
      timer = null;
      if (!enabled || inFlight || !dirty) return;
      dirty = false;
      inFlight = true;
      save((err) => {
        inFlight = false;
        if (err) {
          dirty = true;
          failures++;
          report(false, describeStorageError(err, false));
          later(SAVE_RETRY_MS[Math.min(failures, SAVE_RETRY_MS.length) - 1]);
        } else {
          failures = 0;
          if (dirty) later(urgent ? 0 : debounceMs);  // changed while saving
          else {
            urgent = false;
            report(true, '');
          }
        }
      });
    }
    return {
      enable() {
        enabled = true;
        if (dirty) later(0);
      },
      disable(reason) {
        enabled = false;
        disabledReason = reason;
      },
      changed() {
        dirty = true;
        if (!enabled) {
          if (disabledReason) setTimeout(() => report(false, disabledReason), 0);
          return;
        }
        if (!inFlight) later(debounceMs);
      },
      // The page is being hidden or unloaded: save now (the browser may not wait for us).
      flush() {
        if (!enabled || !dirty) return;
        urgent = true;
        if (inFlight) return;  // its end starts the next save at once
        if (timer !== null) clearTimeout(timer);
        timer = null;
        run();
      },
      get pending() {
        return dirty || inFlight;
      },
      // Resolves once nothing is left to save (at once if saving is off).
      whenIdle() {
        return new Promise((resolve) => {
          const check = () => {
            if (!enabled || (!dirty && !inFlight)) resolve();
            else setTimeout(check, 20);
          };
          check();
        });
      },
    };
  }

  global.SubspaceStorage = Object.freeze({ patchIdbfs, createStoreFiles, describeStorageError, createSaver });
})(typeof window !== 'undefined' ? window : globalThis);
