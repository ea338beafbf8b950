/* untk workbench: the upload form's drop zone, and the links between findings and paragraphs.
   It never writes HTML: it moves elements the server made and sets textContent. */
(function () {
  "use strict";
  var body = document.body;

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* --- the upload form ------------------------------------------------------ */
  var drop = document.getElementById("drop");
  var input = document.getElementById("files");
  var chosen = document.getElementById("chosen");
  function listChosen() {
    if (!chosen || !input) { return; }
    while (chosen.firstChild) { chosen.removeChild(chosen.firstChild); }
    Array.prototype.forEach.call(input.files || [], function (file, i) {
      var item = document.createElement("li");
      item.textContent = "v" + i + "  " + file.name;
      chosen.appendChild(item);
    });
  }
  if (drop && input) {
    input.addEventListener("change", listChosen);
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) {
        event.preventDefault();
        drop.classList.add("wb-dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("wb-dragging"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        listChosen();
      }
    });
  }

  /* --- a study: findings <-> paragraphs ---------------------------------------- */
  if (!document.querySelector(".wb-layout")) { return; }
  var focused = null;

  function reveal(pair) {
    var run = pair.closest ? pair.closest(".run") : null;
    if (run && !run.classList.contains("open")) {
      run.classList.add("open");
      var toggle = run.querySelector(".run-toggle");
      if (toggle) { toggle.setAttribute("aria-expanded", "true"); }
    }
    if (pair.classList.contains("renumbered") && pair.classList.contains("op-equal")) {
      pair.classList.add("wb-open");
    }
  }
  function focusPair(id) {
    var pair = document.getElementById(id);
    if (!pair) { return; }
    reveal(pair);
    if (focused) { focused.classList.remove("wb-focused"); }
    focused = pair;
    pair.classList.add("wb-focused");
    if (!pair.hasAttribute("tabindex")) { pair.setAttribute("tabindex", "-1"); }
    pair.scrollIntoView({ block: "center" });
    pair.focus({ preventScroll: true });
    try { history.replaceState(null, "", "#" + id); } catch (e) { /* ignore */ }
  }
  function focusFinding(id) {
    var finding = document.getElementById(id);
    if (!finding) { return; }
    all(".wb-finding.wb-focused").forEach(function (f) { f.classList.remove("wb-focused"); });
    finding.classList.add("wb-focused");
    if (!finding.hasAttribute("tabindex")) { finding.setAttribute("tabindex", "-1"); }
    finding.scrollIntoView({ block: "nearest" });
    finding.focus({ preventScroll: true });
  }

  // Each paragraph with findings gets a link to them in its margin.
  var byPair = {};
  all(".wb-finding[data-pair]").forEach(function (finding) {
    var key = finding.getAttribute("data-pair");
    (byPair[key] = byPair[key] || []).push(finding);
  });
  Object.keys(byPair).forEach(function (key) {
    var pair = document.getElementById(key);
    var margin = pair ? pair.querySelector(".margin") : null;
    if (!margin) { return; }
    var list = document.createElement("p");
    list.className = "wb-flags";
    byPair[key].forEach(function (finding, i) {
      var link = document.createElement("a");
      link.href = "#" + finding.id;
      link.className = "wb-flag sev-" + (finding.className.match(/\bsev-(\w+)/) || [])[1];
      var sev = finding.querySelector(".wb-sev");
      var rule = finding.querySelector(".wb-rule code");
      link.textContent = (sev ? sev.textContent : "finding") + (rule ? " " + rule.textContent : "");
      link.setAttribute("data-finding", finding.id);
      list.appendChild(link);
      if (i < byPair[key].length - 1) { list.appendChild(document.createTextNode(" ")); }
    });
    margin.appendChild(list);
    pair.classList.add("wb-has-findings");
  });

  // Where a moved paragraph stood before: the link goes into its margin.
  all("#moves li[data-pair]").forEach(function (item) {
    var pair = document.getElementById(item.getAttribute("data-pair"));
    var margin = pair ? pair.querySelector(".margin") : null;
    var link = item.querySelector("a");
    if (!margin || !link) { return; }
    var was = document.createElement("p");
    was.className = "wb-was";
    was.appendChild(link.cloneNode(true));
    margin.appendChild(was);
  });

  // With a registry: each new paragraph links to agreed language that says what it says.
  if (document.getElementById("wb-search-here")) {
    all(".pair").forEach(function (pair) {
      var text = pair.querySelector(".side-new .text");
      var margin = pair.querySelector(".margin");
      if (!text || !margin) { return; }
      var link = document.createElement("a");
      link.className = "wb-search-link";
      link.href = "/search?q=" + encodeURIComponent(text.textContent.slice(0, 1500));
      link.textContent = "Agreed language";
      var where = document.createElement("p");
      where.className = "wb-was";
      where.appendChild(link);
      margin.appendChild(where);
    });
  }

  // Renumbering alone is folded to its ids; a button shows the wording again.
  var toolbar = document.querySelector(".toolbar-inner");
  if (toolbar && document.querySelector(".pair.op-equal.renumbered")) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "toggle wb-renumbered-toggle";
    button.setAttribute("aria-pressed", "false");
    button.textContent = "Show renumbered wording";
    button.addEventListener("click", function () {
      var shown = body.getAttribute("data-renumbered") !== "shown";
      body.setAttribute("data-renumbered", shown ? "shown" : "folded");
      button.setAttribute("aria-pressed", shown ? "true" : "false");
    });
    toolbar.insertBefore(button, toolbar.querySelector(".stepper"));
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) { return; }
    var id = link.getAttribute("href").slice(1);
    if (/^pair-\d+$/.test(id)) {
      event.preventDefault();
      var finding = link.closest(".wb-finding");
      if (finding) {
        all(".wb-finding.wb-focused").forEach(function (f) { f.classList.remove("wb-focused"); });
        finding.classList.add("wb-focused");
      }
      focusPair(id);
    } else if (/^finding-\d+$/.test(id)) {
      event.preventDefault();
      focusFinding(id);
    }
  });

  if (/^#pair-\d+$/.test(location.hash)) {
    var start = document.getElementById(location.hash.slice(1));
    if (start) { reveal(start); }
  }
  body.setAttribute("data-workbench", "ready");
})();
