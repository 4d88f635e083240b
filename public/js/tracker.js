/*
 * Praxis lesson tracker (docs/xapi-vocabulary.md, "The lesson tracker"). An enhancement only: the
 * server already records `experienced` when the page is served and `completed` when the learner
 * marks the lesson done. This adds `progressed` (how far read, visible time on the page) with the
 * page's short-lived learner token. Every statement is queued in localStorage before it is sent,
 * with its id and timestamp, so a dropped connection or a closed tab loses nothing.
 */
(function () {
  'use strict';
  var el = document.getElementById('xapi-tracker');
  if (!el || !window.XAPI || !window.fetch || !window.crypto) return;

  var d = el.dataset;
  var XAPIClient = window.XAPI.default || window.XAPI;
  var PROGRESS = 'https://w3id.org/xapi/cmi5/result/extensions/progress';
  var QUEUE_KEY = 'praxis.xapi.queue';
  var QUEUE_MAX = 200;
  var BATCH = 25; // keepalive requests may carry at most 64 KB
  var TICK_MS = 30000;
  var expires = Date.parse(d.expires);
  var actor = JSON.parse(d.actor);
  var tokenRefused = false;
  var memoryQueue = [];

  /* ---- The queue: bounded, shared by tabs, survives reloads. ---- */
  function readQueue() {
    try {
      return JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]');
    } catch (e) {
      return memoryQueue;
    }
  }
  function writeQueue(q) {
    var kept = q.slice(-QUEUE_MAX);
    try {
      localStorage.setItem(QUEUE_KEY, JSON.stringify(kept));
    } catch (e) {
      memoryQueue = kept;
    }
  }
  function dropFromQueue(ids) {
    writeQueue(
      readQueue().filter(function (e) {
        return ids.indexOf(e.statement.id) < 0;
      }),
    );
  }

  /* ---- Sending, with @xapi/xapi over fetch keepalive (sendBeacon cannot send the token). ---- */
  function keepaliveFetch(req) {
    var body = req.headers['Content-Type'] === 'application/json' ? JSON.stringify(req.data) : req.data;
    return fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: body,
      keepalive: true,
      credentials: 'omit',
    }).then(function (res) {
      return res.text().then(function (text) {
        if (!res.ok) {
          var err = new Error(text);
          err.status = res.status;
          throw err;
        }
        var headers = {};
        res.headers.forEach(function (v, k) {
          headers[k] = v;
        });
        var data = text;
        try {
          data = JSON.parse(text);
        } catch (e) {
          /* not JSON */
        }
        return { data: data, headers: headers, status: res.status };
      });
    });
  }
  var lrs = new XAPIClient({ endpoint: d.endpoint, auth: 'Bearer ' + d.token, adapter: keepaliveFetch });
  var sending = false;

  /** Sends what this page's token may send (its registration); other courses' statements wait for their page. */
  async function flush() {
    if (sending || tokenRefused || Date.now() >= expires) return;
    sending = true;
    try {
      for (;;) {
        var batch = readQueue()
          .filter(function (e) {
            return e.registration === d.registration;
          })
          .slice(0, BATCH);
        if (batch.length === 0) return;
        var ids = batch.map(function (e) {
          return e.statement.id;
        });
        try {
          await lrs.sendStatements({
            statements: batch.map(function (e) {
              return e.statement;
            }),
          });
        } catch (err) {
          if (err.status === 401) {
            tokenRefused = true;
            return;
          } // expired or revoked: the next page brings a fresh token
          if (!(err.status >= 400 && err.status < 500) || err.status === 429) return; // offline or busy: try again later
        }
        dropFromQueue(ids); // sent, or refused for good (4xx): never retried
      }
    } finally {
      sending = false;
    }
  }

  /* ---- What the learner does: how far they read, for how long the page was visible. ---- */
  var article = document.querySelector('article.lesson') || document.body;
  var maxRead = 0;
  var visibleMs = 0;
  var visibleSince = document.visibilityState === 'visible' ? performance.now() : null;
  var lastSent = { percent: -1, ms: 0 };

  function measure() {
    var r = article.getBoundingClientRect();
    var read = r.height > 0 ? (window.innerHeight - r.top) / r.height : 1;
    maxRead = Math.max(maxRead, Math.min(1, Math.max(0, read)));
    if (maxRead >= 0.99 && lastSent.percent < 100) report(); // reached the end: worth saying at once
  }
  function visibleTime() {
    return visibleMs + (visibleSince === null ? 0 : performance.now() - visibleSince);
  }

  function uuid() {
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map
      .call(b, function (x) {
        return (x + 0x100).toString(16).slice(1);
      })
      .join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function statement(verb, result) {
    var s = {
      id: uuid(),
      actor: actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/' + verb, display: { en: verb } },
      object: {
        objectType: 'Activity',
        id: d.lesson,
        definition: { type: 'http://adlnet.gov/expapi/activities/lesson' },
      },
      context: {
        registration: d.registration,
        language: d.language,
        platform: 'Praxis',
        contextActivities: {
          parent: [{ objectType: 'Activity', id: d.module }],
          grouping: [{ objectType: 'Activity', id: d.course }],
        },
      },
      timestamp: new Date().toISOString(),
    };
    if (result) s.result = result;
    return s;
  }

  function record(s) {
    var q = readQueue();
    q.push({ registration: d.registration, statement: s });
    writeQueue(q);
    flush();
  }

  /** progressed, unless nothing changed since the last one. */
  function report() {
    var percent = Math.round(maxRead * 100);
    var ms = visibleTime();
    if (percent <= lastSent.percent && ms - lastSent.ms < 1000) return;
    lastSent = { percent: percent, ms: ms };
    var extensions = {};
    extensions[PROGRESS] = percent;
    record(statement('progressed', { duration: 'PT' + Math.round(ms / 100) / 10 + 'S', extensions: extensions }));
  }

  var pending = false;
  function onScroll() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      measure();
    });
  }

  window.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', onScroll, { passive: true });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      if (visibleSince !== null) visibleMs += performance.now() - visibleSince;
      visibleSince = null;
      report();
    } else if (visibleSince === null) {
      visibleSince = performance.now();
    }
  });
  window.addEventListener('pagehide', report);
  // Restored from the back-forward cache: the server never saw this visit.
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) record(statement('experienced'));
  });
  window.addEventListener('online', flush);
  setInterval(function () {
    if (document.visibilityState === 'visible' && Math.round(maxRead * 100) > lastSent.percent) report();
  }, TICK_MS);

  // Opened from the copy saved for offline reading: the server did not see this visit either.
  if (d.prefetched === 'true') record(statement('experienced'));
  measure();
  flush();
})();
