/*
 * The SCORM frame (served with the content, on the content path or origin): it holds the SCORM API
 * that the SCO, loaded in a frame inside it, finds by the ADL discovery algorithm (which starts at
 * the SCO's parent). The API is scorm-again's CrossFrameAPI, warmed with the launch data the player
 * put in this frame's name, and forwarding every call to the player by postMessage.
 */
(function () {
  'use strict';
  var launch = null;
  try {
    launch = JSON.parse(window.name || 'null');
  } catch (e) {
    launch = null;
  }
  if (!launch || launch.praxisScorm !== 1 || !window.CrossFrameAPI) return;
  var api = new window.CrossFrameAPI('*', window.parent);
  var cmi = launch.cmi || {};
  for (var key in cmi) if (Object.prototype.hasOwnProperty.call(cmi, key)) api._cache.set(key, String(cmi[key]));
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
  // Only a page of this same origin: the player gives it, nothing else may choose what this frame loads.
  var target;
  try {
    target = new URL(decodeURIComponent(location.hash.slice(1)), location.href);
  } catch (e) {
    return;
  }
  if (target.origin !== location.origin) return;
  var sco = document.createElement('iframe');
  sco.name = window.name; // without allow-same-origin the SCO cannot reach this frame: scorm-content.js reads it
  sco.title = launch.title || '';
  sco.setAttribute('allow', 'fullscreen; autoplay');
  [document.documentElement, document.body, sco].forEach(function (el) {
    el.style.margin = '0';
    el.style.border = '0';
    el.style.width = '100%';
    el.style.height = '100%';
    el.style.display = 'block';
    el.style.overflow = 'hidden';
  });
  sco.src = target.href;
  document.body.appendChild(sco);
})();
