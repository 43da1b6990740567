/* Networking for PhDs: offline use. Registers the service worker (sw.js, made by hooks/offline.py) once the page
 * is idle, so its download never competes with the page; offers "Reload" when a new version of the site is ready;
 * and on the offline page lists the pages this reader has read on this device. */
nfp.define("offline", [], function () {
  "use strict";

  var meta = document.querySelector('meta[name="nfp-service-worker"]');
  if (!meta || !("serviceWorker" in navigator)) return {};
  var workerUrl = new URL(meta.content, document.baseURI);
  var scope = new URL("./", workerUrl).href;
  var UPDATE_CHECK_MS = 60 * 60 * 1000;

  function whenIdle(task) {
    if ("requestIdleCallback" in window) window.requestIdleCallback(task, { timeout: 5000 });
    else window.setTimeout(task, 1000);
  }

  function offerReload(worker) {
    if (document.querySelector(".nfp-update")) return;
    var box = document.createElement("div");
    box.className = "nfp-update";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = "A new version of this site is ready.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Reload";
    button.addEventListener("click", function () {
      button.disabled = true;
      worker.postMessage("nfp:activate");
    });
    box.appendChild(text);
    box.appendChild(button);
    document.body.appendChild(box);
  }

  function whenInstalled(worker) {
    if (!worker) return;
    worker.addEventListener("statechange", function () {
      // With no controller this is the first install: nothing to replace, nothing to announce.
      if (worker.state === "installed" && navigator.serviceWorker.controller) offerReload(worker);
    });
  }

  function watchForUpdates(registration) {
    // The browser may have found the new version while this page loaded: waiting, or still installing.
    if (registration.waiting && navigator.serviceWorker.controller) offerReload(registration.waiting);
    whenInstalled(registration.installing);
    registration.addEventListener("updatefound", function () { whenInstalled(registration.installing); });
    // Instant navigation swaps pages without loading them, so the browser's own check on navigation rarely runs.
    var lastCheck = Date.now();
    nfp.onPage(function () {
      if (Date.now() - lastCheck < UPDATE_CHECK_MS) return;
      lastCheck = Date.now();
      registration.update().catch(function () {});
    });
  }

  var reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    // Only after the reader chose "Reload" (the first install claims the page without one).
    if (reloading || !document.querySelector(".nfp-update")) return;
    reloading = true;
    window.location.reload();
  });

  function listPagesRead() {
    var section = document.querySelector("[data-nfp-offline-read]");
    if (!section || !("caches" in window)) return;
    var list = section.querySelector("ul");
    caches.keys().then(function (keys) {
      var visited = keys.filter(function (key) { return key.indexOf("nfp-visited-") === 0; });
      return Promise.all(visited.map(function (key) {
        return caches.open(key).then(function (cache) { return cache.keys(); });
      }));
    }).then(function (groups) {
      var pages = [].concat.apply([], groups).filter(function (request) {
        return /\/$/.test(new URL(request.url).pathname) && request.url.indexOf("/offline/") === -1;
      });
      return Promise.all(pages.map(function (request) {
        return caches.match(request).then(function (response) { return response.text(); }).then(function (html) {
          var title = new DOMParser().parseFromString(html, "text/html").title || request.url;
          return { url: request.url, title: title.replace(/ - Networking for PhDs$/, "") };
        });
      }));
    }).then(function (pages) {
      pages.sort(function (a, b) { return a.title.localeCompare(b.title); });
      pages.forEach(function (page) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.url;
        link.textContent = page.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      section.hidden = pages.length === 0;
    }).catch(function () {});
  }

  // The service worker sends a reader here with ?from=<the address they wanted>; offer it back, same site only.
  function offerRetry() {
    var retry = document.querySelector("[data-nfp-offline-retry]");
    var from = new URLSearchParams(window.location.search).get("from");
    if (!retry || !from) return;
    var wanted = new URL(from, window.location.origin);
    if (wanted.origin !== window.location.origin || wanted.href.indexOf(scope) !== 0) return;
    var link = retry.querySelector("a");
    link.href = wanted.href;
    link.textContent = "try " + wanted.pathname + " again";
    retry.hidden = false;
  }

  window.addEventListener("load", function () {
    whenIdle(function () {
      navigator.serviceWorker.register(workerUrl.href, { scope: scope }).then(watchForUpdates).catch(function () {});
    });
  });
  nfp.onPage(function () {
    listPagesRead();
    offerRetry();
  });
  return {};
});
