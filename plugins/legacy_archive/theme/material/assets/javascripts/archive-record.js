/* Record pages: "Copy" buttons of the "Cite this resource" block. Without JavaScript the
   buttons stay hidden and the citation text is still selectable in one go. */
(function () {
  "use strict";

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("no clipboard"));
  }

  function setUp(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var status = button.parentNode.querySelector("[role=status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      copy(text).then(function () {
        if (status) { status.textContent = "Copied"; }
      }, function () {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (status) { status.textContent = "Selected: press Ctrl+C (or ⌘+C) to copy"; }
      });
    });
  }

  // Printed links show their full address (archive-print.css): a relative one means
  // nothing on paper, so each link of the content gets its absolute address to print.
  function printAddresses() {
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (href.charAt(0) !== "#" && !/^(data|mailto|javascript):/i.test(href)) {
        links[i].setAttribute("data-print-url", links[i].href);
      }
    }
  }

  function start() {
    printAddresses();
    var buttons = document.querySelectorAll("button.archive-cite__copy[data-copy]");
    for (var i = 0; i < buttons.length; i++) { setUp(buttons[i]); }
  }

  // Material's instant navigation swaps pages without a load event; document$ says so.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
