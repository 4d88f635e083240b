/*
 * Praxis SCORM player (docs/packages.md). scorm-again is the run-time API (data model, validation,
 * error codes); the SCO runs in a sandboxed frame and reaches it through postMessage (see
 * scorm-content.js). Every LMSCommit / Commit and LMSFinish / Terminate becomes one commit to the
 * server, queued in localStorage first so a dropped connection or a closed tab loses nothing.
 */
(function () {
  'use strict';
  var root = document.getElementById('scorm-player');
  if (!root || !window.fetch || !window.JSON) return;
  var d = root.dataset;
  var frame = document.getElementById('scorm-frame');
  var QUEUE_KEY = 'praxis.scorm.queue';
  var METHODS = [
    'LMSInitialize',
    'LMSFinish',
    'LMSGetValue',
    'LMSSetValue',
    'LMSCommit',
    'LMSGetLastError',
    'LMSGetErrorString',
    'LMSGetDiagnostic',
    'Initialize',
    'Terminate',
    'GetValue',
    'SetValue',
    'Commit',
    'GetLastError',
    'GetErrorString',
    'GetDiagnostic',
    'getFlattenedCMI',
  ];
  var current = null; // { api, launch, sequence, finished }
  var memoryQueue = [];

  /* ---- The queue: one pending commit per session (each carries the whole state), oldest first. ---- */
  function readQueue() {
    try {
      return JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]');
    } catch (e) {
      return memoryQueue;
    }
  }
  function writeQueue(q) {
    try {
      localStorage.setItem(QUEUE_KEY, JSON.stringify(q));
    } catch (e) {
      memoryQueue = q;
    }
  }
  function enqueue(commit) {
    var q = readQueue().filter(function (c) {
      return !(c.sessionId === commit.sessionId && (c.sequence <= commit.sequence || commit.terminate));
    });
    q.push(commit);
    writeQueue(q);
  }
  function drop(commit) {
    writeQueue(
      readQueue().filter(function (c) {
        return !(c.sessionId === commit.sessionId && c.sequence === commit.sequence);
      }),
    );
  }

  var sending = null;
  var retryMs = 2000;
  var retryTimer = null;
  /** Sends queued commits in order; a network error or a busy server keeps them for the next try. */
  function flush(keepalive) {
    if (sending && !keepalive) return sending;
    var run = function () {
      var q = readQueue();
      if (!q.length) return Promise.resolve(true);
      var c = q[0];
      return fetch(d.commitUrl, {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: !!keepalive,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(c),
      }).then(function (res) {
        if (res.status === 429 || res.status >= 500) throw new Error('busy');
        drop(c); // applied, or refused for good (4xx): never retried
        if (res.ok)
          return res.json().then(function (body) {
            showStatus(c, body);
            return run();
          });
        if (res.status === 401) {
          location.reload();
          return false;
        }
        return run();
      });
    };
    sending = run()
      .then(
        function (ok) {
          retryMs = 2000;
          return ok;
        },
        function () {
          clearTimeout(retryTimer);
          retryTimer = setTimeout(function () {
            flush();
          }, retryMs);
          retryMs = Math.min(retryMs * 2, 60000);
          setMessage(d.msgOffline);
          return false;
        },
      )
      .then(function (ok) {
        sending = null;
        return ok;
      });
    return sending;
  }
  window.addEventListener('online', function () {
    flush();
  });

  /* ---- The commit: what the SCO set, as the server's schema reads it. ---- */
  function num(v) {
    return v === '' || v === undefined || v === null || isNaN(Number(v)) ? null : Number(v);
  }
  function str(v) {
    return v === '' || v === undefined || typeof v === 'object' ? null : String(v);
  }
  function indexed(flat, prefix) {
    var out = [];
    var re = new RegExp('^' + prefix.replace(/\./g, '\\.') + '(\\d+)\\.(.+)$');
    Object.keys(flat).forEach(function (k) {
      var m = re.exec(k);
      if (!m) return;
      var i = Number(m[1]);
      out[i] = out[i] || {};
      out[i][m[2]] = flat[k];
    });
    return out.filter(Boolean);
  }
  function patterns(fields, name, key) {
    return Object.keys(fields)
      .filter(function (k) {
        return k.indexOf(name + '.') === 0 && k.slice(-key.length) === key;
      })
      .sort()
      .map(function (k) {
        return String(fields[k]);
      });
  }
  function interactions(flat, v12) {
    return indexed(flat, 'cmi.interactions.')
      .filter(function (f) {
        return f.id;
      })
      .slice(-250)
      .map(function (f) {
        return {
          id: String(f.id),
          type: str(f.type),
          description: str(f.description),
          timestamp: str(v12 ? f.time : f.timestamp),
          learnerResponse: str(v12 ? f.student_response : f.learner_response),
          correctResponses: patterns(f, 'correct_responses', '.pattern'),
          result: str(f.result),
          weighting: num(f.weighting),
          latency: str(f.latency),
          objectives: patterns(f, 'objectives', '.id'),
        };
      });
  }
  function objectives(flat, v12) {
    return indexed(flat, 'cmi.objectives.')
      .filter(function (f) {
        return f.id;
      })
      .slice(-100)
      .map(function (f) {
        var status = v12 ? String(f.status || '') : '';
        return {
          id: String(f.id),
          description: str(f.description),
          completionStatus: v12
            ? /passed|completed|failed/.test(status)
              ? 'completed'
              : status === 'incomplete'
                ? 'incomplete'
                : 'unknown'
            : f.completion_status || 'unknown',
          successStatus: v12
            ? status === 'passed' || status === 'failed'
              ? status
              : 'unknown'
            : f.success_status || 'unknown',
          progressMeasure: num(f.progress_measure),
          scoreRaw: num(f['score.raw']),
          scoreMin: num(f['score.min']),
          scoreMax: num(f['score.max']),
          scoreScaled: num(f['score.scaled']),
        };
      });
  }
  function cmiOf(api, v12) {
    var f = api.getFlattenedCMI();
    var c = v12
      ? {
          location: f['cmi.core.lesson_location'] || '',
          suspendData: f['cmi.suspend_data'] || '',
          lessonStatus: f['cmi.core.lesson_status'] || 'not attempted',
          scoreRaw: num(f['cmi.core.score.raw']),
          scoreMin: num(f['cmi.core.score.min']),
          scoreMax: num(f['cmi.core.score.max']),
          exit: f['cmi.core.exit'] || '',
          sessionTime: f['cmi.core.session_time'] || undefined,
        }
      : {
          location: f['cmi.location'] || '',
          suspendData: f['cmi.suspend_data'] || '',
          completionStatus: f['cmi.completion_status'] || 'unknown',
          successStatus: f['cmi.success_status'] || 'unknown',
          scoreRaw: num(f['cmi.score.raw']),
          scoreMin: num(f['cmi.score.min']),
          scoreMax: num(f['cmi.score.max']),
          scoreScaled: num(f['cmi.score.scaled']),
          progressMeasure: num(f['cmi.progress_measure']),
          exit: f['cmi.exit'] || '',
          sessionTime: f['cmi.session_time'] || undefined,
        };
    c.interactions = interactions(f, v12);
    c.objectives = objectives(f, v12);
    return c;
  }
  function commit(s, terminate, exitIfUnset) {
    if (!s || s.finished) return;
    var v12 = s.launch.version === '1.2';
    var cmi = cmiOf(s.api, v12);
    if (exitIfUnset && !cmi.exit) cmi.exit = 'suspend';
    if (terminate) s.finished = true;
    s.sequence += 1;
    enqueue({
      attemptId: s.launch.attemptId,
      sessionId: s.launch.sessionId,
      sequence: s.sequence,
      terminate: !!terminate,
      cmi: cmi,
    });
  }

  /* ---- The bridge: calls from the SCO's frame (or frames inside it) go to the current API. ---- */
  function fromFrame(source) {
    for (var w = source, i = 0; w && i < 10; i++, w = w.parent) {
      if (w === frame.contentWindow) return true;
      if (w === w.parent) break;
    }
    return false;
  }
  window.addEventListener('message', function (ev) {
    var m = ev.data;
    if (!current || !ev.source || !fromFrame(ev.source) || !m || typeof m.messageId !== 'string') return;
    var reply = { messageId: m.messageId };
    if (m.isHeartbeat) {
      reply.isHeartbeat = true;
      ev.source.postMessage(reply, '*');
      return;
    }
    var fn = METHODS.indexOf(m.method) >= 0 ? current.api[m.method] : null;
    if (typeof fn !== 'function') reply.error = { message: 'Method not allowed', code: '101' };
    else {
      try {
        reply.result = fn.apply(current.api, Array.isArray(m.params) ? m.params.map(String) : []);
      } catch (e) {
        reply.error = { message: String((e && e.message) || e), code: '101' };
      }
    }
    ev.source.postMessage(reply, '*');
  });

  /* ---- Launching a SCO, moving between SCOs, the table of contents. ---- */
  function setMessage(text) {
    var el = document.getElementById('scorm-message');
    if (el) el.textContent = text || '';
  }
  function showStatus(c, body) {
    if (!body || !body.bar) return;
    var bar = document.getElementById('scorm-bar');
    if (bar) {
      bar.value = body.bar.done;
      bar.max = body.bar.total;
    }
    var label = document.getElementById('scorm-bar-label');
    if (label && body.barLabel) label.textContent = body.barLabel;
    (body.done || []).forEach(function (id) {
      var link = root.querySelector('[data-sco="' + CSS.escape(id) + '"]');
      if (link) link.closest('li').classList.add('is-done');
    });
    if (body.courseComplete) document.getElementById('scorm-complete').hidden = false;
    setMessage('');
  }
  function startValues(api) {
    var all = api.getFlattenedCMI();
    var out = {};
    Object.keys(all).forEach(function (k) {
      if (typeof all[k] !== 'object') out[k] = String(all[k]);
    });
    return out;
  }
  function launch(sco, newAttempt) {
    if (current && !current.finished) commit(current, true, true);
    return flush()
      .then(function () {
        return fetch(d.launchUrl, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ course: d.course, sco: sco, newAttempt: !!newAttempt }),
        });
      })
      .then(function (res) {
        if (!res.ok) throw new Error('launch ' + res.status);
        return res.json();
      })
      .then(function (l) {
        var Api = l.version === '1.2' ? window.Scorm12API : window.Scorm2004API;
        // Statuses the LMS decides (mastery score, completed on finish without a status) are decided on the server.
        var api = new Api({ autocommit: false, lmsCommitUrl: false, logLevel: 5, mastery_override: false });
        api.loadFromFlattenedJSON(l.cmi);
        var s = { api: api, launch: l, sequence: 0, finished: false };
        var v12 = l.version === '1.2';
        api.on(v12 ? 'LMSCommit' : 'Commit', function () {
          if (current === s) {
            commit(s, false);
            flush();
          }
        });
        api.on(v12 ? 'LMSFinish' : 'Terminate', function () {
          if (current !== s) return;
          commit(s, true);
          flush().then(function () {
            if (!v12) navRequest(String(api.GetValue('adl.nav.request') || '_none_'));
          });
        });
        current = s;
        markCurrent(sco);
        // A fresh frame each launch, named with the launch data before it loads (scorm-content.js reads it).
        var next = document.createElement('iframe');
        ['id', 'title', 'sandbox', 'allow', 'referrerpolicy'].forEach(function (a) {
          if (frame.hasAttribute(a)) next.setAttribute(a, frame.getAttribute(a));
        });
        next.title = l.title;
        // Every element's starting value (defaults included), for the SCO's cache-first API to answer at once.
        next.name = JSON.stringify({ praxisScorm: 1, version: l.version, title: l.title, cmi: startValues(api) });
        next.src = l.frameUrl;
        frame.parentNode.replaceChild(next, frame);
        frame = next;
        document.title = l.title + ' · ' + d.courseTitle;
        if (history.replaceState) history.replaceState(null, '', d.pageUrl + '?sco=' + encodeURIComponent(sco));
      })
      .catch(function () {
        setMessage(d.msgLaunchFailed);
      });
  }
  function markCurrent(sco) {
    root.querySelectorAll('[data-sco]').forEach(function (a) {
      if (a.getAttribute('data-sco') === sco) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    var order = JSON.parse(d.order);
    var i = order.indexOf(sco);
    setNav('scorm-prev', order[i - 1]);
    setNav('scorm-next', order[i + 1]);
    d.current = sco;
  }
  function setNav(id, sco) {
    var el = document.getElementById(id);
    if (!el) return;
    el.hidden = !sco;
    if (sco) {
      el.setAttribute('data-target', sco);
      el.href = d.pageUrl + '?sco=' + encodeURIComponent(sco);
    }
  }
  /** SCORM 2004 navigation requests the SCO made before Terminate (adl.nav.request). */
  function navRequest(req) {
    var order = JSON.parse(d.order);
    var i = order.indexOf(d.current);
    var choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(req);
    if (req === 'continue' && order[i + 1]) launch(order[i + 1]);
    else if (req === 'previous' && order[i - 1]) launch(order[i - 1]);
    else if (choice && order.indexOf(choice[1]) >= 0) launch(choice[1]);
    else if (req === 'exitAll' || req === 'suspendAll' || req === 'exit') location.href = d.courseUrl;
  }
  root.addEventListener('click', function (e) {
    var a = e.target.closest('a[data-sco], a[data-target]');
    if (!a) return;
    e.preventDefault();
    launch(a.getAttribute('data-sco') || a.getAttribute('data-target'));
    var toc = document.getElementById('scorm-toc');
    if (toc && window.matchMedia('(max-width: 48rem)').matches) toc.open = false;
  });
  var again = document.getElementById('scorm-new-attempt');
  if (again)
    again.addEventListener('click', function (e) {
      e.preventDefault();
      launch(d.current, true);
    });

  /* ---- Leaving: finish the session with what the SCO set, sent with keepalive. ---- */
  window.addEventListener('pagehide', function () {
    if (current && !current.finished) commit(current, true, true);
    flush(true);
  });

  var tocEl = document.getElementById('scorm-toc');
  if (tocEl && window.matchMedia('(max-width: 48rem)').matches) tocEl.open = false;
  launch(d.current);
})();
