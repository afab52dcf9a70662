/* The site's one text search, shared by its two views: the 检索 page (find.js) and the search
 * box in the header of every page (search-box.js). It loads the data the build publishes once
 * per page, decodes it once, and holds the one matching and ranking rule:
 *   - a query is split at spaces into keywords; an item matches when every keyword is a
 *     substring of one of its fields (upper/lower case ignored), so Chinese needs no segmenter;
 *   - items: the records (api/records.js + api/records-text.js, fields: title, tags, text) and
 *     the site's pages (api/pages.js, hooks/site/search_pages.py; fields: title, headings, text);
 *   - rank: a keyword in the title counts 0, in the tags or a heading 1, only in the text 2;
 *     the query equal to the title comes first; lower sums first, a page before a record when
 *     they tie, then the order of the data (pages in navigation order, records as published).
 * The data files are scripts, not JSON fetched, because file:// forbids fetch. A second copy of
 * this file on the same page (find.md starts it early) does nothing. Text is data, never markup:
 * results are built from text nodes and <mark> elements only. */
(function () {
  "use strict";

  if (window.MSHSearch) return;
  var script = document.currentScript;
  if (!script) return;

  // This file lives in assets/: the site root and api/ sit beside that folder, at /x/ (HTTP)
  // and at x.html opened from disk alike.
  var siteRoot = new URL("../", script.src);

  // Each data file: the id of its <script> tag (find.md may have started it), the global it sets.
  var PARTS = {
    records: { id: "msh-find-data", path: "api/records.js", global: "MSH_FIND" },
    texts: { id: "msh-find-text", path: "api/records-text.js", global: "MSH_FIND_TEXT" },
    pages: { id: "msh-search-pages", path: "api/pages.js", global: "MSH_PAGES" }
  };
  var EXCERPT_BEFORE = 30;
  var HEADING_SHOWN = 30;

  // What has been loaded and decoded; the views read it once ready() says so.
  var store = {
    records: null, // Record objects, in the order of api/records.js
    recordPages: [], // shared page paths of record urls (records.js `pages`)
    meetings: [],
    meetingById: new Map(),
    aspectById: new Map(), // "meeting/aspect" -> {title, short}
    facets: {},
    texts: false, // every record has its full text and fields
    pages: null // Page objects, in navigation order
  };
  var status = {}; // part -> {state: "idle" | "loading" | "loaded" | "error", error, waiting: [fn]}
  var decoded = {}; // part -> error string or null, once decoded

  // ---------------------------------------------------------------- loading

  function part(name) {
    return status[name] || (status[name] = { state: "idle", error: null, waiting: [] });
  }

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  // Load one data file (at most once per page) and call done(error) when it has run.
  function loadPart(name, done) {
    var spec = PARTS[name];
    var p = part(name);
    if (p.state === "loaded" || p.state === "error") { done(p.error); return; }
    p.waiting.push(done);
    if (p.state === "loading") return;
    p.state = "loading";
    function finish(error) {
      if (p.state !== "loading") return;
      p.state = error ? "error" : "loaded";
      p.error = error;
      var waiting = p.waiting;
      p.waiting = [];
      waiting.forEach(function (fn) { fn(error); });
    }
    var missing = "无法读取 " + spec.path;
    if (window[spec.global] !== undefined) { finish(null); return; }
    var tag = document.getElementById(spec.id);
    if (tag && tag.getAttribute("data-state")) { // started and finished before this script ran
      finish(tag.getAttribute("data-state") === "error" ? missing : null);
      return;
    }
    if (!tag) {
      tag = document.createElement("script");
      tag.id = spec.id;
      tag.src = new URL(spec.path, siteRoot).href;
      document.head.appendChild(tag);
    }
    tag.addEventListener("load", function () { finish(null); });
    tag.addEventListener("error", function () { finish(missing); });
  }

  // ready(["records", "texts", "pages"], done): load and decode what is not yet, then
  // done(error, store). "texts" implies "records". done is called asynchronously or at once.
  function ready(names, done) {
    var wanted = names.slice();
    if (wanted.indexOf("texts") !== -1 && wanted.indexOf("records") === -1) wanted.unshift("records");
    var left = wanted.length;
    var failed = null;
    if (!left) { done(null, store); return; }
    wanted.forEach(function (name) {
      loadPart(name, function (error) {
        if (error && !failed) failed = error;
        left--;
        if (left) return;
        if (!failed) failed = decodeAll(wanted);
        done(failed, store);
      });
    });
  }

  // Decoded in a fixed order (texts need records), once each.
  function decodeAll(names) {
    var order = ["records", "texts", "pages"];
    for (var i = 0; i < order.length; i++) {
      var name = order[i];
      if (names.indexOf(name) === -1) continue;
      if (!(name in decoded)) decoded[name] = DECODERS[name]();
      if (decoded[name]) return decoded[name];
    }
    return null;
  }

  function state(name) {
    return part(name).state;
  }

  // ---------------------------------------------------------------- records

  // Every record object gets the same properties in the same order (one shape for V8: quick
  // to create and to read in the search loop).
  function Record(row, get, index) {
    this.index = index;
    this.id = String(get(row, "id"));
    this.type = get(row, "type");
    this.page = get(row, "page");
    this.meeting = get(row, "meeting");
    this.aspect = get(row, "aspect");
    var dimensions = get(row, "dimensions");
    this.dimensions = Array.isArray(dimensions) ? dimensions : [];
    this.level = get(row, "level");
    this.unit = get(row, "unit");
    this.part = get(row, "part");
    this.title = get(row, "title");
    this.excerpt = String(get(row, "excerpt") || "");
    this.cut = !!get(row, "cut"); // the text goes on after the excerpt
    this.text = null; // excerpt + the rest from records-text.js
    this.tags = get(row, "tags") || [];
    this.draft = !!get(row, "draft");
    this.fields = null; // [title, tags, text]: what keywords are looked for in, by rank
    this.lower = null; // the same lower-cased, made on the first keyword with case
  }

  // records.js holds one array per record in data.fields order (hooks/site/api.py find_data),
  // and the facets' values ordered and labelled ([value, label] pairs, facet_options).
  function decodeRecords() {
    var data = window.MSH_FIND;
    if (!(data && Array.isArray(data.records))) return "api/records.js 中没有检索数据";
    var fields = data.fields || [];
    store.recordPages = data.pages || [];
    store.meetings = Array.isArray(data.meetings) ? data.meetings.slice() : [];
    store.meetings.forEach(function (m) {
      store.meetingById.set(m.id, m);
      (m.aspects || []).forEach(function (a) { store.aspectById.set(m.id + "/" + a.id, a); });
    });
    var at = {};
    fields.forEach(function (name, i) { at[name] = i; });
    var get = function (row, name) { return at[name] === undefined ? null : row[at[name]]; };
    var records = new Array(data.records.length);
    for (var n = 0; n < records.length; n++) records[n] = new Record(data.records[n], get, n);
    store.records = records;
    store.facets = data.facets || {};
    mark("msh-search:records");
    return null;
  }

  // records-text.js holds, per record in records.js order, its text after the excerpt. The
  // fields are made now, with the texts, not on the first keystroke.
  function decodeTexts() {
    var rests = window.MSH_FIND_TEXT;
    var records = store.records;
    if (!(Array.isArray(rests) && rests.length === records.length)) return "api/records-text.js 与 api/records.js 不一致";
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      r.text = r.excerpt + rests[i];
      r.fields = [String(r.title || ""), r.tags.join(" "), r.text];
    }
    store.texts = true;
    mark("msh-search:texts");
    return null;
  }

  // ---------------------------------------------------------------- pages

  function Page(data, index) {
    this.index = index;
    this.url = String(data.url || "");
    this.title = String(data.title || "");
    this.path = String(data.path || "");
    this.sections = Array.isArray(data.sections) ? data.sections : []; // [anchor, heading, text]
    var headings = [];
    var texts = [];
    for (var i = 0; i < this.sections.length; i++) {
      headings.push(String(this.sections[i][1] || ""));
      texts.push(String(this.sections[i][2] || ""));
    }
    // Joined with a line break: a keyword (no white space) never spans two sections.
    this.fields = [this.title, headings.join("\n"), texts.join("\n")];
    this.lower = null;
  }

  function decodePages() {
    var data = window.MSH_PAGES;
    if (!(data && Array.isArray(data.pages))) return "api/pages.js 中没有页面数据";
    store.pages = data.pages.map(function (p, i) { return new Page(p, i); });
    mark("msh-search:pages");
    return null;
  }

  var DECODERS = { records: decodeRecords, texts: decodeTexts, pages: decodePages };

  // ---------------------------------------------------------------- matching and ranking

  function terms(q) {
    return String(q || "").toLowerCase().split(/[\s\u3000]+/).filter(Boolean);
  }

  function hasCase(term) {
    return term.toUpperCase() !== term || term.toLowerCase() !== term;
  }

  // A query compiled once per keystroke. Keywords without upper/lower case (Chinese, digits)
  // are looked for in the fields as they are; a keyword with case in lower-cased copies, made
  // on the first such keyword, so loading the page never pays for them.
  function Query(q) {
    this.text = String(q || "").trim();
    this.terms = terms(this.text);
    this.lower = this.terms.some(hasCase);
    this.whole = this.terms.join(" ");
    this.pattern = highlightPattern(this.terms);
  }

  // The fields an item is matched in, lower-cased when the query needs it.
  Query.prototype.fieldsOf = function (item) {
    if (!this.lower) return item.fields;
    if (!item.lower) item.lower = item.fields.map(function (f) { return f.toLowerCase(); });
    return item.lower;
  };

  // -1 when some keyword is in no field, else the rank, lower first: 1 plus, per keyword, the
  // index of the first field holding it (title 0, tags or headings 1, text 2); 0 when the
  // query is the whole title.
  Query.prototype.score = function (item) {
    var terms = this.terms;
    if (!terms.length) return 1;
    var fields = this.fieldsOf(item);
    var total = 1;
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t];
      var f = 0;
      while (f < fields.length && fields[f].indexOf(term) === -1) f++;
      if (f === fields.length) return -1;
      total += f;
    }
    if (total === 1 && fields[0].trim() === this.whole) return 0;
    return total;
  };

  // Items in rank order: a stable bucket sort on (score, kind), kind 0 for pages, 1 for
  // records; items is a list of {item, score, kind}.
  function rank(hits) {
    var buckets = [];
    for (var i = 0; i < hits.length; i++) {
      var key = hits[i].score * 2 + hits[i].kind;
      (buckets[key] || (buckets[key] = [])).push(hits[i]);
    }
    var out = [];
    for (var b = 0; b < buckets.length; b++) if (buckets[b]) Array.prototype.push.apply(out, buckets[b]);
    return out;
  }

  // Every page and record that matches q, best first; what has not been loaded yet is left out
  // (the views wait for ready() before searching).
  function search(q, options) {
    var query = q instanceof Query ? q : new Query(q);
    var hits = [];
    if (!query.terms.length) return { query: query, hits: hits };
    var want = options || { pages: true, records: true };
    if (want.pages && store.pages) {
      for (var p = 0; p < store.pages.length; p++) {
        var ps = query.score(store.pages[p]);
        if (ps >= 0) hits.push({ item: store.pages[p], score: ps, kind: 0 });
      }
    }
    if (want.records && store.texts) {
      var records = store.records;
      for (var r = 0; r < records.length; r++) {
        var rs = query.score(records[r]);
        if (rs >= 0) hits.push({ item: records[r], score: rs, kind: 1 });
      }
    }
    return { query: query, hits: rank(hits) };
  }

  // ---------------------------------------------------------------- what a result shows

  function recordUrl(r) {
    var where = typeof r.page === "number" ? store.recordPages[r.page] + "#" + r.id : String(r.page || "");
    return new URL(where, siteRoot).href;
  }

  // A page result links to the first section holding a keyword (the page's top if none does).
  function pageSection(p, query) {
    var terms = query.terms;
    for (var i = 0; i < p.sections.length; i++) {
      var s = p.sections[i];
      var hay = (String(s[1] || "") + "\n" + String(s[2] || "")).toLowerCase();
      for (var t = 0; t < terms.length; t++) if (hay.indexOf(terms[t]) !== -1) return s;
    }
    return null;
  }

  // Where a page result sits: the navigation above it and the section's heading (not the
  // title again; a long one cut short), joined with " › ".
  function pagePlace(p, section) {
    var heading = section && section[1] && section[1] !== p.title ? String(section[1]) : "";
    if (heading.length > HEADING_SHOWN) heading = heading.slice(0, HEADING_SHOWN) + "…";
    return [p.path, heading].filter(Boolean).join(" › ");
  }

  // A page result's excerpt: around the keywords in the section's heading or text (the page's
  // first section when only the title holds them).
  function pageExcerpt(p, section, query, length) {
    var s = section || p.sections[0] || ["", "", ""];
    var heading = String(s[1] || "");
    var sources = heading && heading !== p.title ? [String(s[2] || ""), heading] : [String(s[2] || "")];
    return excerpt(sources, p.title, query.terms, length);
  }

  function pageUrl(p, section) {
    return new URL(p.url + (section && section[0] ? "#" + section[0] : ""), siteRoot).href;
  }

  function meetingTitle(r) {
    var m = store.meetingById.get(r.meeting);
    return m ? m.title : r.meeting;
  }

  function aspectTitle(r) {
    if (!r.aspect) return null;
    var a = store.aspectById.get(r.meeting + "/" + r.aspect);
    return a ? a.title : r.aspect;
  }

  // Cuts of the text around the keywords: the first keyword's cut is `length` long, a keyword
  // that neither `seen` (the title) nor the cuts so far show adds a cut half as long, at most
  // three cuts. sources: texts in order (e.g. the text, then "标签：…"). Without keywords, the
  // text's start.
  function excerpt(sources, seen, terms, length) {
    if (!terms.length) return cut(sources[0] || "", 0, length);
    var pieces = [];
    var shown = String(seen || "").toLowerCase();
    terms.forEach(function (term) {
      if (pieces.length >= 3 || shown.indexOf(term) !== -1) return;
      for (var i = 0; i < sources.length; i++) {
        var at = sources[i].toLowerCase().indexOf(term);
        if (at === -1) continue;
        var piece = cut(sources[i], at, pieces.length ? length / 2 : length);
        pieces.push(piece);
        shown += "\n" + piece.toLowerCase();
        return;
      }
    });
    return pieces.length ? pieces.join(" ") : cut(sources[0] || "", 0, length);
  }

  function cut(text, at, length) {
    var start = Math.max(0, at - EXCERPT_BEFORE);
    var end = Math.min(text.length, start + length);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function highlightPattern(list) {
    if (!list.length) return null;
    var sorted = list.slice().sort(function (a, b) { return b.length - a.length; });
    return new RegExp(sorted.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "gi");
  }

  // Text nodes and <mark> elements only: record and page text is never parsed as HTML.
  function appendHighlighted(parent, text, pattern) {
    if (!pattern) { parent.appendChild(document.createTextNode(text)); return; }
    pattern.lastIndex = 0;
    var last = 0;
    var m;
    while ((m = pattern.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  window.MSHSearch = {
    root: siteRoot,
    store: store,
    ready: ready,
    state: state,
    terms: terms,
    Query: Query,
    search: search,
    rank: rank,
    recordUrl: recordUrl,
    pageUrl: pageUrl,
    pageSection: pageSection,
    pagePlace: pagePlace,
    pageExcerpt: pageExcerpt,
    meetingTitle: meetingTitle,
    aspectTitle: aspectTitle,
    excerpt: excerpt,
    cut: cut,
    highlightPattern: highlightPattern,
    appendHighlighted: appendHighlighted
  };
})();
