/* 检索 page: keyword + facets over the records the build publishes, plus the site's pages that
 * hold the keyword. The data, its loading and the keyword rule (match and rank) are the site's
 * one search engine, assets/search.js, which the header box of every page uses too; this file
 * is the page's view: facets, counts, the URL, the result list.
 * Vanilla JS, no network beyond the site itself; data is always text, never markup.
 * Loaded on every page (extra_javascript) but acts only where #msh-find exists.
 * First results come before anything only a keystroke needs: the inline script in find.md
 * starts the download of api/records.js (everything but the long texts) early; the full texts
 * (api/records-text.js) and the pages (api/pages.js), which only a keyword needs, are loaded
 * right after the first results (at once when the URL already carries a keyword). A keyword
 * typed before they arrive shows 正在载入全文… and gets its results when they do, never
 * results from partial text. */
(function () {
  "use strict";

  var root = document.getElementById("msh-find");
  var script = document.currentScript;
  if (!root || !script) return;
  // On the 检索 page find.md starts this file early (async) and extra_javascript runs it again
  // at the end of the page: the first run does the work.
  if (root.hasAttribute("data-find-started")) return;
  root.setAttribute("data-find-started", "");
  var engine = window.MSHSearch; // assets/search.js, run before this file

  var PAGE_SIZE = 20;
  var PAGES_SHOWN = 3; // page results listed before 显示全部: the records stay in view
  var EXCERPT_LENGTH = 110;
  var PARAM_ORDER = ["q", "meeting", "dimension", "aspect", "level", "unit", "part", "type"];
  var initialSearch = location.search;

  // ---------------------------------------------------------------- facets

  // Each facet: URL key, legend, and the record field holding its value. Every field holds one
  // value (or none) except `dimensions`, a list; `many` marks it.
  var FACETS = [
    { key: "meeting", legend: "会议", field: "meeting" },
    { key: "aspect", legend: "对照检查方面（所选会议）", field: "aspect" },
    { key: "dimension", legend: "维度", field: "dimensions", many: true },
    { key: "level", legend: "层级", field: "level" },
    { key: "unit", legend: "单位类型", field: "unit" },
    { key: "part", legend: "材料部分", field: "part" },
    { key: "type", legend: "类型", field: "type" }
  ];

  var records = [];
  var meetings = [];
  var dataReady = false; // records.js decoded
  var textState = "waiting"; // records-text.js and pages.js: waiting, loading, loaded or error
  var rendered = []; // the records whose items the result list shows, in order
  var firstResultsMarked = false;
  var facetOptions = {}; // key -> [{value, label}] in display order (records.js `facets`)
  var state = emptyState();
  var shown = PAGE_SIZE;
  var pagesShown = PAGES_SHOWN;
  var typingEntryPushed = false;
  var ui = {};
  var textError = "";

  // ---------------------------------------------------------------- start

  // The build writes the first view into the page (hooks/find_view.py): what this script shows
  // for a URL without keyword or condition before the full texts arrive. It stays on screen,
  // usable, until the data is in; the live view is built aside and put in its place then, with
  // what was typed or picked meanwhile. A URL with a keyword or condition gets no first view
  // (find.md's inline script removes it).
  var firstView = root.hasAttribute("data-first-view") && !hasState(initialSearch) ? root : null;
  var live = root;
  var moreBeforeData = false; // 再显示 pressed in the first view
  if (firstView) {
    live = document.createElement("div");
    holdFirstViewClicks();
  } else {
    root.removeAttribute("data-first-view");
    root.textContent = "";
  }
  buildSkeleton(live);
  if (!engine) {
    failed("assets/search.js 未能载入");
    return;
  }
  // With the first view on screen, records.js (only preloaded by find.md) runs once it is
  // painted, so that its long parse cannot hold the paint back.
  (firstView ? afterPaint : function (fn) { fn(); })(function () {
    engine.ready(["records"], function (error) {
      mark("msh-find:data");
      if (error) { failed(error); return; }
      start();
    });
  });

  function failed(error) {
    var message = "检索数据加载失败（" + error + "）。请确认站点完整。";
    if (!firstView) { setStatus(message); return; }
    // The first view's results and links stay usable; only its status line says so.
    var status = root.querySelector("#msh-find-count");
    if (status) { status.textContent = message; status.removeAttribute("data-count"); }
    root.setAttribute("data-state", "failed");
  }

  function start() {
    prepare();
    dataReady = true;
    mark("msh-find:prepared");
    state = parseState(initialSearch);
    var picked = firstView ? pickedInFirstView() : {};
    Object.keys(picked).forEach(function (k) { state[k] = picked[k]; });
    // Typed while the data was loading: it wins over the URL.
    var typed = (firstView ? firstView.querySelector("#msh-find-q") : ui.q).value.trim();
    if (typed) state.q = typed;
    if (moreBeforeData) shown += PAGE_SIZE;
    syncInputs();
    update();
    if (firstView) takeOver();
    root.setAttribute("data-state", "live");
    // The texts' script runs a long JSON.parse: start it once the first results are painted
    // (at once when a keyword is waiting for it).
    if (state.q) loadTexts(); else afterPaint(loadTexts);
    replaceUrl(urlFor(state));
  }

  window.addEventListener("popstate", function () {
    if (!dataReady) return;
    state = parseState(location.search);
    typingEntryPushed = false;
    shown = PAGE_SIZE;
    pagesShown = PAGES_SHOWN;
    syncInputs();
    update();
  });

  // ---------------------------------------------------------------- data

  // The full texts and the pages, after the first results (find.md starts the texts at once
  // when the URL has a keyword).
  function loadTexts() {
    if (textState !== "waiting") return;
    textState = "loading";
    engine.ready(["texts", "pages"], applyTexts);
  }

  function applyTexts(error) {
    if (error) {
      textState = "error";
      textError = error;
    } else {
      textState = "loaded";
      mark("msh-find:texts");
    }
    root.setAttribute("data-text-state", textState);
    if (state.q) update();
    else if (textState === "loaded") refreshExcerpts();
  }

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  // The records as the engine decoded them (api/records.js); the facets' values come ordered
  // and labelled ([value, label] pairs, hooks/site/api.py facet_options), the same lists the
  // first view was written from.
  function prepare() {
    var store = engine.store;
    records = store.records;
    meetings = store.meetings;
    FACETS.forEach(function (f) {
      facetOptions[f.key] = (store.facets[f.key] || []).map(function (pair) { return { value: pair[0], label: pair[1] }; });
    });
  }

  function aspectOptions(meetingId) {
    var meeting = meetings.find(function (m) { return m.id === meetingId; });
    if (meeting && meeting.aspects) {
      // Chips show the short label; the official title stays in the title attribute.
      return meeting.aspects.map(function (a) { return { value: a.id, label: a.short || a.title, title: a.title }; });
    }
    var seen = new Map();
    records.forEach(function (r) { if (r.meeting === meetingId && r.aspect) seen.set(r.aspect, r.aspect); });
    return Array.from(seen, function (e) { return { value: e[0], label: e[1] }; });
  }

  // An aspect from the URL without a meeting applies to every meeting that has an aspect of
  // that id: offered as the one value, so it is seen and can be cleared.
  function aspectEverywhere(aspectId) {
    var titles = [];
    meetings.forEach(function (m) {
      (m.aspects || []).forEach(function (a) {
        if (a.id === aspectId) titles.push({ label: a.short || a.title, title: m.title + "：" + a.title });
      });
    });
    if (!titles.length) return [];
    return [{ value: aspectId, label: titles[0].label + (titles.length > 1 ? "（" + titles.length + " 次会议）" : ""),
              title: titles.map(function (t) { return t.title; }).join("\n") }];
  }

  // ---------------------------------------------------------------- state and URL

  function emptyState() {
    var s = {};
    PARAM_ORDER.forEach(function (k) { s[k] = ""; });
    return s;
  }

  function parseState(search) {
    var params = new URLSearchParams(search);
    var s = emptyState();
    PARAM_ORDER.forEach(function (k) { s[k] = (params.get(k) || "").trim(); });
    return s;
  }

  function urlFor(s) {
    var params = new URLSearchParams(location.search);
    PARAM_ORDER.forEach(function (k) { params.delete(k); });
    PARAM_ORDER.forEach(function (k) { if (s[k]) params.set(k, s[k]); });
    var qs = params.toString();
    return location.pathname + (qs ? "?" + qs : "") + location.hash;
  }

  function replaceUrl(url) {
    try { history.replaceState(history.state, "", url); } catch (e) { /* some file:// setups refuse */ }
  }

  function pushUrl(url) {
    try { history.pushState(null, "", url); } catch (e) { /* some file:// setups refuse */ }
  }

  // ---------------------------------------------------------------- search

  // One pass: a record failing no facet is a result and counts for every facet; a record
  // failing exactly one facet counts only for that facet ("what if I picked this instead").
  // With a keyword the results are in the engine's rank order (the header box shows the same
  // records first) and the pages holding it come too, when no condition is chosen: the
  // conditions are about records.
  function evaluate(s) {
    var query = new engine.Query(s.q);
    var keyword = query.terms.length > 0;
    var active = FACETS.filter(function (f) { return s[f.key]; });
    var counts = {};
    var totals = {};
    FACETS.forEach(function (f) { counts[f.key] = new Map(); totals[f.key] = 0; });
    var results = [];
    var hits = [];

    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      // No keyword (the first results): no field is looked at.
      var score = keyword ? query.score(r) : 1;
      if (score < 0) continue;

      var failed = null;
      var failures = 0;
      for (var a = 0; a < active.length; a++) {
        var f = active[a];
        if (f.many ? r[f.field].indexOf(s[f.key]) === -1 : r[f.field] !== s[f.key]) {
          failures++;
          failed = f;
          if (failures > 1) break;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) {
        if (keyword) hits.push({ item: r, score: score, kind: 1 }); else results.push(r);
        for (var k = 0; k < FACETS.length; k++) tally(counts, totals, FACETS[k], r);
      } else {
        tally(counts, totals, failed, r);
      }
    }
    if (keyword) results = engine.rank(hits).map(function (h) { return h.item; });
    var pages = keyword && !active.length
      ? engine.search(query, { pages: true }).hits.map(function (h) { return h.item; }) : [];
    return { query: query, terms: query.terms, results: results, pages: pages, counts: counts, totals: totals };
  }

  function tally(counts, totals, f, r) {
    var map = counts[f.key];
    totals[f.key]++;
    var value = r[f.field];
    if (!f.many) {
      if (value) map.set(value, (map.get(value) || 0) + 1);
      return;
    }
    for (var v = 0; v < value.length; v++) map.set(value[v], (map.get(value[v]) || 0) + 1);
  }

  // ---------------------------------------------------------------- DOM

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function buildSkeleton(into) {
    var form = el("form", { class: "msh-find__form", role: "search", "aria-label": "检索示例与案例" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    var qRow = el("div", { class: "msh-find__query" });
    qRow.appendChild(el("label", { for: "msh-find-q", class: "msh-find__label" }, "关键词"));
    ui.q = el("input", {
      id: "msh-find-q", type: "search", name: "q", autocomplete: "off", enterkeyhint: "search",
      placeholder: "如：形式主义 街道（多个词用空格分隔，须全部出现）", "aria-describedby": "msh-find-count"
    });
    ui.q.addEventListener("input", onKeywordInput);
    ui.q.addEventListener("blur", function () { typingEntryPushed = false; });
    qRow.appendChild(ui.q);
    ui.reset = el("button", { type: "button", class: "msh-find__reset" }, "清除条件");
    ui.reset.addEventListener("click", function () {
      typingEntryPushed = false;
      commit(emptyState(), true);
      syncInputs();
    });
    qRow.appendChild(ui.reset);
    form.appendChild(qRow);
    into.appendChild(form);

    // Facets beside the results on wide screens; folded away on phones so results come first.
    var body = el("div", { class: "msh-find__body" });
    ui.filters = el("details", { class: "msh-find__filters" });
    if (!window.matchMedia || !window.matchMedia("(max-width: 44.9375em)").matches) ui.filters.open = true;
    ui.summary = el("summary", null, "筛选条件");
    ui.filters.appendChild(ui.summary);
    ui.facets = el("div", { class: "msh-find__facets" });
    ui.fieldsets = {};
    FACETS.forEach(function (f) {
      var fs = el("fieldset", { class: "msh-find__facet", "data-facet": f.key });
      fs.appendChild(el("legend", null, f.legend));
      var list = el("div", { class: "msh-find__values" });
      fs.appendChild(list);
      fs.addEventListener("change", function (e) {
        var input = e.target;
        if (!input || input.name !== "msh-" + f.key) return;
        var next = Object.assign({}, state);
        next[f.key] = input.value;
        if (f.key === "meeting") next.aspect = ""; // aspects belong to the chosen meeting
        typingEntryPushed = false;
        commit(next, true);
      });
      ui.fieldsets[f.key] = { fieldset: fs, list: list };
      ui.facets.appendChild(fs);
    });
    ui.filters.appendChild(ui.facets);
    body.appendChild(ui.filters);

    var column = el("div", { class: "msh-find__column" });
    ui.status = el("p", { id: "msh-find-count", class: "msh-find__count", role: "status", "aria-live": "polite" }, "正在加载检索数据…");
    column.appendChild(ui.status);
    ui.results = el("ol", { id: "msh-find-results", class: "msh-find__results", "aria-label": "检索结果" });
    column.appendChild(ui.results);
    ui.more = el("button", { type: "button", class: "msh-find__more", hidden: "" });
    ui.more.addEventListener("click", function () { shown += PAGE_SIZE; update(); });
    column.appendChild(ui.more);
    body.appendChild(column);
    into.appendChild(body);
  }

  function onKeywordInput() {
    if (!dataReady) return; // the typed value is picked up when the data arrives
    var next = Object.assign({}, state, { q: ui.q.value.trim() });
    if (next.q === state.q) return;
    // One history entry per typing burst, not per keystroke.
    commit(next, !typingEntryPushed);
    typingEntryPushed = true;
  }

  // Facet clicks and resets end a typing burst: the next keystroke gets its own history entry.
  function commit(next, push) {
    state = next;
    shown = PAGE_SIZE;
    pagesShown = PAGES_SHOWN;
    update();
    var url = urlFor(state);
    if (push) pushUrl(url); else replaceUrl(url);
  }

  function syncInputs() {
    if (ui.q.value.trim() !== state.q) ui.q.value = state.q;
  }

  function setStatus(text, count) {
    ui.status.textContent = text;
    if (count == null) ui.status.removeAttribute("data-count");
    else ui.status.setAttribute("data-count", String(count));
  }

  function update() {
    if (!dataReady) return;
    if (state.q && textState !== "loaded") { renderWaiting(); return; }
    root.removeAttribute("aria-busy");
    root.classList.remove("msh-find--waiting");
    var outcome = evaluate(state);
    renderFacets(outcome);
    renderResults(outcome);
    if (!firstResultsMarked) { firstResultsMarked = true; mark("msh-find:first-results"); }
  }

  // A keyword before the full texts: no results rather than results from titles and excerpts
  // only; applyTexts() calls update() again. Facet counts stay as they were, dimmed.
  function renderWaiting() {
    if (textState === "waiting") { loadTexts(); if (textState === "loaded") return; } // applyTexts updated
    var failed = textState === "error";
    root.setAttribute("aria-busy", failed ? "false" : "true");
    root.classList.add("msh-find--waiting");
    setStatus(failed ? "全文加载失败（" + textError + "），无法按关键词检索。可以只用筛选条件。" : "正在载入全文…");
    rendered = [];
    ui.results.textContent = "";
    ui.more.hidden = true;
    renderPages(null);
  }

  // The texts arrived while results without a keyword were shown: lengthen their excerpts in
  // place (links and focus untouched).
  function refreshExcerpts() {
    var items = ui.results.children;
    for (var i = 0; i < rendered.length && i < items.length; i++) {
      var excerpt = items[i].querySelector(".msh-find__excerpt");
      if (!excerpt) continue;
      excerpt.textContent = "";
      engine.appendHighlighted(excerpt, excerptSource(rendered[i], []), null);
    }
  }

  function renderFacets(outcome) {
    var chosen = FACETS.filter(function (f) { return state[f.key]; }).length;
    ui.summary.textContent = chosen ? "筛选条件（已选 " + chosen + " 项）" : "筛选条件";
    FACETS.forEach(function (f) {
      var slot = ui.fieldsets[f.key];
      var options = facetOptions[f.key];
      if (f.key === "aspect") options = state.meeting ? aspectOptions(state.meeting) : state.aspect ? aspectEverywhere(state.aspect) : [];
      // Aspects belong to a meeting: none offered until one is chosen, unless the URL already
      // chose an aspect (then it applies in every meeting, and is shown so it can be cleared).
      var idle = f.key === "aspect" && !state.meeting && !state.aspect;
      var everywhere = f.key === "aspect" && !state.meeting && !!state.aspect;
      var listed = options.some(function (o) { return o.value === state[f.key]; });
      // A value from a shared URL that the data no longer has: show it so it can be cleared.
      var extra = state[f.key] && !listed ? { value: state[f.key], label: state[f.key] + "（无此项）" } : null;
      var all = idle ? [] : [{ value: "", label: "全部" }].concat(options, extra ? [extra] : []);
      // Same values as last time (every keystroke): update numbers in place, keep the nodes.
      var signature = (idle ? "idle" : everywhere ? "everywhere" : "") + "\u0000" + all.map(function (o) { return o.value + "\u0001" + o.label; }).join("\u0000");
      if (slot.signature !== signature) {
        slot.signature = signature;
        slot.inputs = [];
        slot.list.textContent = "";
        slot.fieldset.classList.toggle("msh-find__facet--idle", idle);
        if (idle) {
          slot.list.appendChild(el("p", { class: "msh-find__hint" }, "先选择一次会议，再按该会议的对照检查方面筛选。"));
        } else if (everywhere) {
          slot.list.appendChild(el("p", { class: "msh-find__hint" }, "未选会议：这一方面在各次会议中都适用。"));
        }
        all.forEach(function (o) { slot.list.appendChild(option(f.key, o, slot.inputs)); });
      }
      slot.inputs.forEach(function (item) {
        var value = item.input.value;
        var n = value === "" ? outcome.totals[f.key] : (outcome.counts[f.key].get(value) || 0);
        var disabled = value !== "" && n === 0 && value !== state[f.key] && value !== (extra && extra.value);
        item.input.checked = state[f.key] === value;
        item.input.disabled = disabled;
        if (item.count.textContent !== String(n)) {
          item.count.textContent = String(n);
          item.count.setAttribute("aria-label", n + " 条");
        }
      });
    });
  }

  function option(key, o, inputs) {
    var value = o.value;
    var id = "msh-" + key + "-" + (value ? encodeURIComponent(value).replace(/%/g, "_") : "all");
    var wrap = el("div", { class: "msh-find__value" });
    var input = el("input", { type: "radio", name: "msh-" + key, id: id });
    input.value = value;
    var lab = el("label", { for: id });
    if (o.title && o.title !== o.label) lab.setAttribute("title", o.title);
    lab.appendChild(el("span", { class: "msh-find__value-label" }, o.label));
    var count = el("span", { class: "msh-find__value-count" });
    lab.appendChild(count);
    wrap.appendChild(input);
    wrap.appendChild(lab);
    inputs.push({ input: input, count: count });
    return wrap;
  }

  function renderResults(outcome) {
    var results = outcome.results;
    var pages = outcome.pages.length;
    var status = results.length ? "共 " + results.length + " 条结果" + (pages ? "，另有 " + pages + " 个页面" : "")
      : pages ? "没有符合条件的示例和案例；有 " + pages + " 个页面含有关键词。"
        : "没有符合条件的结果。可以减少关键词或放宽筛选条件。";
    setStatus(status, results.length);
    var pattern = outcome.query.pattern;
    renderPages(outcome);
    var frag = document.createDocumentFragment();
    var limit = Math.min(shown, results.length);
    for (var i = 0; i < limit; i++) frag.appendChild(resultItem(results[i], outcome.terms, pattern));
    // As in the build's first view: the browser reports when the first result is painted.
    if (!firstResultsMarked && limit) frag.firstChild.querySelector("h2").setAttribute("elementtiming", "msh-first-result");
    rendered = results.slice(0, limit);
    ui.results.textContent = "";
    ui.results.appendChild(frag);
    var rest = results.length - limit;
    ui.more.hidden = rest <= 0;
    ui.more.textContent = rest > 0 ? "再显示 " + Math.min(PAGE_SIZE, rest) + " 条（还有 " + rest + " 条）" : "";
  }

  function resultItem(r, terms, pattern) {
    var li = el("li", { class: "msh-find__result", "data-record-id": r.id });
    var heading = el("h2", { class: "msh-find__title" });
    var link = el("a", { href: engine.recordUrl(r) });
    engine.appendHighlighted(link, r.title || r.id, pattern);
    heading.appendChild(link);
    li.appendChild(heading);

    var meta = [engine.meetingTitle(r), engine.aspectTitle(r), r.part, r.level, r.unit, r.type === "case" ? "案例" : null]
      .filter(function (x, i, all) { return x && all.indexOf(x) === i; });
    var metaLine = el("p", { class: "msh-find__meta" });
    if (r.draft) {
      li.classList.add("msh-find__result--draft");
      metaLine.appendChild(el("span", { class: "msh-find__draft", title: "草稿：内容尚待核对，引用前请核实" }, "草稿"));
      metaLine.appendChild(document.createTextNode(" "));
    }
    metaLine.appendChild(document.createTextNode(meta.join(" · ")));
    li.appendChild(metaLine);

    var excerpt = el("p", { class: "msh-find__excerpt" });
    var source = excerptSource(r, terms);
    engine.appendHighlighted(excerpt, source, pattern);
    li.appendChild(excerpt);
    return li;
  }

  // The excerpt is cut around the first keyword; a keyword that neither the title nor that cut
  // shows adds a short cut of its own, so every keyword is seen highlighted.
  function excerptSource(r, terms) {
    if (r.text === null) { // before records-text.js: only ever without keywords (see update)
      return r.excerpt + (r.cut ? "…" : "");
    }
    // text is the record's full text (its instance included).
    var tags = r.tags && r.tags.length ? "标签：" + r.tags.join("、") : "";
    return engine.excerpt([r.text || "", tags], r.title, terms, EXCERPT_LENGTH);
  }

  // The pages holding the keyword, above the records (none without a keyword or with a
  // condition): made only when there are some, so the page without a keyword is node for node
  // the build's first view.
  function renderPages(outcome) {
    var pages = outcome ? outcome.pages : [];
    if (!pages.length) {
      if (ui.pages) { ui.pages.remove(); ui.pages = null; }
      return;
    }
    if (!ui.pages) {
      ui.pages = el("section", { class: "msh-find__pages", "aria-labelledby": "msh-find-pages-title" });
      ui.pagesTitle = el("h2", { id: "msh-find-pages-title", class: "msh-find__pages-title" });
      ui.pages.appendChild(ui.pagesTitle);
      ui.pageList = el("ul", { class: "msh-find__page-list" });
      ui.pages.appendChild(ui.pageList);
      ui.pagesMore = el("button", { type: "button", class: "msh-find__pages-more" });
      ui.pagesMore.addEventListener("click", function () { pagesShown = Infinity; update(); });
      ui.pages.appendChild(ui.pagesMore);
      ui.status.parentNode.insertBefore(ui.pages, ui.results);
    }
    ui.pagesTitle.textContent = "页面（" + pages.length + " 个）";
    var frag = document.createDocumentFragment();
    var limit = Math.min(pagesShown, pages.length);
    for (var i = 0; i < limit; i++) frag.appendChild(pageItem(pages[i], outcome.query));
    ui.pageList.textContent = "";
    ui.pageList.appendChild(frag);
    ui.pagesMore.hidden = limit >= pages.length;
    ui.pagesMore.textContent = limit < pages.length ? "显示全部 " + pages.length + " 个页面" : "";
  }

  function pageItem(p, query) {
    var section = engine.pageSection(p, query);
    var li = el("li", { class: "msh-find__page", "data-page-url": p.url });
    var heading = el("h3", { class: "msh-find__title" });
    var link = el("a", { href: engine.pageUrl(p, section) });
    engine.appendHighlighted(link, p.title, query.pattern);
    heading.appendChild(link);
    li.appendChild(heading);
    var where = engine.pagePlace(p, section);
    if (where) li.appendChild(el("p", { class: "msh-find__meta" }, "页面 · " + where));
    var excerpt = el("p", { class: "msh-find__excerpt" });
    engine.appendHighlighted(excerpt, engine.pageExcerpt(p, section, query, EXCERPT_LENGTH), query.pattern);
    li.appendChild(excerpt);
    return li;
  }

  function afterPaint(fn) {
    if (window.requestAnimationFrame) requestAnimationFrame(function () { setTimeout(fn, 0); });
    else setTimeout(fn, 0);
  }

  // ---------------------------------------------------------------- first view

  function hasState(search) {
    var params = new URLSearchParams(search);
    return PARAM_ORDER.some(function (k) { return (params.get(k) || "").trim() !== ""; });
  }

  // The first view's buttons before the data is in: 再显示 is remembered (and says the data is
  // loading), 清除条件 clears what was typed and picked there.
  function holdFirstViewClicks() {
    var more = firstView.querySelector(".msh-find__more");
    if (more) {
      more.addEventListener("click", function () {
        moreBeforeData = true;
        more.disabled = true;
        more.textContent = "正在加载检索数据…";
      });
    }
    var reset = firstView.querySelector(".msh-find__reset");
    if (reset) {
      reset.addEventListener("click", function () {
        firstView.querySelector("#msh-find-q").value = "";
        FACETS.forEach(function (f) {
          var all = firstView.querySelector('input[name="msh-' + f.key + '"][value=""]');
          if (all) all.checked = true;
        });
      });
    }
  }

  // Conditions picked in the first view before the data came: {key: value}.
  function pickedInFirstView() {
    var picked = {};
    FACETS.forEach(function (f) {
      var input = firstView.querySelector('input[name="msh-' + f.key + '"]:checked');
      if (input && input.value) picked[f.key] = input.value;
    });
    if (picked.aspect && !picked.meeting) delete picked.aspect;
    return picked;
  }

  // Put the live view in the first view's place, keeping the filters' fold and the focus (and
  // the caret, in the keyword box).
  function takeOver() {
    var oldFilters = root.querySelector(".msh-find__filters");
    if (oldFilters && ui.filters) ui.filters.open = oldFilters.open;
    var focused = document.activeElement && root.contains(document.activeElement) ? document.activeElement : null;
    var focusId = focused && focused.id;
    var caret = focused && focused === root.querySelector("#msh-find-q") ? [focused.selectionStart, focused.selectionEnd] : null;
    var nodes = document.createDocumentFragment();
    while (live.firstChild) nodes.appendChild(live.firstChild);
    root.textContent = "";
    root.appendChild(nodes);
    root.removeAttribute("data-first-view");
    live = root;
    firstView = null;
    var again = focusId && document.getElementById(focusId);
    if (again) {
      again.focus();
      if (caret) try { again.setSelectionRange(caret[0], caret[1]); } catch (e) { /* not a text field */ }
    }
  }
})();
