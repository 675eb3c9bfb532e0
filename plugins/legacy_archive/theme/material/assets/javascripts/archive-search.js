/*
 * Pagefind-backed search for the archive: the header search box (Material's look and
 * keys: "/", "s" or "f" to open, arrows to move, Esc to close) and the Find resources page
 * (query, facet checkboxes with counts, sort, state in the URL query string).
 *
 * Pagefind loads only the index chunks a query needs. Text from the index is put into the
 * page with textContent; excerpts are split on Pagefind's <mark> tags, never parsed as HTML.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {
    search: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.516 6.516 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11h12Z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12 19 6.41Z"
  };

  function siteRoot() {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try { base = JSON.parse(config.textContent).base || "."; } catch (e) { base = "."; }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  var root = siteRoot();
  var pagefindPromise = null;

  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          pf.init();
          return pf;
        });
      });
    }
    return pagefindPromise;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function icon(path) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var p = document.createElementNS(SVG, "path");
    p.setAttribute("d", path);
    svg.appendChild(p);
    return svg;
  }

  /* Pagefind excerpts are escaped text with <mark> around matches: rebuild them as nodes. */
  function excerptNodes(excerpt) {
    var parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    var out = document.createDocumentFragment();
    var marked = false;
    var scratch = document.createElement("textarea");
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (!part) { return; }
      scratch.innerHTML = part.replace(/</g, "&lt;");
      var text = document.createTextNode(scratch.value);
      out.appendChild(marked ? el("mark", {}, [text]) : text);
    });
    return out;
  }

  /* Words of a query that say what is wanted: the little words of a phrase ("robotics for
     beginners") match nearly every page, so partial matches and highlights skip them. */
  var STOP_WORDS = {
    a: 1, an: 1, and: 1, are: 1, as: 1, at: 1, be: 1, by: 1, "for": 1, from: 1, how: 1, i: 1,
    "in": 1, is: 1, it: 1, me: 1, my: 1, of: 1, on: 1, or: 1, the: 1, to: 1, what: 1, "with": 1
  };
  var MATERIALS_LABELS = { included: "Materials included", "record-only": "Record only" };

  function queryWords(term) {
    return String(term || "").toLowerCase().split(/[^a-z0-9]+/).filter(function (w) {
      return w.length > 1 && !STOP_WORDS[w];
    });
  }

  /* A record's summary with the words of the query marked: the teaser says what the record
     is, where Pagefind's excerpt may come from any part of the page. */
  function highlighted(text, term) {
    var stems = queryWords(term).map(function (w) { return /^[a-z]+$/.test(w) ? stem(w) : w; });
    var out = document.createDocumentFragment();
    String(text).split(/([A-Za-z0-9]+)/).forEach(function (part) {
      if (!part) { return; }
      var lower = part.toLowerCase();
      var hit = /[a-z0-9]/.test(lower) && stems.some(function (s) { return lower.indexOf(s) === 0; });
      out.appendChild(hit ? el("mark", { text: part }) : document.createTextNode(part));
    });
    return out;
  }

  function resultItem(data, classes, term) {
    var meta = data.meta || {};
    var link = el("a", { href: data.url, "class": classes.link });
    var article = el("article", { "class": classes.article });
    if (meta.kind) { article.appendChild(el("p", { "class": classes.kind, text: meta.kind })); }
    article.appendChild(el(classes.heading, { "class": classes.title, text: meta.title || data.url }));
    var materials = meta.materials || ((data.filters || {}).materials || [])[0];
    var facts = [meta.facts, MATERIALS_LABELS[materials]].filter(Boolean).join(" · ");
    if (facts) { article.appendChild(el("p", { "class": "archive-search__facts", text: facts })); }
    var teaser = el("p", { "class": classes.teaser });
    if (data.plain) { teaser.appendChild(document.createTextNode(data.plain)); }
    else if (meta.summary) { teaser.appendChild(highlighted(meta.summary, term)); }
    else { teaser.appendChild(excerptNodes(data.excerpt)); }
    article.appendChild(teaser);
    link.appendChild(article);
    return el("li", { "class": classes.item }, [link]);
  }

  /* ---- English stems, as Pagefind makes them ----------------------------------------- */

  /* Pagefind looks up both the word typed and its stem, and at 10,000 records the two sit in
     different index chunks whenever the stem is a frequent word ("animation" is filed under
     "anim", which fills a chunk of its own): a second chunk of 40-50 KB for nothing, since
     the index holds stems only. The search boxes therefore ask for the stem, made by the
     Snowball English stemmer (version 3, as in Pagefind 1.5). It finds every page the word
     finds, and also pages with longer words on the same stem ("working" finds "workshop"),
     ranked below closer matches, as if the stem had been typed. */
  var STEM_WORDS = {
    skis: "ski", skies: "sky", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli",
    only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var STEM_PREFIXES = /^(arsen|commun|emerg|gener|inter|later|organ|past|univers)/;
  var STEP2 = [
    ["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"],
    ["iveness", "ive"], ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"],
    ["entli", "ent"], ["ation", "ate"], ["alism", "al"], ["aliti", "al"], ["ousli", "ous"],
    ["iviti", "ive"], ["fulli", "ful"], ["ogist", "og"], ["enci", "ence"], ["anci", "ance"],
    ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"], ["bli", "ble"],
    ["ogi", "og"], ["li", ""]
  ];
  var STEP3 = [
    ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]
  ];
  var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate",
    "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"];

  function isVowel(c) { return "aeiouy".indexOf(c) >= 0; }

  /* Where the region after the first non-vowel that follows a vowel starts, from `from`. */
  function regionAfter(word, from) {
    for (var i = from + 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) { return i + 1; }
    }
    return word.length;
  }

  /* A short syllable ends the word: consonant-vowel-consonant (not w, x or Y), a word that
     is vowel-consonant, or "past". */
  function shortSyllable(word) {
    var n = word.length;
    if (/past$/.test(word)) { return true; }
    if (n === 2) { return isVowel(word[0]) && !isVowel(word[1]); }
    return n > 2 && !isVowel(word[n - 3]) && isVowel(word[n - 2]) &&
      !isVowel(word[n - 1]) && "wxY".indexOf(word[n - 1]) < 0;
  }

  /* The longest of `suffixes` (ordered longest first) that `word` ends with. */
  function longestSuffix(word, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = typeof suffixes[i] === "string" ? suffixes[i] : suffixes[i][0];
      if (word.slice(-suffix.length) === suffix) { return suffixes[i]; }
    }
    return null;
  }

  function step1b(w, r1) {
    var suffix = longestSuffix(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
    if (!suffix) { return w; }
    var stem = w.slice(0, -suffix.length);
    if (suffix === "eed" || suffix === "eedly") {
      return stem.length >= r1 && !/^(succ|proc|exc)$/.test(stem) ? stem + "ee" : w;
    }
    if (suffix === "ing") {
      if (/^[^aeiouy]y$/.test(stem)) { return stem[0] + "ie"; }
      if (/^(even|cann|inn|earr|herr|out)$/.test(stem)) { return w; }
    }
    if (!/[aeiouy]/.test(stem)) { return w; }
    if (/(at|bl|iz)$/.test(stem)) { return stem + "e"; }
    if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(stem)) {
      return /^[aeo].$/.test(stem.slice(0, -1)) ? stem : stem.slice(0, -1);
    }
    return stem.length === r1 && shortSyllable(stem) ? stem + "e" : stem;
  }

  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(STEM_WORDS, word)) { return STEM_WORDS[word]; }
    if (word.length <= 2) { return word; }
    var w = word.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
    var prefix = STEM_PREFIXES.exec(w);
    var r1 = prefix ? prefix[0].length : regionAfter(w, 0);
    var r2 = regionAfter(w, r1);

    if (/sses$/.test(w)) { w = w.slice(0, -2); }
    else if (/ie[ds]$/.test(w)) { w = w.slice(0, -3) + (w.length > 4 ? "i" : "ie"); }
    else if (/(us|ss)$/.test(w)) { /* kept */ }
    else if (/s$/.test(w) && /[aeiouy]/.test(w.slice(0, -2))) { w = w.slice(0, -1); }

    w = step1b(w, r1);
    if (w.length > 2 && /[yY]$/.test(w) && !isVowel(w[w.length - 2])) { w = w.slice(0, -1) + "i"; }

    var s2 = longestSuffix(w, STEP2);
    if (s2 && w.length - s2[0].length >= r1) {
      var before = w[w.length - s2[0].length - 1] || "";
      var liEnding = before !== "" && "cdeghkmnrt".indexOf(before) >= 0;
      if (s2[0] === "ogi" ? before === "l" : s2[0] === "li" ? liEnding : true) {
        w = w.slice(0, -s2[0].length) + s2[1];
      }
    }
    var s3 = longestSuffix(w, STEP3);
    if (s3 && w.length - s3[0].length >= (s3[0] === "ative" ? r2 : r1)) {
      w = w.slice(0, -s3[0].length) + s3[1];
    }
    var s4 = longestSuffix(w, STEP4);
    if (s4 && w.length - s4.length >= r2 && (s4 !== "ion" || /[st]ion$/.test(w))) {
      w = w.slice(0, -s4.length);
    }
    if (/e$/.test(w)) {
      var rest = w.slice(0, -1);
      if (rest.length >= r2 || (rest.length >= r1 && !shortSyllable(rest))) { w = rest; }
    } else if (/ll$/.test(w) && w.length - 1 >= r2) {
      w = w.slice(0, -1);
    }
    return w.replace(/Y/g, "y");
  }

  /* The query Pagefind is given: every plain word replaced by its stem. A quoted phrase is
     an exact search and goes as typed. */
  function pagefindQuery(query) {
    if (query.indexOf("\"") >= 0) { return query; }
    return query.toLowerCase().split(/\s+/).map(function (word) {
      return /^[a-z]+$/.test(word) ? stem(word) : word;
    }).join(" ");
  }

  /* Pagefind leaves out of a query the words its index does not hold, so "robotics for
     beginners" finds the pages about beginners as if they were what was asked. With several
     words, each word is also looked up on its own (the chunks are the ones the query needs
     anyway): pages with every word keep Pagefind's order; when there are none, the pages
     with most of the words come first (then Pagefind's score) and the caller says the
     matches are partial rather than showing nothing or passing them off as full. */
  function searchWords(pf, term) {
    var words = queryWords(term);
    var whole = pf.search(pagefindQuery(term));
    if (term.indexOf("\"") >= 0 || words.length < 2) {
      return whole.then(function (search) { return { results: search.results, partial: false }; });
    }
    var each = words.map(function (w) { return pf.search(pagefindQuery(w)); });
    return Promise.all([whole].concat(each)).then(function (found) {
      var rows = new Map();
      found.slice(1).forEach(function (search) {
        search.results.forEach(function (result) {
          var row = rows.get(result.id) || { result: result, words: 0, score: 0 };
          row.words += 1;
          row.score += result.score;
          rows.set(result.id, row);
        });
      });
      var ordered = Array.from(rows.values()).sort(function (a, b) { return b.words - a.words || b.score - a.score; });
      var full = ordered.filter(function (row) { return row.words === words.length; });
      if (!full.length) {
        return { results: ordered.map(function (row) { return row.result; }), partial: ordered.length > 0 };
      }
      var ids = new Set(full.map(function (row) { return row.result.id; }));
      var results = found[0].results.filter(function (r) { return ids.has(r.id); });
      var listed = new Set(results.map(function (r) { return r.id; }));
      full.forEach(function (row) { if (!listed.has(row.result.id)) { results.push(row.result); } });
      return { results: results, partial: false };
    });
  }

  var PARTIAL_NOTICE = "No resource matches every word; showing resources that match some of them.";

  /* ---- Header search box ---------------------------------------------------------- */

  var PAUSE_MS = 200;
  var MIN_QUERY = 2;
  var HEADER_RESULTS = 6;

  var HEADER_CLASSES = {
    item: "md-search-result__item",
    link: "md-search-result__link",
    article: "md-search-result__article md-typeset",
    kind: "archive-search__kind",
    heading: "h1",
    title: "",
    teaser: "md-search-result__teaser"
  };

  function mountHeaderSearch() {
    var toggle = document.getElementById("__search");
    var inner = document.querySelector(".md-header__inner");
    if (!toggle || !inner || document.querySelector(".archive-search")) { return; }
    var findUrl = new URL("find/", root).href;

    var input = el("input", {
      type: "text", "class": "md-search__input", name: "q", "aria-label": "Search",
      placeholder: "Search", autocapitalize: "off", autocorrect: "off", autocomplete: "off",
      spellcheck: "false", role: "combobox", "aria-expanded": "false",
      "aria-controls": "archive-search-results", "aria-autocomplete": "list"
    });
    var iconLabel = el("label", { "class": "md-search__icon md-icon", "for": "__search", title: "Close search" },
      [icon(ICONS.search), icon(ICONS.back)]);
    var reset = el("button", { type: "reset", "class": "md-search__icon md-icon", title: "Clear", "aria-label": "Clear", tabindex: "-1" },
      [icon(ICONS.close)]);
    var form = el("form", { "class": "md-search__form", name: "search", action: findUrl, method: "get" },
      [input, iconLabel, el("nav", { "class": "md-search__options", "aria-label": "Search" }, [reset])]);
    var meta = el("div", { "class": "md-search-result__meta", role: "status", "aria-live": "polite", text: "Type to start searching" });
    var list = el("ol", { "class": "md-search-result__list", id: "archive-search-results", "aria-label": "Search results" });
    var more = el("a", { "class": "archive-search__more", href: findUrl, text: "Filter these results on the Find resources page" });
    more.hidden = true;
    var output = el("div", { "class": "md-search__output" }, [
      el("div", { "class": "md-search__scrollwrap", tabindex: "0" }, [
        el("div", { "class": "md-search-result" }, [meta, list, more])
      ])
    ]);
    var dialog = el("div", { "class": "md-search archive-search", role: "dialog", "aria-label": "Search the archive" }, [
      el("label", { "class": "md-search__overlay", "for": "__search" }),
      el("div", { "class": "md-search__inner", role: "search" }, [form, output])
    ]);
    var button = el("label", { "class": "md-header__button md-icon archive-search__button", "for": "__search", title: "Search" }, [icon(ICONS.search)]);
    var source = inner.querySelector(".md-header__source");
    inner.insertBefore(button, source);
    inner.insertBefore(dialog, source);

    var generation = 0;
    var pending = 0;
    function run() {
      var query = input.value.trim();
      var mine = ++generation;
      more.hidden = true;
      if (!query) {
        list.textContent = "";
        meta.textContent = "Type to start searching";
        input.setAttribute("aria-expanded", "false");
        return;
      }
      /* Our own pause instead of Pagefind's debouncedSearch, which preloads the index chunk
         of every prefix typed ("a", "an", ...): at 10,000 records that doubled the bytes. */
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        if (mine !== generation) { return; }
        pagefind().then(function (pf) {
          return query.length < MIN_QUERY ? null : searchWords(pf, query);
        }).then(show).catch(function (error) {
          meta.textContent = "Search is unavailable: " + error.message;
        });
      }, PAUSE_MS);
      function show(search) {
        if (mine !== generation) { return null; }
        if (!search) { meta.textContent = "Type at least " + MIN_QUERY + " characters"; return null; }
        var count = search.results.length;
        meta.textContent = (count === 0 ? "Nothing found" : count === 1 ? "1 result" : count + " results") +
          (search.partial ? ". " + PARTIAL_NOTICE : "");
        return Promise.all(search.results.slice(0, HEADER_RESULTS).map(function (r) { return r.data(); })).then(function (items) {
          if (mine !== generation) { return; }
          list.textContent = "";
          items.forEach(function (data) { list.appendChild(resultItem(data, HEADER_CLASSES, query)); });
          input.setAttribute("aria-expanded", items.length ? "true" : "false");
          more.href = findUrl + "?q=" + encodeURIComponent(query);
          more.hidden = count === 0;
        });
      }
    }

    function open() {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      input.focus();
      pagefind();
    }
    function close() {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      input.blur();
    }

    /* Tabbing past the box must not leave the dimmed overlay over the page: close it as soon
       as focus is outside the search (after the event, when the new focus is known). */
    dialog.addEventListener("focusout", function () {
      window.setTimeout(function () {
        if (toggle.checked && !dialog.contains(document.activeElement)) {
          toggle.checked = false;
          toggle.dispatchEvent(new Event("change"));
        }
      }, 0);
    });

    input.addEventListener("input", run);
    input.addEventListener("focus", function () { if (!toggle.checked) { open(); } });
    form.addEventListener("reset", function () { window.setTimeout(run, 0); input.focus(); });
    toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); } });

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      var active = document.activeElement;
      var typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
      if (!toggle.checked) {
        if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
          event.preventDefault();
          open();
        }
        return;
      }
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var index = links.indexOf(active);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!links.length) { return; }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = index + step;
        if (next < 0) { input.focus(); return; }
        links[Math.min(next, links.length - 1)].focus();
      } else if (index >= 0 && event.key.length === 1) {
        input.focus();
      }
    });
  }

  /* ---- Find resources page ---------------------------------------------------------- */

  var FIND_CLASSES = {
    item: "archive-find__result",
    link: "archive-find__link",
    article: "archive-find__article",
    kind: "archive-find__kind",
    heading: "h2",
    title: "archive-find__title",
    teaser: "archive-find__teaser"
  };
  /* Results per page, as on most search pages; "Show more results" adds the next ten. Each
     result costs its excerpt's fragment (3-5 KB) or a shard of cards (2 KB). */
  var PAGE_SIZE = 10;

  /* ---- Browse data: filters, counts and sort orders (see core/find_data.py) ---------- */

  /* The Find page filters, counts and sorts with the browse data the build writes, and asks
     Pagefind only which pages match the words, and for their excerpts. Pagefind's own
     filters would fetch every filter file (138 KB at 10,000 records) for the counts, and its
     sort orders would sit in the index metadata that every search downloads (44 KB);
     `search-ids.json` names the Pagefind page of each record instead, read only for words. */

  var dataFiles = {};
  var browseData = null;
  var searchPositions = null;

  function dataFile(name) {
    if (!dataFiles[name]) {
      dataFiles[name] = fetch(new URL("find/data/" + name, root)).then(function (r) {
        if (!r.ok) { throw new Error("browse data missing (" + r.status + ")"); }
        return r.json();
      });
    }
    return dataFiles[name];
  }

  function undelta(list) {
    var out = new Array(list.length), last = 0;
    for (var i = 0; i < list.length; i++) { last += list[i]; out[i] = last; }
    return out;
  }

  function browseIndex() {
    if (!browseData) {
      browseData = dataFile("facets.json").then(function (data) {
        Object.keys(data.facets).forEach(function (key) {
          Object.keys(data.facets[key]).forEach(function (value) { data.facets[key][value] = undelta(data.facets[key][value]); });
        });
        return data;
      });
    }
    return browseData;
  }

  /* The browse data position of a Pagefind page id (records only, -1 for other pages).
     search-ids.json holds the shortest prefix of each record's id that no other page's id
     starts with, or a whole id ending in "." that must match exactly. */
  function browsePositions() {
    if (!searchPositions) {
      searchPositions = dataFile("search-ids.json").then(function (keys) {
        var positions = new Map();
        keys.forEach(function (key, position) { if (key) { positions.set(key, position); } });
        return function (id) {
          if (positions.has(id + ".")) { return positions.get(id + "."); }
          for (var n = 1; n <= id.length; n++) {
            if (positions.has(id.slice(0, n))) { return positions.get(id.slice(0, n)); }
          }
          return -1;
        };
      });
    }
    return searchPositions;
  }

  /* Records matching every facet except `skip`: values within a facet are alternatives. */
  function browseMask(data, filters, skip) {
    var mask = new Uint8Array(data.count).fill(1);
    Object.keys(filters).forEach(function (key) {
      if (key === skip) { return; }
      var any = new Uint8Array(data.count);
      filters[key].any.forEach(function (value) {
        (data.facets[key][value] || []).forEach(function (p) { any[p] = 1; });
      });
      for (var i = 0; i < data.count; i++) { mask[i] = mask[i] & any[i]; }
    });
    return mask;
  }

  /* Each position's rank in the order asked for: positions are newest first already, titles
     come from title-order.json; null keeps the best match first. */
  function browseRanks(data, sortBy) {
    if (sortBy === "date") { return Promise.resolve(function (p) { return p; }); }
    if (sortBy !== "title") { return Promise.resolve(null); }
    return dataFile("title-order.json").then(function (order) {
      var ranks = new Array(data.count);
      undelta(order).forEach(function (p, rank) { ranks[p] = rank; });
      return function (p) { return ranks[p]; };
    });
  }

  function browseCard(data, p) {
    return dataFile("cards-" + Math.floor(p / data.shard) + ".json").then(function (cards) {
      var card = cards[p % data.shard];
      var included = ((data.facets.materials || {}).included || []).indexOf(p) >= 0;
      var materials = data.facets.materials ? (included ? "included" : "record-only") : "";
      return { url: new URL(card[0], root).href, meta: { title: card[1], kind: data.kinds[card[2]], materials: materials, facts: card[5] || "" }, plain: card[3] };
    });
  }

  /* The records matching the words (Pagefind; pages that are not records too, when no
     filter is ticked) and the filters (browse data), in the order asked for, with counts
     per facet value that ignore that facet's own selection. Without words, Pagefind is not
     loaded at all: for filters alone it would fetch its whole index. */
  function findSearch(term, filters, sortBy) {
    var words = term ? Promise.all([
      pagefind().then(function (pf) { return searchWords(pf, term); }),
      browsePositions()
    ]) : null;
    return browseIndex().then(function (data) {
      return Promise.all([words, browseRanks(data, sortBy)]).then(function (parts) {
        var found = parts[0], rankOf = parts[1];
        var mask = browseMask(data, filters, null);
        var filtered = Object.keys(filters).length > 0;
        var matching = null;
        var rows = [];
        if (found) {
          matching = new Uint8Array(data.count);
          found[0].results.forEach(function (result, order) {
            var p = found[1](result.id);
            if (p >= 0) { matching[p] = 1; }
            if (p >= 0 ? mask[p] : !filtered) { rows.push({ position: p, order: order, result: result }); }
          });
        } else {
          for (var p = 0; p < data.count; p++) { if (mask[p]) { rows.push({ position: p, order: p }); } }
        }
        if (rankOf) {
          var rank = function (row) { return row.position >= 0 ? rankOf(row.position) : data.count; };
          rows.sort(function (a, b) { return rank(a) - rank(b) || a.order - b.order; });
        }
        var results = rows.map(function (row) {
          return { data: function () { return row.result ? row.result.data() : browseCard(data, row.position); } };
        });
        return { results: results, partial: Boolean(found && found[0].partial), counts: function (key) {
          var others = browseMask(data, filters, key);
          var counts = {};
          Object.keys(data.facets[key] || {}).forEach(function (value) {
            var n = 0;
            data.facets[key][value].forEach(function (p) { if (others[p] && (!matching || matching[p])) { n++; } });
            counts[value] = n;
          });
          return counts;
        } };
      });
    });
  }

  /* Below this width the filters sit behind the "Filters (n)" button so results come first;
     wider, they stay open beside the results (archive-search.css uses the same width). */
  var NARROW = "(max-width: 59.984375em)";
  var COPIED_MS = 4000;

  function mountFindPage() {
    var form = document.getElementById("archive-find");
    if (!form) { return; }
    document.documentElement.classList.add("archive-find--js");
    var query = document.getElementById("archive-find-q");
    var sort = document.getElementById("archive-find-sort");
    var status = document.getElementById("archive-find-status");
    var list = document.getElementById("archive-find-results");
    var more = document.getElementById("archive-find-more");
    var toggle = document.getElementById("archive-find-toggle");
    var active = document.getElementById("archive-find-active");
    var panel = document.getElementById("archive-find-facets");
    var done = document.getElementById("archive-find-done");
    var chips = document.getElementById("archive-find-chips");
    var clear = document.getElementById("archive-find-clear");
    var copy = document.getElementById("archive-find-copy");
    var copied = document.getElementById("archive-find-copied");
    var linkBox = document.getElementById("archive-find-link-box");
    var linkInput = document.getElementById("archive-find-link");
    var heading = document.getElementById("archive-find-results-heading");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var facets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-facet]")).map(function (f) { return f.getAttribute("data-facet"); });
    var results = [];
    var shown = 0;
    var generation = 0;
    var pending = 0;
    var copiedTimer = 0;

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      query.value = params.get("q") || "";
      sort.value = params.get("sort") || "";
      boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) >= 0; });
    }

    function writeUrl() {
      var params = new URLSearchParams();
      if (query.value.trim()) { params.set("q", query.value.trim()); }
      boxes.forEach(function (box) { if (box.checked) { params.append(box.name, box.value); } });
      if (sort.value) { params.set("sort", sort.value); }
      var search = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    }

    function selected() {
      var filters = {};
      boxes.forEach(function (box) {
        if (box.checked) { (filters[box.name] = filters[box.name] || { any: [] }).any.push(box.value); }
      });
      return filters;
    }

    /* ---- Filters button, chips, copy link ---- */

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      panel.setAttribute("data-open", open ? "true" : "false");
    }

    /* One chip per ticked box; removing one unticks it and keeps focus among the chips. */
    function showChips() {
      var ticked = boxes.filter(function (box) { return box.checked; });
      /* "Filters" alone when none is ticked ("Filters (0)" reads as a broken count); the
         count is button text, so the accessible name is what the button shows. */
      active.textContent = ticked.length ? " (" + ticked.length + ")" : "";
      chips.textContent = "";
      chips.hidden = ticked.length === 0;
      clear.hidden = ticked.length === 0 && !query.value.trim();
      ticked.forEach(function (box) {
        var chip = el("button", { type: "button", "class": "archive-find__chip", "data-for": box.id }, [
          el("span", { "class": "archive-find__sr", text: "Remove filter: " }),
          document.createTextNode(box.getAttribute("data-label") || box.value),
          el("span", { "class": "archive-find__chip-x", "aria-hidden": "true", text: "×" })
        ]);
        chips.appendChild(el("li", {}, [chip]));
      });
    }

    chips.addEventListener("click", function (event) {
      var chip = event.target.closest ? event.target.closest(".archive-find__chip") : null;
      if (!chip) { return; }
      var all = Array.prototype.slice.call(chips.querySelectorAll(".archive-find__chip"));
      var at = all.indexOf(chip);
      document.getElementById(chip.getAttribute("data-for")).checked = false;
      form.removeAttribute("data-state");
      run();
      var left = chips.querySelectorAll(".archive-find__chip");
      var next = left[Math.min(at, left.length - 1)];
      (next || (toggle.offsetParent ? toggle : query)).focus();
    });

    function showCopied(text) {
      copied.textContent = text;
      window.clearTimeout(copiedTimer);
      copiedTimer = window.setTimeout(function () { copied.textContent = ""; }, COPIED_MS);
    }

    /* Without the clipboard API (or permission), the link is shown selected to copy by hand. */
    function copyByHand(url) {
      linkInput.value = url;
      linkBox.hidden = false;
      linkInput.focus();
      linkInput.select();
      showCopied("Select the link below and copy it");
    }

    copy.addEventListener("click", function () {
      var url = window.location.href;
      linkBox.hidden = true;
      if (!navigator.clipboard || !navigator.clipboard.writeText) { copyByHand(url); return; }
      navigator.clipboard.writeText(url).then(function () { showCopied("Link copied"); }, function () { copyByHand(url); });
    });

    /* ---- Results ---- */

    /* Counts per facet ignore that facet's own selection, so ticking "Secondary" does not
       zero the other audiences: values within a facet are alternatives (any of them). */
    function setCounts(countsOf) {
      facets.forEach(function (key) {
        var counts = countsOf(key) || {};
        boxes.forEach(function (box) {
          if (box.name !== key) { return; }
          var n = counts[box.value] || 0;
          var span = box.parentNode.querySelector(".archive-find__count");
          span.textContent = String(n);
          span.setAttribute("data-count", String(n));
          box.parentNode.classList.toggle("archive-find__option--empty", n === 0 && !box.checked);
        });
      });
    }

    function showMore() {
      var page = results.slice(shown, shown + PAGE_SIZE);
      shown += page.length;
      more.hidden = shown >= results.length;
      var term = query.value.trim();
      return Promise.all(page.map(function (r) { return r.data(); })).then(function (items) {
        items.forEach(function (data) { list.appendChild(resultItem(data, FIND_CLASSES, term)); });
      });
    }

    function run() {
      var mine = ++generation;
      writeUrl();
      showChips();
      var term = query.value.trim() || null;
      var filters = selected();
      var asked = term || Object.keys(filters).length;
      /* Nothing asked: every record, newest first, from the browse data (Pagefind is not
         loaded); the build-time counts are right. */
      return findSearch(term, filters, sort.value).then(function (search) {
        if (mine !== generation) { return null; }
        results = search.results;
        shown = 0;
        list.textContent = "";
        var count = results.length;
        var what = term ? " for “" + term + "”" : "";
        var text = !asked ? status.getAttribute("data-initial") :
          count === 1 ? "1 result" + what + "." : count + " results" + what + ".";
        if (search.partial) { text += " " + PARTIAL_NOTICE; }
        /* The one live region: changed once per search, when its results are in. */
        if (status.textContent !== text) { status.textContent = text; }
        done.textContent = count === 1 ? "Show 1 result" : "Show " + count + " results";
        if (asked) { setCounts(search.counts); } else {
          boxes.forEach(function (box) {
            var span = box.parentNode.querySelector(".archive-find__count");
            span.textContent = span.getAttribute("data-initial");
            box.parentNode.classList.remove("archive-find__option--empty");
          });
        }
        return showMore();
      }).then(function () {
        if (mine === generation) { form.setAttribute("data-state", "ready"); }
      }).catch(function (error) {
        status.textContent = "Search is unavailable: " + error.message;
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); window.clearTimeout(pending); run(); });
    form.addEventListener("change", function (event) {
      if (event.target === linkInput) { return; }
      form.removeAttribute("data-state");
      run();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { form.removeAttribute("data-state"); run(); query.focus(); }, 0);
    });
    /* As in the header, wait for a pause in typing: each search fetches its words' chunks. */
    query.addEventListener("input", function () {
      form.removeAttribute("data-state");
      window.clearTimeout(pending);
      pending = window.setTimeout(run, PAUSE_MS);
    });
    more.addEventListener("click", function () { showMore(); });
    toggle.addEventListener("click", function () { setOpen(toggle.getAttribute("aria-expanded") !== "true"); });
    done.addEventListener("click", function () { setOpen(false); heading.focus(); });
    status.setAttribute("data-initial", status.textContent);
    boxes.forEach(function (box) {
      var span = box.parentNode.querySelector(".archive-find__count");
      span.setAttribute("data-initial", span.textContent);
    });
    toggle.hidden = false;
    copy.hidden = false;
    done.hidden = false;
    /* Results first for the keyboard too: on wide screens the filters move after the results
       (shown beside them, on the right), so Tab reaches the first result in a few presses;
       on phones they stay before the results, where the Filters button opens them. */
    var narrow = window.matchMedia(NARROW);
    var layout = panel.parentNode;
    var main = layout.querySelector(".archive-find__main");
    function place() {
      if (narrow.matches) {
        layout.insertBefore(panel, main);
        layout.removeAttribute("data-results-first");
      } else {
        layout.appendChild(panel);
        layout.setAttribute("data-results-first", "");
      }
    }
    place();
    setOpen(!narrow.matches);
    narrow.addEventListener("change", function () { place(); setOpen(!narrow.matches); });
    readUrl();
    run();
  }

  /* What the search box sends Pagefind, for tests and anyone checking a query. */
  window.archiveSearch = { stem: stem, pagefindQuery: pagefindQuery };

  function start() {
    mountHeaderSearch();
    mountFindPage();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
