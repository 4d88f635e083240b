/*
 * Praxis service worker (docs/offline.md). It caches nothing by itself: the course page saves a
 * course's lessons into a cache named `praxis-course:<slug>:<version>:<language>` when the learner
 * asks for it. This worker only answers from those caches when the network does not answer, so a
 * learner online always sees the server's current page, and offline sees the saved one.
 */
'use strict';

var PREFIX = 'praxis-course:';
var COMPLETE = '/__praxis/offline-complete';

self.addEventListener('install', function () {
  self.skipWaiting();
});
self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

function courseOf(url) {
  var m = /^\/(?:courses|offline)\/([a-z0-9-]+)/.exec(url.pathname);
  return m ? m[1] : null;
}

/** Only complete saves count: a download cut short is never served half. */
async function savedCaches(slug) {
  var names = (await caches.keys()).filter(function (k) {
    return k.indexOf(PREFIX) === 0 && (!slug || k.indexOf(PREFIX + slug + ':') === 0);
  });
  var complete = [];
  for (var i = 0; i < names.length; i++) {
    var cache = await caches.open(names[i]);
    if (await cache.match(COMPLETE)) complete.push(cache);
  }
  return complete;
}

async function fromSaved(request, slug) {
  var saved = await savedCaches(slug);
  for (var i = 0; i < saved.length; i++) {
    var hit = await saved[i].match(request, { ignoreVary: true, ignoreSearch: true });
    if (hit) return hit;
  }
  return null;
}

function notSaved() {
  var html =
    '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Offline</title><link rel="stylesheet" href="/public/css/site.css"><main><h1>Offline</h1>' +
    '<p>This page is not saved on this device. Connect to the internet and try again.</p></main>';
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

async function navigate(request) {
  var url = new URL(request.url);
  var slug = courseOf(url);
  try {
    return await fetch(request);
  } catch (err) {
    var hit = await fromSaved(request, slug);
    if (hit) return hit;
    // Quizzes and pages that were not saved: the course's offline page says what needs a connection.
    var standIn = slug && (await fromSaved(new Request('/offline/' + slug), slug));
    return standIn || notSaved();
  }
}

async function resource(request) {
  try {
    return await fetch(request);
  } catch (err) {
    return (await fromSaved(request, null)) || Response.error();
  }
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') return event.respondWith(navigate(request));
  if (url.pathname.indexOf('/public/') === 0 || url.pathname.indexOf('/assets/') > 0)
    event.respondWith(resource(request));
});
