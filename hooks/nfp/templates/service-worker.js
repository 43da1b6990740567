/* Networking for PhDs: the service worker that keeps the site's tools usable offline.
 * Generated at build time by hooks/offline.py from hooks/nfp/templates/service-worker.js; do not edit sw.js.
 * - Install: download the tools (checklists, templates, booklet, home and offline pages, CSS, JS, icons, search
 *   index) into a cache named after this build's version.
 * - Pages and unversioned files: network first (fresh when online), the cache after a short wait or when offline,
 *   then (for a page) a redirect to the offline page. Pages read online are kept, so a guide read once can be read again offline.
 * - Material's versioned files (name.<hash>.min.js): cache first; a new name is a new file.
 * - Update: a new version installs in the background and waits; the page offers "Reload" and sends "nfp:activate".
 *   On activation every older cache of this site is deleted.
 */
"use strict";

const SETTINGS = {{ settings | tojson }};
const PRECACHE = "nfp-precache-" + SETTINGS.version;
const VISITED = "nfp-visited-" + SETTINGS.version;
const NETWORK_WAIT_MS = 3000;
const VERSIONED_FILE = /\.[0-9a-f]{8,}\.min\.(?:js|css)$/;
const PRECACHED = new Set(SETTINGS.precache.map((path) => new URL(path, self.registration.scope).href));

self.addEventListener("install", (event) => {
  // cache: "reload": the files of this version from the server, never older copies from the HTTP cache.
  event.waitUntil(caches.open(PRECACHE).then((cache) => cache.addAll(
    SETTINGS.precache.map((path) => new Request(path, { cache: "reload" })))));
});

self.addEventListener("message", (event) => {
  if (event.data === "nfp:activate") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => key.startsWith("nfp-") && key !== PRECACHE && key !== VISITED)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !url.href.startsWith(self.registration.scope)) return;
  if (VERSIONED_FILE.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, isPage(request, url)));
  }
});

function isPage(request, url) {
  return request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

// Keep what the reader fetched and the install did not: pages they read, files those pages needed.
async function keep(request, response) {
  const address = request.url.split("?")[0];
  if (response.ok && response.type === "basic" && !PRECACHED.has(address)) {
    const cache = await caches.open(VISITED);
    await cache.put(address, response);
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  keep(request, response.clone());
  return response;
}

async function networkFirst(request, page) {
  // "no-cache": online, ask the server whether the copy is current (a 304 is cheap), so a new deploy shows at once.
  const network = fetch(request, { cache: "no-cache" }).then((response) => {
    keep(request, response.clone());
    return response;
  });
  network.catch(() => {});  // handled below; this only keeps an offline failure out of the console
  const waited = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, null));
  const first = await Promise.race([network, waited]).catch(() => null);
  if (first) return first;
  // Offline, or the network is slow: a cached copy now, found by its address without the query (search
  // highlights add ?h=..., and the search worker is named with ?material=...) ...
  const cached = await caches.match(request, { ignoreSearch: true });
  // A fresh Response has no address of its own, so the browser gives it the one requested, query included: the
  // search worker reads its ?material= from it, and a page keeps its ?h= highlights.
  if (cached) return new Response(cached.body, cached);
  // ... else keep waiting for the network, and for a page the reader opened, the offline page as a last resort
  // (a redirect, so its own links and scripts resolve from its own address; it offers the wanted one again).
  try {
    return await network;
  } catch (error) {
    if (request.mode !== "navigate") return Response.error();
    const offline = new URL(SETTINGS.offline, self.registration.scope);
    offline.searchParams.set("from", new URL(request.url).pathname);
    return Response.redirect(offline.href, 302);
  }
}
