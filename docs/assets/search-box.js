/* The search box in the header of every page (overrides/partials/header.html): the few best
 * results of the site's one search engine (assets/search.js, the same data and rule as the
 * 检索 page) under the box as one types; Enter or 全部结果 opens 检索 with the query.
 * An ARIA 1.2 combobox: the input keeps the focus, arrows move the active option
 * (aria-activedescendant), Enter opens it, Esc closes the list (a second Esc clears the box);
 * a polite live region says how many results there are. `/`, `s` or `f` outside a text field
 * puts the focus in the box, as in Material's own search. `?q=` in the URL of a page other than
 * 检索 opens the box with that query.
 * The data is loaded once the page is painted (on 检索 once it has loaded; at once on focus or
 * typing): the same files on every page, so the browser keeps them cached across pages. */
(function () {
  "use strict";

  var box = document.querySelector("[data-msh-search]");
  if (!box || box.hasAttribute("data-started")) return;
  box.setAttribute("data-started", "");
  var engine = window.MSHSearch;
  var form = box.querySelector("form");
  var input = box.querySelector(".msh-search__input");
  var panel = box.querySelector(".msh-search__panel");
  var list = box.querySelector(".msh-search__list");
  var meta = box.querySelector(".msh-search__meta");
  var all = box.querySelector(".msh-search__all");
  var status = box.querySelector(".msh-search__status");
  if (!form || !input || !panel || !list || !meta || !all || !status) return;

  var SHOWN = 8;
  var EXCERPT_LENGTH = 64;
  var findUrl = form.action; // the 检索 page, written by the template (HTTP and file://)
  var loadState = "idle"; // idle, loading, ready or error
  var loadError = "";
  var hits = [];
  var active = -1;
  var query = null;
  var firstResultsMarked = false;
  var announceTimer = 0;
  var rendering = false; // render() is running: the data arriving inside it needs no second one

  // ---------------------------------------------------------------- data

  function startLoading() {
    if (loadState !== "idle") return;
    if (!engine) { loadState = "error"; loadError = "assets/search.js 未能载入"; render(); return; }
    loadState = "loading";
    box.setAttribute("data-state", loadState);
    engine.ready(["texts", "pages"], function (error) {
      loadState = error ? "error" : "ready";
      loadError = error || "";
      box.setAttribute("data-state", loadState);
      mark("msh-search:ready");
      if (!rendering && input.value.trim()) render();
    });
  }

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  function afterPaint(fn) {
    if (window.requestAnimationFrame) requestAnimationFrame(function () { setTimeout(fn, 0); });
    else setTimeout(fn, 0);
  }

  // ---------------------------------------------------------------- results

  function render() {
    rendering = true;
    try { show(); } finally { rendering = false; }
  }

  function show() {
    var q = input.value.trim();
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.textContent = "";
    if (!q) { hits = []; close(); announce(""); return; }
    all.href = findUrl.split("?")[0] + "?q=" + encodeURIComponent(q);
    if (loadState === "idle") startLoading(); // may finish at once (the data already in)
    if (loadState !== "ready") {
      hits = [];
      var text = loadState === "error" ? "搜索数据加载失败（" + loadError + "）。按回车在检索页查找。" : "正在载入搜索数据…";
      meta.textContent = text;
      all.textContent = "在检索页查找";
      open();
      announce(text);
      return;
    }
    var outcome = engine.search(q);
    query = outcome.query;
    hits = outcome.hits;
    var frag = document.createDocumentFragment();
    var limit = Math.min(SHOWN, hits.length);
    for (var i = 0; i < limit; i++) frag.appendChild(option(hits[i], i));
    list.appendChild(frag);
    meta.textContent = hits.length ? (hits.length > limit ? "前 " + limit + " 条，共 " + hits.length + " 条结果" : "共 " + hits.length + " 条结果") : "没有找到含有“" + q + "”的页面或示例。";
    all.textContent = hits.length ? "全部结果（" + hits.length + " 条）" : "在检索页查找";
    open();
    announce(hits.length ? hits.length + " 条结果，上下方向键选择" : "没有结果");
    if (!firstResultsMarked && limit) { firstResultsMarked = true; mark("msh-search:first-results"); }
  }

  function option(hit, n) {
    var li = document.createElement("li");
    li.id = "msh-search-option-" + n;
    li.className = "msh-search__option";
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    var title = part(li, "msh-search__title");
    var where = part(li, "msh-search__where");
    var excerpt = part(li, "msh-search__excerpt");
    var item = hit.item;
    var text;
    if (hit.kind === 0) { // a page
      var section = engine.pageSection(item, query);
      li.setAttribute("data-href", engine.pageUrl(item, section));
      li.setAttribute("data-kind", "page");
      engine.appendHighlighted(title, item.title, query.pattern);
      var place = engine.pagePlace(item, section);
      where.textContent = place ? "页面 · " + place : "页面";
      text = engine.pageExcerpt(item, section, query, EXCERPT_LENGTH);
    } else { // a record
      li.setAttribute("data-href", engine.recordUrl(item));
      li.setAttribute("data-kind", "record");
      li.setAttribute("data-record-id", item.id);
      engine.appendHighlighted(title, item.title || item.id, query.pattern);
      where.textContent = [engine.meetingTitle(item), item.part, item.type === "case" ? "案例" : null, item.draft ? "草稿" : null]
        .filter(function (x, i, xs) { return x && xs.indexOf(x) === i; }).join(" · ");
      var tags = item.tags.length ? "标签：" + item.tags.join("、") : "";
      text = engine.excerpt([item.text || "", tags], item.title, query.terms, EXCERPT_LENGTH);
    }
    engine.appendHighlighted(excerpt, text, query.pattern);
    return li;
  }

  function part(parent, className) {
    var span = document.createElement("span");
    span.className = className;
    parent.appendChild(span);
    return span;
  }

  // The count, for screen readers, once typing pauses.
  function announce(text) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () { status.textContent = text; }, text ? 400 : 0);
  }

  // ---------------------------------------------------------------- open, close, move

  function open() {
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
    box.classList.add("msh-search--open");
  }

  function close() {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    box.classList.remove("msh-search--open");
    setActive(-1);
  }

  function setActive(n) {
    var options = list.children;
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = n;
    if (n < 0 || !options[n]) {
      active = -1;
      input.removeAttribute("aria-activedescendant");
      return;
    }
    options[n].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[n].id);
    if (options[n].scrollIntoView) options[n].scrollIntoView({ block: "nearest" });
  }

  // Down from the box goes to the first option, past the last back to the box (and up alike).
  function move(step) {
    var count = list.children.length;
    if (panel.hidden) { if (input.value.trim()) render(); return; }
    if (!count) return;
    var next = active + step;
    if (active === -1 && step < 0) next = count - 1;
    if (next < -1 || next >= count) next = -1;
    setActive(next);
  }

  function openActive() {
    var chosen = active >= 0 ? list.children[active] : null;
    if (chosen) go(chosen.getAttribute("data-href"));
    else if (input.value.trim()) go(all.href);
  }

  function go(href) {
    if (href) location.href = href;
  }

  // ---------------------------------------------------------------- events

  input.addEventListener("input", function (e) {
    if (e.isComposing) return; // an input method is still composing: wait for its text
    render();
  });
  input.addEventListener("compositionend", render);
  input.addEventListener("focus", function () {
    startLoading();
    if (input.value.trim() && panel.hidden) render();
  });
  input.addEventListener("keydown", function (e) {
    if (e.isComposing) return;
    switch (e.key) {
      case "ArrowDown": e.preventDefault(); move(1); break;
      case "ArrowUp": e.preventDefault(); move(-1); break;
      case "Enter": e.preventDefault(); openActive(); break;
      case "Escape":
        e.preventDefault();
        if (!panel.hidden) close();
        else if (input.value) { input.value = ""; render(); }
        break;
      default:
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); openActive(); });
  // Clicks on the list keep the focus in the box; a click on an option opens it.
  panel.addEventListener("mousedown", function (e) {
    if (!(e.target.closest && e.target.closest("a"))) e.preventDefault();
  });
  list.addEventListener("click", function (e) {
    var item = e.target.closest && e.target.closest("[role=option]");
    if (item) go(item.getAttribute("data-href"));
  });
  box.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !box.contains(e.relatedTarget)) close();
  });
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (e.key !== "/" && e.key !== "s" && e.key !== "f") return;
    var target = document.activeElement;
    if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
    e.preventDefault();
    input.focus();
  });

  // ?q= on any page but 检索 (where q is the page's own keyword) opens the box with it.
  var findPage = !!document.getElementById("msh-find");
  var initial = findPage ? "" : (new URLSearchParams(location.search).get("q") || "").trim();
  if (initial) {
    input.value = initial;
    input.focus({ preventScroll: true });
    startLoading();
    render();
  } else if (!findPage || document.readyState === "complete") {
    // Once the page is painted; on 检索, whose first view comes first, once it has loaded.
    afterPaint(startLoading);
  } else {
    window.addEventListener("load", function () { afterPaint(startLoading); });
  }
})();
