/*
 * Offline reading (docs/offline.md), an enhancement for signed-in learners: registers the service
 * worker, saves a course's lessons on the device when asked, says when the page is offline, and
 * queues "mark as done" while offline, replaying it in order, with its time, once back online. The
 * server decides each replay (idempotently); nothing is graded here.
 */
(function () {
  'use strict';
  var status = document.getElementById('offline-status');
  if (!status || !('serviceWorker' in navigator) || !window.caches || !window.fetch) return;

  var d = status.dataset;
  var lang = document.documentElement.lang || 'en';
  var QUEUE_KEY = 'praxis.offline.done';
  var PREFIX = 'praxis-course:';
  var COMPLETE = '/__praxis/offline-complete';
  var PREFETCH = { 'X-Praxis-Offline': '1' }; // the server then records no visit for the saved copy

  /*
   * The worker is installed only for learners who keep a course on the device, and removed with the
   * last one: everyone else's pages stay exactly as they were (the tracker's keepalive send on
   * leaving a page, for one, is not routed through a worker).
   */
  async function ensureWorker() {
    try {
      await navigator.serviceWorker.register('/sw.js');
      await navigator.serviceWorker.ready;
    } catch (e) {
      /* no offline reading; pages still work online */
    }
  }
  async function savedAny() {
    return (await caches.keys()).some(function (k) {
      return k.indexOf(PREFIX) === 0;
    });
  }
  async function dropWorkerIfUnused() {
    if (await savedAny()) return;
    var registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(
      registrations.map(function (r) {
        return r.unregister();
      }),
    );
  }
  savedAny().then(function (any) {
    if (any) ensureWorker();
  });

  function fill(text) {
    var args = arguments;
    var i = 1;
    return text.replace(/%s/g, function () {
      return String(args[i++]);
    });
  }
  function megabytes(bytes) {
    try {
      return new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
        bytes / 1e6,
      );
    } catch (e) {
      return (bytes / 1e6).toFixed(1) + ' MB';
    }
  }
  function csrfToken() {
    var input = document.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  }

  /* ---- The queue of lessons marked done offline: per user, in order, survives reloads. ---- */
  function readQueue() {
    try {
      return JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]');
    } catch (e) {
      return [];
    }
  }
  function writeQueue(q) {
    try {
      localStorage.setItem(QUEUE_KEY, JSON.stringify(q));
    } catch (e) {
      /* full or blocked */
    }
  }
  function mine() {
    return readQueue().filter(function (e) {
      return e.user === d.user;
    });
  }

  function showStatus(extra) {
    var pending = mine().length;
    var parts = [];
    if (!navigator.onLine) parts.push(d.offline);
    if (pending) parts.push(fill(d.pending, pending));
    if (extra) parts.push(extra);
    status.textContent = parts.join(' ');
    status.hidden = parts.length === 0;
  }

  var form = document.querySelector('form.done-form');
  if (form) {
    form.addEventListener('submit', function (event) {
      if (navigator.onLine) return; // online: the ordinary form post
      event.preventDefault();
      var q = readQueue();
      q.push({ user: d.user, url: form.action, doneAt: new Date().toISOString() });
      writeQueue(q);
      var note = document.createElement('p');
      note.className = 'alert alert-info';
      note.setAttribute('role', 'status');
      note.textContent = d.queued;
      form.replaceWith(note);
      showStatus();
    });
  }

  var replaying = false;
  /** Sends the queue in order; stops at the first failure and keeps the rest for later. */
  async function replay() {
    if (replaying || !navigator.onLine || mine().length === 0) return;
    replaying = true;
    var sent = 0;
    try {
      for (;;) {
        var entry = mine()[0];
        if (!entry) break;
        var res;
        try {
          res = await fetch(entry.url, {
            method: 'POST',
            credentials: 'same-origin',
            redirect: 'manual',
            headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ _csrf: csrfToken(), doneAt: entry.doneAt }).toString(),
          });
        } catch (e) {
          break; // still no network
        }
        // Signed out, or the form token is from another session: keep it until the learner is back.
        if (res.type === 'opaqueredirect' || res.status === 401 || res.status === 403 || res.status >= 500) break;
        writeQueue(
          readQueue().filter(function (e) {
            return !(e.user === entry.user && e.url === entry.url && e.doneAt === entry.doneAt);
          }),
        );
        sent++;
      }
    } finally {
      replaying = false;
    }
    if (sent > 0) {
      showStatus(d.synced);
      await refreshSavedPages();
      if (document.getElementById('offline-panel')) location.reload();
    } else {
      showStatus();
    }
  }

  /* ---- Saving a course for offline reading (the course page's panel). ---- */
  async function cachesOf(slug) {
    return (await caches.keys()).filter(function (k) {
      return k.indexOf(PREFIX + slug + ':') === 0;
    });
  }
  async function isComplete(name) {
    return !!(await (await caches.open(name)).match(COMPLETE));
  }
  async function download(plan, onProgress) {
    await ensureWorker();
    var cache = await caches.open(plan.cache);
    await cache.delete(COMPLETE);
    var next = 0;
    var done = 0;
    // A few requests at a time: on a high-latency line one after another would wait on every round trip.
    async function worker() {
      while (next < plan.files.length) {
        var url = plan.files[next++].url;
        var res = await fetch(url, { credentials: 'same-origin', headers: PREFETCH });
        if (!res.ok) throw new Error(url + ': ' + res.status);
        await cache.put(url, res);
        onProgress(++done, plan.files.length);
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()]);
    await cache.put(COMPLETE, new Response(JSON.stringify({ savedAt: new Date().toISOString(), bytes: plan.bytes })));
    var old = (await cachesOf(plan.slug)).filter(function (k) {
      return k !== plan.cache;
    });
    await Promise.all(
      old.map(function (k) {
        return caches.delete(k);
      }),
    );
  }
  /** After progress was sent, the saved course page would show the old bars: fetch it again. */
  async function refreshSavedPages() {
    var names = (await caches.keys()).filter(function (k) {
      return k.indexOf(PREFIX) === 0;
    });
    for (var i = 0; i < names.length; i++) {
      var slug = names[i].split(':')[1];
      try {
        var res = await fetch('/courses/' + slug, { credentials: 'same-origin', headers: PREFETCH });
        if (res.ok) await (await caches.open(names[i])).put('/courses/' + slug, res);
      } catch (e) {
        /* offline again */
      }
    }
  }

  async function panel(el) {
    var p = el.dataset;
    var state = el.querySelector('.offline-state');
    var save = el.querySelector('.offline-save');
    var remove = el.querySelector('.offline-remove');
    var plan = null;
    function say(text) {
      state.textContent = text;
    }
    try {
      var res = await fetch(p.plan, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (res.ok) plan = await res.json();
    } catch (e) {
      /* offline: say what is saved */
    }
    var saved = await cachesOf(p.slug);
    var current = plan && saved.indexOf(plan.cache) >= 0 && (await isComplete(plan.cache));
    el.hidden = false;

    async function run(message) {
      save.disabled = true;
      try {
        await download(plan, function (n, total) {
          say(fill(p.saving, Math.round((n / total) * 100) + '%'));
        });
        say(message);
        save.hidden = true;
        remove.hidden = false;
        el.classList.add('is-saved');
      } catch (e) {
        say(p.failed);
        await caches.delete(plan.cache);
      } finally {
        save.disabled = false;
      }
    }

    if (!plan) {
      save.hidden = true;
      remove.hidden = saved.length === 0;
      return say(saved.length ? p.savedHere : p.needsConnection);
    }
    save.textContent = fill(p.save, megabytes(plan.bytes));
    if (current) {
      save.hidden = true;
      remove.hidden = false;
      el.classList.add('is-saved');
      say(fill(p.saved, megabytes(plan.bytes)));
    } else if (saved.length) {
      await run(p.updated); // a new version or another language replaces the saved one
    } else {
      say(fill(p.size, megabytes(plan.bytes)));
    }
    save.addEventListener('click', function () {
      run(fill(p.saved, megabytes(plan.bytes)));
    });
    remove.addEventListener('click', async function () {
      var names = await cachesOf(p.slug);
      await Promise.all(
        names.map(function (k) {
          return caches.delete(k);
        }),
      );
      await dropWorkerIfUnused();
      remove.hidden = true;
      save.hidden = false;
      el.classList.remove('is-saved');
      say(p.removed);
    });
  }

  // Offline stand-in page: say the part that applies to the address the learner asked for.
  var standIn = document.getElementById('offline-page');
  if (standIn) {
    var quiz = location.pathname.indexOf('/quizzes/') > 0;
    standIn.querySelector('.offline-quiz').hidden = !quiz;
    standIn.querySelector('.offline-other').hidden = quiz;
  }

  var el = document.getElementById('offline-panel');
  if (el) panel(el);
  window.addEventListener('online', function () {
    showStatus();
    replay();
  });
  window.addEventListener('offline', function () {
    showStatus();
  });
  showStatus();
  replay();
})();
