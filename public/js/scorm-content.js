/*
 * Runs inside SCORM content (served with the package, on the content path or origin), before the
 * SCO's own scripts. The SCO is in a sandboxed frame and cannot reach Praxis's page, so the SCORM
 * API it looks for is scorm-again's CrossFrameAPI, which answers from a cache and forwards every
 * call to the player by postMessage. The cache starts from the launch data the player put in this
 * frame's name, so a SCO that reads cmi.suspend_data right after Initialize gets it.
 */
(function () {
  'use strict';
  if (window.API || window.API_1484_11 || !window.CrossFrameAPI) return;
  // Frames inside a SCO use the API of the frame above them when they can reach it.
  try {
    for (var w = window.parent; w && w !== window; w = w.parent) {
      if (w.API || w.API_1484_11) return;
      if (w === window.top) break;
    }
  } catch (e) {
    /* a cross-origin ancestor: this frame needs its own API */
  }
  var launch = null;
  try {
    var named = JSON.parse(window.name || 'null');
    if (named && named.praxisScorm === 1) launch = named;
  } catch (e) {
    launch = null;
  }
  if (!launch) return;
  var api = new window.CrossFrameAPI('*', window.top);
  var cmi = launch.cmi || {};
  for (var key in cmi) if (Object.prototype.hasOwnProperty.call(cmi, key)) api._cache.set(key, String(cmi[key]));
  // Many SCOs declare `var API = null;` at top level (the ADL discovery sample does): with the API in this
  // same window, that would erase it. A getter with a setter that ignores writes keeps it, strict mode too.
  Object.defineProperty(window, launch.version === '1.2' ? 'API' : 'API_1484_11', {
    get: function () {
      return api;
    },
    set: function () {
      /* kept */
    },
    enumerable: true,
    configurable: false,
  });
})();
