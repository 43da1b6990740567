/*
 * Message templates: "Copy" and "Copy subject" buttons.
 *
 * Progressive enhancement: without JavaScript each template is plain, selectable text and the buttons stay
 * hidden. With it, a button copies the text exactly as written, placeholders included, through the Clipboard
 * API; where that is missing or refused, the text is selected instead so the reader can press Ctrl+C or Cmd+C.
 * The result is announced in the template's role="status" region. Nothing is sent anywhere.
 */
nfp.define("templates", [], function () {
  "use strict";

  /** The text of a rendered template part: paragraphs separated by a blank line, <br> as a line break. */
  function textOf(source) {
    var paragraphs = source.querySelectorAll("p");
    var blocks = paragraphs.length ? Array.prototype.slice.call(paragraphs) : [source];
    return blocks.map(function (block) {
      var text = "";
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      while (walker.nextNode()) {
        var node = walker.currentNode;
        if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue;
        else if (node.nodeName === "BR") text += "\n";
      }
      return text;
    }).join("\n\n");
  }

  function announce(message, text) {
    nfp.announce(message.querySelector(".nfp-message__status"), text);
  }

  function selectText(source) {
    var selection = window.getSelection();
    if (!selection) return false;
    var range = document.createRange();
    range.selectNodeContents(source);
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }

  function copyBySelection(message, source) {
    if (!selectText(source)) {
      announce(message, "Copying is not available here: select the text and copy it.");
      return;
    }
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) { /* not supported: the text stays selected */ }
    var mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
    announce(message, copied ? "Copied" : "Text selected: press " + (mac ? "Cmd" : "Ctrl") + "+C to copy.");
  }

  function copy(message, part) {
    var source = message.querySelector('[data-nfp-copy-source="' + part + '"]');
    if (!source) return;
    var text = textOf(source);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { announce(message, part === "subject" ? "Subject copied" : "Copied"); },
        function () { copyBySelection(message, source); }
      );
    } else {
      copyBySelection(message, source);
    }
  }

  function setup(message) {
    if (message.getAttribute("data-nfp-ready") === "1") return;
    message.setAttribute("data-nfp-ready", "1");
    Array.prototype.forEach.call(message.querySelectorAll("[data-nfp-copy]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(message, button.getAttribute("data-nfp-copy"));
      });
    });
  }

  nfp.onPage(function () {
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-message"), setup);
  });
});
