/*
 * The small core every feature script uses: start-up on each page, saved data, announcements, files.
 *
 * Listed first in mkdocs.yml `extra_javascript`; hooks/asset_bundles.py joins the list, in order, into
 * assets/js/nfp.js. Every other script is one call, nfp.define("name", ["what it needs"], function (...) {}),
 * so what it depends on is written at its top, and a missing piece is a loud error, never a feature that
 * silently does nothing: without this file, "nfp is not defined"; without a script it needs, an error naming
 * it. Nothing is sent anywhere.
 */
window.nfp = (function () {
  "use strict";

  var modules = {};

  /** Run `setup` on every page: Material's instant navigation swaps pages without reloading scripts. */
  function onPage(setup) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setup);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setup);
    } else {
      setup();
    }
  }

  /**
   * Define the script `name` (its file name without .js): `factory` receives the scripts named in `needs`,
   * which must be listed before it, and returns what it offers to the scripts after it.
   */
  function define(name, needs, factory) {
    if (Object.prototype.hasOwnProperty.call(modules, name)) throw new Error("nfp: " + name + " is defined twice");
    var found = needs.map(function (need) {
      if (!Object.prototype.hasOwnProperty.call(modules, need)) {
        throw new Error("nfp: " + name + ".js needs " + need + ".js: list it before " + name +
          ".js in mkdocs.yml (extra_javascript, or the same bundle under extra: page_scripts:), or load its " +
          "bundle first (TOOL_NEEDS in hooks/nfp/page_scripts.py)");
      }
      return modules[need];
    });
    modules[name] = factory.apply(null, found) || {};
  }

  /** What a defined script offers (for the browser tests, and for anyone curious in the console). */
  function use(name) {
    if (!Object.prototype.hasOwnProperty.call(modules, name)) throw new Error("nfp: no script " + name);
    return modules[name];
  }

  /** A pattern the build rendered into a data attribute (from checklists/schema.json). Never guessed here. */
  function pattern(element, attribute) {
    var source = element.getAttribute(attribute);
    if (!source) throw new Error("nfp: " + attribute + " is missing on ." + element.className.split(" ")[0]);
    return new RegExp(source);
  }

  /* ---- localStorage: every read and write goes through here, so a failure is reported, never thrown ---- */

  function store() {
    try {
      return window.localStorage || null;
    } catch (error) {
      return null; // storage turned off: reading the property throws
    }
  }

  var storage = {
    /** Whether this browser keeps what is written (false in some private modes, and when storage is full). */
    available: function () {
      try {
        store().setItem("nfp:probe", "1");
        store().removeItem("nfp:probe");
        return true;
      } catch (error) {
        return false;
      }
    },
    get: function (key) {
      var s = store();
      return s ? s.getItem(key) : null;
    },
    /** Write (or remove, for null) one entry: "saved", "full" (the browser's quota), or "unavailable". */
    set: function (key, value) {
      var s = store();
      if (!s) return "unavailable";
      try {
        if (value === null) s.removeItem(key);
        else s.setItem(key, value);
        return "saved";
      } catch (error) {
        return error && error.name === "QuotaExceededError" ? "full" : "unavailable";
      }
    }
  };

  /** Put `text` in a live region (role=status or alert); the same words twice are announced twice. */
  function announce(region, text) {
    if (!region) return;
    if (text && region.textContent === text) text += "\u00a0";
    region.textContent = text || "";
  }

  function download(filename, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function plural(number, one, many) {
    return number + " " + (number === 1 ? one : many);
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = "0" + text;
    return text;
  }

  /** Today where the reader is, as 2026-03-28: their calendar day, whatever the time zone. */
  function today() {
    var now = new Date();
    return pad(now.getFullYear(), 4) + "-" + pad(now.getMonth() + 1, 2) + "-" + pad(now.getDate(), 2);
  }

  /* ---- Script bundles only some pages load (mkdocs.yml `extra: page_scripts:`) ---- */

  // Address -> the promise of its loading. Material's instant navigation keeps every script that has run, so each
  // bundle is added once; its scripts set each page up through onPage, which Material's document$ also runs for
  // the page already shown when they subscribe late.
  var bundles = {};

  function loadOne(address) {
    if (!bundles[address]) {
      bundles[address] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = address;
        script.onload = function () { resolve(); };
        script.onerror = function () {
          delete bundles[address]; // the next call tries again
          script.remove();
          reject(new Error("nfp: " + address + " could not load"));
        };
        document.body.appendChild(script); // not <head>: instant navigation drops head elements the next page lacks
      });
    }
    return bundles[address];
  }

  /** Addresses, from a list of bundles separated by spaces (as in data-nfp-bundle). */
  function addresses(list) {
    return String(list || "").split(/\s+/).filter(Boolean).map(function (url) {
      return new URL(url, document.baseURI).href;
    });
  }

  /**
   * Load the script bundles in `list` (separated by spaces) once each, one after the other, so a bundle may
   * need those before it: as the page shows (data-nfp-bundle), or on first use (a tool's own call). The promise
   * settles once all have run, or at the first that cannot load (the rest are not fetched; the next call tries
   * again).
   */
  function load(list) {
    return addresses(list).reduce(function (before, address) {
      return before.then(function () { return loadOne(address); });
    }, Promise.resolve());
  }

  /** Load the bundles each tool on the page names in data-nfp-bundle; if they cannot load, say so in its place. */
  function loadBundles() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-nfp-bundle]"), function (element) {
      load(element.getAttribute("data-nfp-bundle")).catch(function () {
        if (document.body.contains(element)) bundleFailed(element);
      });
    });
  }

  function bundleFailed(element) {
    var alert = document.createElement("p");
    alert.className = "nfp-bundle-failed";
    alert.setAttribute("role", "alert");
    alert.textContent = element.getAttribute("data-nfp-bundle-failed") ||
      "Part of this page could not load. Reload the page to try again.";
    element.replaceChildren(alert);
    element.hidden = false;
  }

  onPage(loadBundles);

  return {
    define: define, use: use, onPage: onPage, pattern: pattern, storage: storage, announce: announce,
    download: download, plural: plural, pad: pad, today: today, load: load
  };
})();
