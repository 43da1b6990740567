/* Networking for PhDs: Material for MkDocs' own search worker, with readers' words prepared first.
 *
 * Material appends a wildcard to every query term ("to" becomes "to*"), and Lunr skips its pipeline for wildcard
 * terms, so a query is neither stemmed nor stripped of stop words: "to" matched "alumni" and "academia", and
 * "contribute" could not find "contributing". This worker (named in overrides/main.html; Material supports a
 * custom worker there) puts each plain query through the index's own pipeline before Material sees it: stop words
 * dropped, each word stemmed exactly as the index was, and a word the site never uses searched with one typo
 * allowed (a misspelt "LinkedIn" still finds it). Queries with Lunr's own syntax (+ - ~ ^ * : or quotes) pass unchanged.
 * Material's worker is then loaded as it is: ranking, highlighting and results stay Material's.
 */
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var LUNR_SYNTAX = /["+\-~^*:]/;
  var material = new URL(self.location.href).searchParams.get("material");
  var separator = /[\s\-]+/;
  var vocabulary = [];  // every stemmed word in the index, sorted, to tell a typo from a real word's prefix

  var steps = [];  // the index's own pipeline, in Lunr's order

  function pipeline(word) {
    var token = new self.lunr.Token(word.toLowerCase(), {});
    for (var i = 0; i < steps.length && token; i++) token = steps[i](token);
    return token ? token.toString() : "";
  }

  function isPrefixOfIndexedWord(stem) {
    var low = 0;
    var high = vocabulary.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (vocabulary[middle] < stem) low = middle + 1; else high = middle;
    }
    return low < vocabulary.length && vocabulary[low].indexOf(stem) === 0;
  }

  function learn(index) {
    separator = new RegExp(index.config.separator);
    steps = ["trimmer", "stopWordFilter", "stemmer"].filter(function (name) {
      return index.config.pipeline.indexOf(name) !== -1;
    }).map(function (name) { return self.lunr[name]; });
    var seen = Object.create(null);
    index.docs.forEach(function (doc) {
      var text = [doc.title, doc.text, doc.keywords || ""].join(" ").replace(/<[^>]*>/g, " ");
      text.split(separator).forEach(function (word) {
        var stem = word && pipeline(word);
        if (stem) seen[stem] = true;
      });
    });
    vocabulary = Object.keys(seen).sort();
  }

  function prepare(query) {
    if (typeof query !== "string" || LUNR_SYNTAX.test(query)) return query;
    var terms = [];
    query.split(separator).forEach(function (word) {
      var stem = word && pipeline(word);
      if (!stem || terms.indexOf(stem) !== -1) return;
      // A word of five letters or more that starts no indexed word is most likely a typo: allow one edit.
      terms.push(stem.length >= 5 && !isPrefixOfIndexedWord(stem) ? stem + "~1" : stem);
    });
    // Nothing left (a query of stop words only): let Material answer the original words.
    return terms.length ? terms.join(" ") : query;
  }

  var listen = self.addEventListener;
  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen.call(self, type, handler, options);
    return listen.call(self, type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) learn(message.data);
      if (message && message.type === QUERY) {
        return handler.call(self, { data: { type: QUERY, data: prepare(message.data) } });
      }
      return handler.call(self, event);
    }, options);
  };

  if (!material || !/^[\w./-]+\.js$/.test(material)) throw new Error("search worker: no Material worker named");
  self.importScripts(material);
})();
