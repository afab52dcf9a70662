/* 自查 page (docs/review.md): the report on a draft, computed here, in the browser; nothing is
 * sent anywhere. The rules are data the build publishes in api/review.js (window.MSH_REVIEW):
 * the text rules of hooks/text, the personal-data rules of hooks/privacy, data/review_rules.yaml,
 * the meetings and the parts of each document type. This file applies them exactly as the Python
 * twin (hooks/review/engine.py, copycheck.py) does, step for step; tests/test_review_browser.py
 * runs both on the same drafts and compares the reports. Change one, change the other.
 *
 * Python's regular expressions come as {re, flags}; compile() rewrites the few escapes whose
 * meaning differs (\d, \s and their negations: Python's exact sets, from the data) and compiles
 * with the `u` flag. Strings are compared and cut like Python's for text in the Basic
 * Multilingual Plane (all of Chinese in use); a character outside it (an emoji) counts as two
 * where a length decides, the one place the two can differ.
 * Data is always text here, never markup: every text goes into the page with textContent.
 */
(function () {
  "use strict";

  // ================================================================ Python-like helpers

  var SYNTAX = "^$\\.*+?()[]{}|/";
  var classCache = null;

  function pyClasses(data) {
    if (!classCache) classCache = data.text.classes;
    return classCache;
  }

  // Python regex source -> JavaScript source for the `u` flag.
  function translate(source, classes) {
    var out = "";
    var inClass = false;
    for (var i = 0; i < source.length; i++) {
      var ch = source[i];
      if (ch === "\\" && i + 1 < source.length) {
        var next = source[i + 1];
        i++;
        if (next === "d") out += inClass ? classes.d : "[" + classes.d + "]";
        else if (next === "D") out += "[^" + classes.d + "]";
        else if (next === "s") out += inClass ? classes.s : "[" + classes.s + "]";
        else if (next === "S") out += "[^" + classes.s + "]";
        else if (/[A-Za-z0-9]/.test(next) || SYNTAX.indexOf(next) >= 0 || (inClass && next === "-")) out += "\\" + next;
        else out += next;  // an escape of a character that needs none (\" \：): JS's u flag refuses those
        continue;
      }
      if (ch === "[" && !inClass) {
        inClass = true;
        out += ch;
        if (source[i + 1] === "^") { out += "^"; i++; }
        continue;
      }
      if (ch === "]" && inClass) inClass = false;
      out += ch;
    }
    return out;
  }

  var compiledCache = new Map();
  // A pattern of the data ({re, flags}) as a RegExp; extra: more flags ("g", "y").
  function compile(pattern, extra) {
    var key = pattern.re + "\u0000" + pattern.flags + "\u0000" + (extra || "");
    var found = compiledCache.get(key);
    if (!found) {
      found = new RegExp(translate(pattern.re, classCache), pattern.flags + "u" + (extra || ""));
      compiledCache.set(key, found);
    }
    return found;
  }
  function rx(source) { return { re: source, flags: "" }; }

  // pattern.search(text): the first match or null.
  function search(pattern, text) { var r = compile(pattern); return r.exec(text); }
  // pattern.match(text, pos): a match starting exactly at pos.
  function matchAt(pattern, text, pos) {
    var r = compile(pattern, "y");
    r.lastIndex = pos || 0;
    return r.exec(text);
  }
  function finditer(pattern, text) {
    var r = compile(pattern, "g");
    r.lastIndex = 0;
    var out = [];
    var m;
    while ((m = r.exec(text)) !== null) {
      out.push(m);
      if (m[0] === "") r.lastIndex += text.codePointAt(r.lastIndex) > 0xffff ? 2 : 1;
    }
    return out;
  }
  function sub(pattern, replacement, text) {
    var r = compile(pattern, "g");
    r.lastIndex = 0;
    return text.replace(r, replacement);
  }

  var spaceRe = null;
  function strip(text) {
    if (!spaceRe) {
      spaceRe = [new RegExp("^[" + classCache.s + "]+", "u"), new RegExp("[" + classCache.s + "]+$", "u")];
    }
    return text.replace(spaceRe[0], "").replace(spaceRe[1], "");
  }
  function stripChars(text, chars, left, right) {
    var start = 0;
    var end = text.length;
    if (left !== false) while (start < end && chars.indexOf(text[start]) >= 0) start++;
    if (right !== false) while (end > start && chars.indexOf(text[end - 1]) >= 0) end--;
    return text.slice(start, end);
  }
  function endsWithAny(text, endings) {
    for (var i = 0; i < endings.length; i++) if (text.endsWith(endings[i])) return true;
    return false;
  }
  function startsWithAny(text, starts, position) {
    for (var i = 0; i < starts.length; i++) if (text.startsWith(starts[i], position || 0)) return true;
    return false;
  }
  // len() of Python: code points.
  function plen(text) {
    if (!/[\uD800-\uDBFF]/.test(text)) return text.length;
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }
  function chars(text) { return Array.from(text); }
  function setOf(list) { return new Set(list); }

  // ================================================================ rapidfuzz (as hooks/text/aspects.py calls it)

  // Indel distance (insertions and deletions): len1 + len2 - 2 × the longest common subsequence.
  function indelDistance(a, b) {
    var n = a.length, m = b.length;
    if (!n || !m) return n + m;
    var previous = new Int32Array(m + 1), current = new Int32Array(m + 1);
    for (var i = 1; i <= n; i++) {
      var ai = a[i - 1];
      for (var j = 1; j <= m; j++) {
        current[j] = ai === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      var swap = previous; previous = current; current = swap;
    }
    return n + m - 2 * previous[m];
  }

  // fuzz.ratio: the normalized Indel similarity × 100, computed as rapidfuzz-cpp does.
  function fuzzRatio(a, b) {
    var lensum = a.length + b.length;
    if (!lensum) return 100;
    return (1.0 - indelDistance(a, b) / lensum) * 100;
  }

  // fuzz_detail::partial_ratio_impl (rapidfuzz-cpp): the best full window of the longer string
  // by distance, then the prefixes and suffixes shorter than the needle; len(s1) <= len(s2).
  function partialRatioImpl(s1, s2, cutoff) {
    var len1 = s1.length, len2 = s2.length;
    var score = 0;
    var inS1 = new Set(s1);
    if (len2 > len1) {
      var maximum = len1 * 2;
      var cutoffDist = Math.ceil(maximum * Math.min(1.0, 1.0 - cutoff / 100 + 0.00001));
      var best = -1;
      for (var start = 0; start < len2 - len1; start++) {
        var d = indelDistance(s1, s2.slice(start, start + len1));
        if (d < cutoffDist) {
          cutoffDist = best = d;
          if (d === 0) return 100;
        }
      }
      if (best >= 0) {
        var windowScore = (1.0 - best / maximum) * 100;
        if (windowScore >= cutoff) cutoff = score = windowScore;
      }
    }
    var i, r;
    for (i = 1; i < len1; i++) {
      if (!inS1.has(s2[i - 1])) continue;
      r = fuzzRatio(s1, s2.slice(0, i));
      if (r >= cutoff && r > score) { cutoff = score = r; if (score === 100) return score; }
    }
    for (i = len2 - len1; i < len2; i++) {
      if (!inS1.has(s2[i])) continue;
      r = fuzzRatio(s1, s2.slice(i));
      if (r >= cutoff && r > score) { cutoff = score = r; if (score === 100) return score; }
    }
    return score;
  }

  function partialRatio(a, b) {
    var s1 = chars(a), s2 = chars(b);
    if (s1.length > s2.length) { var t = s1; s1 = s2; s2 = t; }
    if (!s1.length || !s2.length) return s1.length === s2.length ? 100 : 0;
    var score = partialRatioImpl(s1, s2, 0);
    if (score !== 100 && s1.length === s2.length) {
      var other = partialRatioImpl(s2, s1, Math.max(0, score));
      if (other > score) score = other;
    }
    return score;
  }

  // ================================================================ hooks/text

  function Text(data) {
    var t = data.text;
    this.t = t;
    this.frame = t.aspects.FRAME;
    this.threshold = t.aspects.MATCH_THRESHOLD;
    // Headings are compared with every aspect of every meeting, several times a report: the
    // results are kept (pure functions of their text).
    this.cores = new Map();
    this.similarities = new Map();
    this.templates = t.punctuation.PUNCTUATION_STEPS.map(function (step) {
      return step.to === undefined ? null : step.to.replace(/\$/g, "$$$$").replace(/\\(\d)/g, "$$$1");
    });
  }

  Text.prototype.matchMarker = function (text) {
    var markers = this.t.markers.MARKERS;
    for (var i = 0; i < markers.length; i++) {
      var found = matchAt(markers[i][1], text, 0);
      if (found) return [markers[i][0], strip(found[0]), text.slice(found.index + found[0].length)];
    }
    return null;
  };

  Text.prototype.splitHeading = function (rest) {
    var items = this.t.items;
    if (matchAt(this.t.markers.INLINE_ITEM, rest, 0)) return ["", strip(rest)];
    for (var s = 0; s < items.HEADING_STOPS.length; s++) {
      var position = rest.indexOf(items.HEADING_STOPS[s]);
      if (position > 0 && position <= items.HEADING_MAX) {
        return [strip(rest.slice(0, position)), strip(rest.slice(position + 1))];
      }
    }
    if (plen(rest) <= items.HEADING_MAX) return [stripChars(strip(rest), "：:", false, true), ""];
    return ["", strip(rest)];
  };

  Text.prototype.firstClause = function (text) {
    var position = text.indexOf("。");
    if (position < 0) position = text.length;
    var heading = text.slice(0, position);
    var rest = text.slice(position + 1);
    if (plen(heading) > 60) {
      var comma = heading.indexOf("，", 8);
      if (comma > 0 && comma <= 40) {
        rest = heading.slice(comma + 1) + "。" + rest;
        heading = heading.slice(0, comma);
      }
    }
    return [stripChars(heading, "：: "), strip(rest)];
  };

  Text.prototype.sentences = function (text) {
    return finditer(this.t.items.SENTENCE, text).map(function (m) { return strip(m[0]); })
      .filter(function (s) { return s !== ""; });
  };

  Text.prototype.stripMarkdown = function (text) {
    var md = this.t.markdown;
    var level = 0;
    var heading = matchAt(md.MD_HEADING, text, 0);
    if (heading) {
      level = heading[1].length;
      text = text.slice(heading[0].length);
    }
    var bullet = matchAt(md.MD_BULLET, text, 0);
    if (bullet) text = text.slice(bullet[0].length);
    var bracket = matchAt(md.BRACKET_HEADING, strip(text), 0);
    if (bracket && !level) return [strip(bracket[1]), 2];
    var bold = matchAt(md.MD_BOLD_LINE, text, 0);
    if (bold && (!bold[2] || matchAt(md.NUMBERED, bold[1], 0) || md.BOLD_HEADING_FOLLOWERS.indexOf(bold[2].slice(0, 1)) >= 0)) {
      text = bold[1] + bold[2];
    }
    return [strip(text), level];
  };

  Text.prototype.normalisePunctuation = function (text) {
    var steps = this.t.punctuation.PUNCTUATION_STEPS;
    var templates = this.templates;
    steps.forEach(function (step, index) {
      if (step.chars) {
        var table = step.chars;
        var out = "";
        for (var i = 0; i < text.length; i++) {
          var c = text[i];
          out += Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c;
        }
        text = out;
      } else if (step.map) {
        var map = step.map;
        text = sub(step.re, function (m) { return map[m]; }, text);
      } else {
        text = sub(step.re, templates[index], text);
      }
    });
    return text;
  };

  Text.prototype.partOf = function (heading) {
    var h = this.t.headings;
    for (var i = 0; i < h.PART_WORDS.length; i++) {
      if (search(rx(h.PART_WORDS[i][0]), heading) && plen(heading) <= h.PART_HEADING_MAX) return h.PART_WORDS[i][1];
    }
    return null;
  };

  // hooks.text.aspects.core: the words of a heading that carry its meaning.
  Text.prototype.core = function (text) {
    var known = this.cores.get(text);
    if (known !== undefined) return known;
    var original = text;
    var cut = text.indexOf("方面", 4);
    if (cut > 0 && cut < text.length - 2) text = text.slice(0, cut + 2);
    var previous = null;
    while (previous !== text) {
      previous = text;
      text = sub(this.frame, "", text);
    }
    if (this.cores.size > 50000) this.cores.clear();
    this.cores.set(original, text);
    return text;
  };

  function bigrams(text) {
    var c = chars(text);
    var out = new Set();
    for (var i = 0; i < c.length - 1; i++) out.add(c[i] + c[i + 1]);
    if (!out.size) out.add(text);
    return out;
  }

  Text.prototype.similarity = function (heading, aspect) {
    var key = heading + "\u0000" + aspect.title + "\u0000" + (aspect.short || "");
    var known = this.similarities.get(key);
    if (known === undefined) {
      var words = this.core(heading);
      var self = this;
      known = [aspect.title, aspect.short].filter(function (x) { return x; })
        .reduce(function (best, label) { return Math.max(best, self.score(words, self.core(label))); }, 0.0);
      if (this.similarities.size > 50000) this.similarities.clear();
      this.similarities.set(key, known);
    }
    return known;
  };

  // hooks.text.aspects._score
  Text.prototype.score = function (words, official) {
    if (!words || !official) return 0.0;
    if (words === official) return 1.0;
    var a = this.t.aspects;
    var masks = compile(a.MASK_TOKEN, "g");
    masks.lastIndex = 0;
    if (masks.test(words)) {
      var plain = sub(a.MASK_TOKEN, "", words);
      return Math.max(this.maskedScore(words, official), this.score(plain, official) * 0.9);
    }
    var w = chars(words), o = chars(official);
    var officialFirst = o.length < w.length;  // sorted by length, stable: words first on a tie
    var needle = officialFirst ? o : w, hay = officialFirst ? w : o;
    if (needle.length < a.SHORT) {
      return hay.join("").indexOf(needle.join("")) >= 0 ? 1.0 : 0.5 * fuzzRatio(w, o) / 100;
    }
    var partial = partialRatio(needle.join(""), hay.join("")) / 100;
    var coverage = officialFirst ? 1.0 : Math.min(1.0, needle.length / Math.max(8, Math.min(hay.length, 24)));
    return Math.max(partial * (0.8 + 0.2 * coverage), fuzzRatio(w, o) / 100);
  };

  // hooks.text.aspects._masked_score
  Text.prototype.maskedScore = function (words, official) {
    var plain = chars(sub(this.t.aspects.MASK_TOKEN, "", words));
    var w = chars(words), o = chars(official);
    var masked = w.length - plain.length;
    var matches = (plain.length + o.length - indelDistance(plain, o)) / 2;
    return plain.length ? Math.min(1.0, 2 * (matches + masked) / (w.length + o.length)) : 0.0;
  };

  // hooks.text.aspects.assign
  Text.prototype.assign = function (headings, aspects) {
    var self = this;
    var table = headings.map(function (h) { return aspects.map(function (a) { return self.similarity(h, a); }); });
    var scored = [];
    table.forEach(function (row, i) { row.forEach(function (value, j) { scored.push([value, i, j]); }); });
    scored.sort(function (x, y) { return (y[0] - x[0]) || (x[1] - y[1]) || (x[2] - y[2]); });
    var result = table.map(function (row) { return [null, row.reduce(function (m, v) { return Math.max(m, v); }, 0.0)]; });
    var used = new Set();
    for (var n = 0; n < scored.length; n++) {
      var entry = scored[n];
      if (entry[0] < this.threshold) break;
      if (result[entry[1]][0] === null && !used.has(entry[2])) {
        result[entry[1]] = [aspects[entry[2]], entry[0]];
        used.add(entry[2]);
      }
    }
    return result;
  };

  // ================================================================ hooks/privacy (rule-based scan)

  function Privacy(data) {
    var r = data.privacy;
    this.r = r;
    var sets = {};
    ["SURNAMES", "RARE_SURNAMES", "PUBLIC_NAMES", "PLACEHOLDER_CHARS", "WEAK_SURNAMES", "NOT_IN_GIVEN_NAME", "WORDS_ENDING_IN_SURNAME",
      "NOT_IN_LABELLED_NAME", "DOC_CODE_ENDINGS", "WORDS_BEFORE_NAME_SET", "STRONG_CUT_CHARS", "WEAK_CUT_CHARS",
      "MAY_START_NAME", "NOT_LAST_OF_NAME", "PROVINCES", "ROAD_SUFFIXES", "COMMON_WORDS", "OTHER_WORDS",
      "COMMON_NON_PLACES", "COMMON_NON_TOWNS", "KNOWN_PLACES", "GENERIC_UNIT_NAMES", "NAME_WORDS",
      "UNIT_AFTER_PLACE", "DIVISIONS"].forEach(function (name) {
      sets[name] = setOf(r[name]);
    });
    this.sets = sets;
    this.notAfter = {};
    var self = this;
    Object.keys(r.NOT_AFTER).forEach(function (k) { self.notAfter[k] = setOf(r.NOT_AFTER[k]); });
    this.unitNotAfter = {};
    Object.keys(r.UNIT_NOT_AFTER).forEach(function (k) { self.unitNotAfter[k] = setOf(r.UNIT_NOT_AFTER[k]); });
    this.genericLast = {};
    Object.keys(r.GENERIC_LAST_CHAR).forEach(function (k) { self.genericLast[k] = setOf(r.GENERIC_LAST_CHAR[k]); });
    this.longGenericUnits = r.GENERIC_UNIT_NAMES.filter(function (g) { return plen(g) > 1; });
    this.accepted = setOf(data.accepted);
    this.t2s = data.text.script.T2S;
  }

  // hooks.text.script.to_simplified, character for character (the browser has no OpenCC phrases).
  Privacy.prototype.simplified = function (text) {
    var t2s = this.t2s;
    var out = "", changed = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      var to = Object.prototype.hasOwnProperty.call(t2s, c) ? t2s[c] : c;
      if (to !== c) changed = true;
      out += to;
    }
    return changed ? out : text;
  };

  function isHan(c) { return c >= "\u4e00" && c <= "\u9fff"; }
  function allHan(text) { for (var i = 0; i < text.length; i++) if (!isHan(text[i])) return false; return true; }
  function finding(category, match, start, end, placeholder) {
    return { category: category, match: match, start: start, end: end, placeholder: placeholder };
  }

  Privacy.prototype.hasPlaceholder = function (name) {
    for (var i = 0; i < name.length; i++) if (this.sets.PLACEHOLDER_CHARS.has(name[i])) return true;
    return false;
  };

  Privacy.prototype.scan = function (original) {
    // Traditional characters are read as simplified ones, position for position.
    var text = this.simplified(original);
    var candidates = [].concat(this.codes(text), this.persons(text), this.titledFirst(text), this.personLists(text),
      this.acting(text), this.places(text), this.units(text), this.numberedSchools(text));
    var persons = candidates.filter(function (c) { return c.category === "person"; });
    candidates = candidates.concat(this.listedAfter(text, persons), this.listedBefore(text, persons));
    candidates = candidates.concat(this.bracketedNames(text));
    var kept = [];
    candidates.map(function (f, i) { return [f, i]; })
      .sort(function (x, y) {
        var a = x[0], b = y[0];
        return ((a.start - a.end) - (b.start - b.end)) || (a.start - b.start) || (x[1] - y[1]);
      })
      .forEach(function (pair) {
        var cand = pair[0];
        if (kept.every(function (k) { return cand.end <= k.start || cand.start >= k.end; })) kept.push(cand);
      });
    var found = kept.map(function (f, i) { return [f, i]; })
      .sort(function (x, y) { return (x[0].start - y[0].start) || (x[1] - y[1]); })
      .map(function (pair) { return pair[0]; });
    if (text !== original) {  // report what the text says, in its own characters
      found.forEach(function (f) { f.match = original.slice(f.start, f.end); });
    }
    return found;
  };

  // A name opening a clause and followed by what a person does (王潇代表班子作对照检查).
  Privacy.prototype.acting = function (text) {
    var self = this;
    var found = [];
    finditer(this.r.CLAUSE_START_RE, text).forEach(function (m) {
      var end = m.index + m[0].length;
      for (var length = 3; length >= 2; length--) {
        var name = text.slice(end, end + length);
        if (name.length === length && startsWithAny(text, self.r.ACTING, end + length) && self.looksLikeName(name)) {
          found.push(finding("person", name, end, end + length, "××"));
          break;
        }
      }
    });
    return found;
  };

  // Names that follow a found name in a list (边建红、阴燚、温双伟参加).
  Privacy.prototype.listedAfter = function (text, persons) {
    var found = [];
    var seen = new Set(persons.map(function (f) { return f.end; }));
    var queue = Array.from(seen).sort(function (a, b) { return a - b; });
    while (queue.length) {
      var position = queue.shift();
      if (position >= text.length || "、，,和及".indexOf(text[position]) < 0) continue;
      var name = this.nameAt(text, position + 1, true);
      if (name && !seen.has(position + 1 + name.length)) {
        var end = position + 1 + name.length;
        found.push(finding("person", name, position + 1, end, "××"));
        seen.add(end);
        queue.push(end);
      }
    }
    return found;
  };

  // Names that precede a found name in a list (县领导刘长青、雷玲): three characters unless the first
  // is a weak surname (和王华、李明: 王华).
  Privacy.prototype.listedBefore = function (text, persons) {
    var found = [];
    var seen = new Set(persons.map(function (f) { return f.start; }));
    var queue = Array.from(seen).sort(function (a, b) { return a - b; });
    while (queue.length) {
      var position = queue.shift();
      if (position < 3 || "、和及与".indexOf(text[position - 1]) < 0) continue;
      for (var length = 3; length >= 2; length--) {
        var start = position - 1 - length;
        var name = text.slice(Math.max(0, start), position - 1);
        var surname = this.surnameOf(name);
        if (start >= 0 && this.looksLikeName(name) && !this.sets.WEAK_SURNAMES.has(surname) && !seen.has(start)) {
          found.push(finding("person", name, start, position - 1, "××"));
          seen.add(start);
          queue.push(start);
          break;
        }
      }
    }
    return found;
  };

  // A school named by its place and number (靖边五中): the place must be one the dictionary knows.
  Privacy.prototype.numberedSchools = function (text) {
    var known = this.sets.KNOWN_PLACES;
    var found = [];
    finditer(this.r.NUMBERED_SCHOOL_RE, text).forEach(function (m) {
      var place = m[1];
      var end = m.index + m[0].length;
      if (known.has(place) || known.has(place.slice(-2))) {
        var start = known.has(place) ? m.index : m.index + place.length - 2;
        found.push(finding("unit", text.slice(start, end), start, end, "某学校"));
      }
    });
    return found;
  };

    // A byline of bare names in brackets: （孙南 陈莹莹）.
  Privacy.prototype.bracketedNames = function (text) {
    var self = this;
    var found = [];
    finditer(this.r.BRACKETED_NAMES_RE, text).forEach(function (m) {
      var inner = m[1];
      var start = m.index + m[0].indexOf(inner);
      var names = [];
      var han = /[\u4e00-\u9fff]+/g, n;
      while ((n = han.exec(inner)) !== null) names.push([n.index, n[0]]);
      if (names.length && names.every(function (x) { return x[1].length >= 2 && x[1].length <= 3 && self.looksLikeName(x[1]); })) {
        names.forEach(function (x) { found.push(finding("person", x[1], start + x[0], start + x[0] + x[1].length, "××")); });
      }
    });
    return found;
  };

  Privacy.prototype.codes = function (text) {
    var r = this.r;
    var self = this;
    var found = finditer(r.EMAIL_RE, text).map(function (m) { return finding("email", m[0], m.index, m.index + m[0].length, "［邮箱略］"); });
    found = found.concat(finditer(r.ID_NUMBER_RE, text).map(function (m) { return finding("id_number", m[0], m.index, m.index + m[0].length, "××××××××××××××××××"); }));
    found = found.concat(finditer(r.PHONE_RE, text).map(function (m) { return finding("phone", m[0], m.index, m.index + m[0].length, "×××××××××××"); }));
    finditer(r.DOC_NUMBER_RE, text).forEach(function (m) {
      var start = m.index - self.docCodeBefore(text, m.index).length;
      found.push(finding("doc_number", text.slice(start, m.index + m[0].length), start, m.index + m[0].length, "［文号略］"));
    });
    return found;
  };

  Privacy.prototype.docCodeBefore = function (text, pos) {
    var start = pos;
    while (start > 0 && pos - start < 8 && (isHan(text[start - 1]) || /[A-Za-z]/.test(text[start - 1]))) start--;
    var code = text.slice(start, pos);
    var cut = 0;
    this.r.DOC_CUT_WORDS.forEach(function (w) {
      if (code.indexOf(w) >= 0) cut = Math.max(cut, code.lastIndexOf(w) + w.length);
    });
    code = code.slice(cut).slice(-this.r.DOC_CODE_MAX);
    return code && this.sets.DOC_CODE_ENDINGS.has(code[code.length - 1]) ? code : "";
  };

  Privacy.prototype.persons = function (text) {
    var self = this;
    var found = [];
    finditer(this.r.TITLE_RE, text).forEach(function (m) {
      var name = self.nameBeforeTitle(text, m.index);
      if (name === null) return;
      var start = m.index - name.length;
      var placeholder = m[0] === "同志" ? "××同志" : "××" + m[0];
      found.push(finding("person", text.slice(start, m.index + m[0].length), start, m.index + m[0].length, placeholder));
    });
    return found;
  };

  Privacy.prototype.nameBeforeTitle = function (text, pos) {
    var s = this.sets;
    if (pos === 0 || s.PLACEHOLDER_CHARS.has(text[pos - 1]) || text[pos - 1] === "某") return null;
    var lengths = [3, 2];
    for (var n = 0; n < lengths.length; n++) {
      var length = lengths[n];
      var name = text.slice(Math.max(0, pos - length), pos);
      if (name.length < length || !allHan(name)) continue;
      if (s.PUBLIC_NAMES.has(name) || name.indexOf("某") >= 0) return null;
      var surname = this.surnameOf(name);
      var given = name.slice(surname.length);
      // After a boundary (1、何长生同志, （王刚书记）) the name stands alone: any given name will do.
      var alone = pos - length === 0 || !isHan(text[pos - length - 1]);
      var notGiven = alone ? s.NOT_IN_LABELLED_NAME : s.NOT_IN_GIVEN_NAME;
      if (s.SURNAMES.has(surname) && !s.WEAK_SURNAMES.has(surname) && given &&
          !Array.from(given).some(function (c) { return notGiven.has(c); }) && !s.OTHER_WORDS.has(name) &&
          !s.WORDS_ENDING_IN_SURNAME.has(text.slice(Math.max(0, pos - length - 1), pos - length + 1))) {
        return name;
      }
    }
    var single = text[pos - 1];
    var titled = single + text.slice(pos, pos + 3);
    if (s.SURNAMES.has(single) && !s.WORDS_ENDING_IN_SURNAME.has(text.slice(Math.max(0, pos - 2), pos)) &&
        !startsWithAny(titled, this.r.GENERIC_TITLED) && !startsWithAny(titled, this.r.PUBLIC_NAMES)) {
      return single;
    }
    return null;
  };

  Privacy.prototype.titledFirst = function (text) {
    var self = this;
    var found = [];
    finditer(this.r.TITLE_BEFORE_RE, text).forEach(function (m) {
      var end = m.index + m[0].length;
      var name = self.nameAt(text, end, false);
      if (name) found.push(finding("person", name, end, end + name.length, "××"));
    });
    return found;
  };

  Privacy.prototype.personLists = function (text) {
    var self = this;
    var found = [];
    var separators = this.r.PERSON_LIST_SEPARATORS;
    finditer(this.r.PERSON_LIST_RE, text).forEach(function (m) {
      var position = m.index + m[0].length;
      while (position < text.length) {
        var name = self.nameAt(text, position, true);
        if (!name) break;
        found.push(finding("person", name, position, position + name.length, "××"));
        position += name.length;
        while (position < text.length && separators.indexOf(text[position]) >= 0) position++;
      }
    });
    finditer(this.r.SPEAKER_RE, text).forEach(function (m) {
      var name = m[1];
      var start = m.index + m[0].indexOf(name);  // the group follows only spaces and a line break
      if (self.looksLikeName(name)) found.push(finding("person", name, start, start + name.length, "××"));
    });
    return found;
  };

  Privacy.prototype.nameAt = function (text, position, listed) {
    var lengths = [4, 3, 2];
    for (var n = 0; n < lengths.length; n++) {
      var length = lengths[n];
      var name = text.slice(position, position + length);
      var following = text.slice(position + length, position + length + 1);
      if (name.length === length && this.looksLikeName(name, true) &&
          (!following || startsWithAny(text, this.r.AFTER_NAME, position + length) || (listed && !isHan(following)))) {
        return name;
      }
    }
    return "";
  };

  // A compound surname (欧阳) if the list has one, else the first character (rules.surname_of).
  Privacy.prototype.surnameOf = function (name) {
    return this.sets.SURNAMES.has(name.slice(0, 2)) ? name.slice(0, 2) : name[0];
  };

  // strong: a title or label before it vouches for a name (checker._looks_like_name).
  Privacy.prototype.looksLikeName = function (name, strong) {
    var s = this.sets;
    if (!allHan(name) || s.PUBLIC_NAMES.has(name) || name.indexOf("某") >= 0) return false;
    var surname = this.surnameOf(name);
    var given = name.slice(surname.length);
    var rare = !!strong && s.RARE_SURNAMES.has(surname) && !s.OTHER_WORDS.has(name.slice(0, 2));
    return (s.SURNAMES.has(surname) || rare) && !!given && given.length <= 2 &&
      !Array.from(given).some(function (c) { return s.NOT_IN_LABELLED_NAME.has(c); }) &&
      !s.COMMON_WORDS.has(name) && !this.r.TITLES.some(function (t) { return name.indexOf(t) >= 0; }) &&
      !s.OTHER_WORDS.has(name);
  };

  Privacy.prototype.nameBefore = function (text, pos, floor, maxLen, cutCommon) {
    var s = this.sets;
    var start = pos;
    while (start > floor && pos - start < 8 && isHan(text[start - 1])) start--;
    var win = text.slice(start, pos);
    var cut = 0;
    for (var i = 0; i < win.length - 3; i++) if (s.WORDS_BEFORE_NAME_SET.has(win.slice(i, i + 2))) cut = Math.max(cut, i + 2);
    win = win.slice(cut);
    var rightAfterSuffix = cut === 0 && start === floor && floor > 0;
    for (var j = win.length - 1; j >= 0; j--) {
      var rest = win.slice(j + 1);
      if (s.STRONG_CUT_CHARS.has(win[j])) { win = rest; break; }
      if (s.WEAK_CUT_CHARS.has(win[j]) && rest.length >= 2 &&
          !(j === 0 && rightAfterSuffix && s.MAY_START_NAME.has(win[0]))) { win = rest; break; }
    }
    if (cutCommon !== false) win = this.afterCommonWords(win);
    if (!win || s.NOT_LAST_OF_NAME.has(win[win.length - 1])) return "";
    for (var n = 0; n < this.r.NOT_IN_NAME.length; n++) if (win.indexOf(this.r.NOT_IN_NAME[n]) >= 0) return "";
    return win.slice(-maxLen);
  };

  Privacy.prototype.afterCommonWords = function (win) {
    var common = this.sets.COMMON_WORDS;
    var cut = 0;
    for (var i = 0; i < win.length - 1; i++) {
      for (var j = Math.min(win.length, i + 4); j > i + 1; j--) {
        if (j > cut && common.has(win.slice(i, j))) { cut = j; break; }
      }
    }
    return win.slice(cut);
  };

  Privacy.prototype.isGenericPlace = function (name, suffix) {
    var s = this.sets;
    if (!name || this.hasPlaceholder(name) || endsWithAny(name, this.r.GENERIC_PLACE_ENDINGS) ||
        "和与及或".indexOf(name[name.length - 1]) >= 0) return true;
    // 黄石市 (the dictionary takes 黄石 for a person), 莘县: a division of the national standard
    if (s.DIVISIONS.has(name + suffix) && (name.length >= 2 || suffix === "县")) return false;
    if (name.length < 2) return true;
    if (suffix === "省") return !s.PROVINCES.has(name);
    if (name.length === 2 && "区县市镇乡".indexOf(suffix) >= 0 &&
        ("镇乡".indexOf(suffix) >= 0 ? s.COMMON_NON_TOWNS : s.COMMON_NON_PLACES).has(name)) return true;
    if (s.KNOWN_PLACES.has(name)) return false;  // 蜀山区: a place the dictionary knows, though 山区 is a word
    var last = this.genericLast[suffix];
    return !!last && last.has(name[name.length - 1]);
  };

  Privacy.prototype.places = function (text) {
    var r = this.r;
    var self = this;
    var found = [];
    var floor = 0;
    finditer(r.PLACE_RE, text).forEach(function (m) {
      var suffix = m[0];
      var prevFloor = floor;
      var end = m.index + suffix.length;
      floor = end;
      var notAfter = self.notAfter[suffix];
      if (notAfter && notAfter.has(text.slice(end, end + 1))) return;
      if (startsWithAny(text, r.PLACE_AFTER_PLACE, end) ||
          (r.FEATURE_SUFFIXES.indexOf(suffix) >= 0 && matchAt(r.PLACE_RE, text, end))) {
        floor = prevFloor;  // 黄山路社区, 梨树沟村: one name
        return;
      }
      var maxName = Object.prototype.hasOwnProperty.call(r.MAX_NAME, suffix) ? r.MAX_NAME[suffix] : 4;
      var name = self.nameBefore(text, m.index, prevFloor, maxName, true);
      if (self.isGenericPlace(name, suffix) || self.sets.PUBLIC_NAMES.has(name + suffix)) return;
      if (name.length === 1 && m.index > 1 && isHan(text[m.index - 2])) return;  // 莘县 opening a clause only
      var start = m.index - name.length;
      var number = matchAt(r.ADDRESS_NUMBER_RE, text, end);
      if (self.sets.ROAD_SUFFIXES.has(suffix) && number) {
        found.push(finding("address", text.slice(start, end + number[0].length), start, end + number[0].length, "某路某号"));
      } else if (r.ORGAN_SUFFIXES.indexOf(suffix) >= 0 && startsWithAny(text, r.ORGAN_STARTS, end)) {
        found.push(finding("place", name, start, m.index, "某"));  // 福州|市委组织部: the organ's name stays
      } else {
        found.push(finding("place", text.slice(start, end), start, end, r.PLACE_SUFFIXES[suffix]));
      }
    });
    return found;
  };

  Privacy.prototype.unitCore = function (name) {
    var changed = true;
    while (changed && name) {
      changed = false;
      var stripped = sub(this.r.ORDINAL_RE, "", name);
      for (var i = 0; i < this.r.UNIT_KIND_WORDS.length; i++) {
        var word = this.r.UNIT_KIND_WORDS[i];
        if (stripped.endsWith(word)) { stripped = stripped.slice(0, stripped.length - word.length); break; }
      }
      changed = stripped !== name;
      name = stripped;
    }
    return name;
  };

  Privacy.prototype.units = function (text) {
    var r = this.r;
    var self = this;
    var found = [];
    var floor = 0;
    finditer(r.UNIT_SUFFIX_RE, text).forEach(function (m) {
      var prevFloor = floor;
      var end = m.index + m[0].length;
      floor = end;
      var notAfter = self.unitNotAfter[m[0]];
      if (notAfter && notAfter.has(text.slice(end, end + 1))) return;
      var name = self.nameBefore(text, m.index, prevFloor, r.MAX_UNIT_NAME, false);
      var afterPlace = 0;
      for (var j = 0; j < name.length - 1; j++) if (self.sets.UNIT_AFTER_PLACE.has(name[j])) afterPlace = j + 1;
      if (afterPlace && plen(self.unitCore(name.slice(afterPlace))) >= 2) {  // 平昌县|响滩小学; not 南湖区实验小学
        if (afterPlace === 2) {  // 浚县|浚州小学: a one-character place the places' rule leaves
          var placeStart = m.index - name.length;
          found.push(finding("place", name.slice(0, 2), placeStart, placeStart + 2, r.PLACE_SUFFIXES[name[1]]));
        }
        name = name.slice(afterPlace);
      }
      var core = self.unitCore(name);
      var rest = self.afterCommonWords(core);
      if (rest !== core) {  // 通过小学, 引进大学: no name; 开创大窝中学: 大窝
        if (rest.length < 2) return;
        name = name.slice(core.length - rest.length);
        core = rest;
      }
      if (r.UNITS_NAMED_WITH_TRADE.indexOf(m[0]) >= 0 && core === name) return;  // 领办合作社: no trade, no name
      if (core.length === 2 && r.FIRM_SUFFIXES.indexOf(m[0]) < 0 && self.sets.COMMON_NON_PLACES.has(core) &&
          !self.sets.NAME_WORDS.has(core)) return;  // 夫妻卫生院: a frequent ordinary word, not a name
      var maxCore = "市区县镇村".indexOf(core.slice(-1)) >= 0 ? 6 : 4;
      if (!(core.length >= 2 && core.length <= maxCore) || self.hasPlaceholder(core) ||
          self.sets.GENERIC_UNIT_NAMES.has(core) || "该本各".indexOf(core[core.length - 1]) >= 0 ||
          ("子分母".indexOf(core[core.length - 1]) >= 0 && r.FIRM_SUFFIXES.indexOf(m[0]) >= 0) ||
          endsWithAny(core, self.longGenericUnits)) return;
      var start = m.index - name.length;
      var placeholder = "某单位";
      var keys = Object.keys(r.UNIT_PLACEHOLDERS);
      for (var i = 0; i < keys.length; i++) if (m[0].endsWith(keys[i])) { placeholder = r.UNIT_PLACEHOLDERS[keys[i]]; break; }
      found.push(finding("unit", text.slice(start, end), start, end, placeholder));
    });
    return found;
  };

  // ================================================================ hooks/review/engine.py

  function Engine(data) {
    this.data = data;
    pyClasses(data);
    this.text = new Text(data);
    this.privacy = new Privacy(data);
    this.e = data.engine;
    var rules = data.rules;
    this.stock = rules.stock_phrases.map(function (rule) {
      return [rule, rule.pattern ? rx(rule.pattern) : rx(rule.phrase.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&"))];
    });
    this.concrete = rules.concrete.map(function (rule) { return [rule.kind, rx(rule.pattern)]; });
    this.pseudo = rules.pseudo_criticism.map(function (rule) {
      return [rule.id, rx(rule.pattern), rule.unless ? rx(rule.unless) : null];
    });
    this.meetings = data.meetings;
    this.allAspects = [];
    var self = this;
    data.meetings.forEach(function (m) { self.allAspects = self.allAspects.concat(m.aspects); });
  }

  Engine.prototype.readLines = function (text) {
    var self = this;
    return text.split(compile(this.e.LINE_BREAK, "g")).map(function (raw, index) {
      var stripped = strip(raw);
      var md = stripped ? self.text.stripMarkdown(stripped) : ["", 0];
      return { no: index + 1, raw: raw, text: strip(self.text.normalisePunctuation(md[0])), md: md[1] };
    });
  };

  // The first line, if it reads as a title: short, no number, no sentence end, and naming a
  // document type, or else not a part or aspect heading (存在的问题, 在…方面).
  Engine.prototype.findTitle = function (lines) {
    var first = null;
    for (var i = 0; i < lines.length; i++) if (lines[i].text) { first = lines[i]; break; }
    if (!first) return null;
    if (first.md === 1) return first;
    var text = first.text;
    var types = this.data.rules.types;
    var namesType = [types.minutes_title, types.criticism_title, types.personal_title, types.group_title]
      .some(function (p) { return !!search(rx(p), text); });
    if (this.text.matchMarker(text) === null && plen(text) <= this.e.TITLE_MAX && !endsWithAny(text, this.e.TITLE_STOPS) &&
        !matchAt(this.data.header_field, text, 0) && !matchAt(this.data.text.markers.INLINE_ITEM, text, 0) &&
        (namesType || !(this.isPartLine(text) || this.isAspectLine(text)))) return first;
    return null;
  };

  Engine.prototype.headingPart = function (heading) {
    return search(this.e.NOT_A_PART_HEADING, heading) ? null : this.text.partOf(heading);
  };

  Engine.prototype.isPartLine = function (text) {
    var t = this.data.text;
    return plen(text) <= t.headings.PART_HEADING_MAX && this.headingPart(text) !== null &&
      !search(t.headings.ASPECT_HEADING, text) && !matchAt(t.markers.INLINE_ITEM, text, 0) &&
      !matchAt(this.data.header_field, text, 0);
  };

  Engine.prototype.isAspectLine = function (text) {
    var t = this.data.text;
    return plen(text) <= t.items.HEADING_MAX && !search(this.e.NOT_AN_ASPECT_LINE, text) &&
      !!(search(t.headings.ASPECT_HEADING, text) || matchAt(this.e.ASPECT_LEAD, text, 0)) &&
      !matchAt(t.markers.INLINE_ITEM, text, 0) && !matchAt(this.data.header_field, text, 0);
  };

  Engine.prototype.hasContent = function (node) {
    return node.children.length > 0 || node.body.some(function (b) { return b[0] !== node.line; }) ||
      this.inlineItems(node.body).length > 0;
  };

  function Node(line, rank, marker, heading, body) {
    this.line = line;
    this.rank = rank;
    this.marker = marker;
    this.heading = heading;
    this.body = body || [];
    this.children = [];
  }

  Engine.prototype.parse = function (lines, title) {
    var root = new Node(0, 0, "", "");
    var stack = [root];
    var headingMax = this.data.text.items.HEADING_MAX;
    var runTogether = compile(this.data.text.markers.RUN_TOGETHER, "g");
    var pieces = [];
    lines.forEach(function (line) {
      if (!line.text || line === title) return;
      line.text.split(runTogether).forEach(function (piece) { if (strip(piece)) pieces.push([line, strip(piece)]); });
    });
    for (var i = 0; i < pieces.length; i++) {
      var line = pieces[i][0];
      var text = pieces[i][1];
      var found = this.text.matchMarker(text);
      var rank, marker, heading, body;
      if (found) {
        rank = found[0];
        marker = found[1];
        var split = this.text.splitHeading(found[2]);
        heading = split[0];
        body = split[1];
        if (!heading) {
          split = this.text.firstClause(found[2]);
          heading = split[0];
          body = split[1];
        }
      } else if (line.md >= 2 && plen(text) <= headingMax) {
        rank = line.md - 1;
        marker = "#".repeat(line.md);
        heading = text;
        body = "";
      } else if (this.isPartLine(text)) {
        rank = this.e.UNNUMBERED_PART_RANK;
        marker = "";
        heading = stripChars(text, "：:", false, true);
        body = "";
      } else if (this.isAspectLine(text)) {
        rank = this.e.UNNUMBERED_ASPECT_RANK;
        marker = "";
        heading = stripChars(text, "：:", false, true);
        body = "";
      } else {
        stack[stack.length - 1].body.push([line.no, text]);
        continue;
      }
      while (stack[stack.length - 1].rank >= rank && stack.length > 1) stack.pop();
      var node = new Node(line.no, rank, marker, heading, body ? [[line.no, body]] : []);
      stack[stack.length - 1].children.push(node);
      stack.push(node);
    }
    return root;
  };

  function Item(line, marker, heading, text, lines) {
    this.line = line;
    this.marker = marker;
    this.heading = heading;
    this.text = text;
    this.lines = lines;
  }
  Item.prototype.full = function () { return this.text ? this.heading + "。" + this.text : this.heading; };

  Engine.prototype.inlineItems = function (paragraphs) {
    var items = [];
    var inline = this.data.text.markers.INLINE_ITEM;
    for (var p = 0; p < paragraphs.length; p++) {
      var number = paragraphs[p][0];
      var paragraph = paragraphs[p][1];
      var starts = finditer(inline, paragraph);
      if (!starts.length) {
        if (items.length) {
          items[items.length - 1].text += paragraph;
          items[items.length - 1].lines.push(number);
        }
        continue;
      }
      var head = strip(paragraph.slice(0, starts[0].index));
      if (items.length && head) {
        items[items.length - 1].text += head;
        items[items.length - 1].lines.push(number);
      }
      for (var i = 0; i < starts.length; i++) {
        var end = i + 1 < starts.length ? starts[i + 1].index : paragraph.length;
        var clause = this.text.firstClause(strip(paragraph.slice(starts[i].index + starts[i][0].length, end)));
        items.push(new Item(number, strip(starts[i][0]), clause[0], clause[1], [number]));
      }
    }
    return items;
  };

  function bodyText(node) { return node.body.map(function (b) { return b[1]; }).join(""); }
  function bodyLines(node) {
    return [node.line].concat(node.body.map(function (b) { return b[0]; }).filter(function (n) { return n !== node.line; }));
  }

  Engine.prototype.itemsOf = function (node) {
    var items = this.inlineItems(node.body);
    for (var i = 0; i < node.children.length; i++) {
      var child = node.children[i];
      var childItems = this.itemsOf(child);
      if (childItems.length) items = items.concat(childItems);
      else items.push(new Item(child.line, child.marker, child.heading, bodyText(child), bodyLines(child)));
    }
    return items;
  };

  function linesOf(node) {
    var numbers = node.line ? [node.line] : [];
    node.body.forEach(function (b) { if (b[0] !== node.line) numbers.push(b[0]); });
    node.children.forEach(function (child) { numbers = numbers.concat(linesOf(child)); });
    return numbers;
  }

  Engine.prototype.bodyItem = function (node) {
    if (!node.body.length) return [];
    var clause = this.text.firstClause(bodyText(node));
    return [new Item(node.body[0][0], "", clause[0], clause[1], node.body.map(function (b) { return b[0]; }))];
  };

  Engine.prototype.leaf = function (node) {
    return new Item(node.line, node.marker, node.heading, bodyText(node), bodyLines(node));
  };

  Engine.prototype.analyse = function (source, options) {
    options = options || {};
    var self = this;
    var text = this.text;
    var t = this.data.text;
    var lines = this.readLines(source);
    var title = this.findTitle(lines);
    var titleText = title ? title.text : "";
    var texts = lines.filter(function (l) { return l.text && l !== title; }).map(function (l) { return l.text; });
    var root = this.parse(lines, title);

    function aspectLike(heading) {
      if (search(t.headings.ASPECT_HEADING, heading) || matchAt(self.e.ASPECT_LEAD, heading, 0)) return true;
      for (var i = 0; i < self.allAspects.length; i++) if (text.similarity(heading, self.allAspects[i]) >= t.aspects.MATCH_THRESHOLD) return true;
      return false;
    }
    var linePart = new Map();
    var foundParts = [];
    var groups = [];
    var items = [];
    function setPart(node, part) { linesOf(node).forEach(function (n) { linePart.set(n, part); }); }
    function add(list, part, group) { list.forEach(function (item) { items.push([item, part, group]); }); }
    function addGroup(node, part) {
      var own = self.itemsOf(node);
      var group = { node: node, items: own.length ? own : self.bodyItem(node) };
      groups.push(group);
      add(group.items, part, group);
    }

    add(this.inlineItems(root.body), null, null);
    root.children.forEach(function (node) {
      var own = self.headingPart(node.heading);
      if (own === "问题" && search(t.headings.ASPECT_HEADING, node.heading)) own = null;
      if (own) {
        foundParts.push([own, node]);
        setPart(node, own);
        node.children.forEach(function (child) {
          var childPart = self.headingPart(child.heading);
          if (childPart) foundParts.push([childPart, child]);
        });
        if (own === "问题") {
          add(self.inlineItems(node.body), own, null);
          node.children.forEach(function (child) {
            if (self.hasContent(child) || search(t.headings.ASPECT_HEADING, child.heading) || matchAt(self.e.ASPECT_LEAD, child.heading, 0)) {
              addGroup(child, own);
            } else {
              add([self.leaf(child)], own, null);
            }
          });
        } else {
          add(self.itemsOf(node), own, null);
        }
      } else if (aspectLike(node.heading)) {
        if (!foundParts.some(function (f) { return f[0] === "问题"; })) foundParts.push(["问题", node]);
        setPart(node, "问题");
        addGroup(node, "问题");
      } else {
        setPart(node, null);
        var own2 = self.itemsOf(node);
        add(own2.length ? own2 : [self.leaf(node)], null, null);
      }
    });

    var kind = this.documentType(titleText, texts, options.type);
    var defaultPart = kind[0] === this.e.PIPING ? "批评意见" : null;
    items = items.map(function (entry) { return [entry[0], entry[1] || defaultPart, entry[2]]; });
    var opinions = new Map();
    items.forEach(function (entry) {
      if (entry[1] !== null && entry[1] !== "批评意见") return;
      var full = entry[0].full();
      var found = matchAt(t.headings.CRITICISM, full, 0) || matchAt(t.headings.BRIEF_CRITICISM, full, 0);
      if (found) {
        entry[1] = "批评意见";
        opinions.set(entry[0], found[3]);
      }
    });
    var partAt = new Map();
    lines.forEach(function (line) { partAt.set(line.no, linePart.get(line.no) || defaultPart); });
    var headings = groups.map(function (g) { return g.node.heading; });
    var chosen = this.meeting(lines, headings, options.meeting);

    var report = {
      title: titleText, title_line: title ? title.no : null,
      type: kind[0], type_from: kind[1], meeting: chosen[0].id, meeting_from: chosen[1]
    };
    report.parts = this.parts((this.data.parts[kind[0]] || {})[chosen[0].id] || [], foundParts, allHeadings(root), title, lines,
      kind[0] === this.e.JILU);
    var aspects = this.aspects(chosen[0], groups);
    report.aspects = aspects[0];
    report.foreign = aspects[1];
    report.unmatched = aspects[2];
    var assigned = chosen[0].aspects.length ? text.assign(headings, chosen[0].aspects) : [];
    var groupAspect = new Map();
    groups.forEach(function (g, i) { groupAspect.set(g, assigned[i] ? assigned[i][0] : null); });
    report.items = items.map(function (entry) {
      return self.itemReport(entry[0], entry[1], entry[2] ? groupAspect.get(entry[2]) : null,
        opinions.has(entry[0]) ? opinions.get(entry[0]) : null);
    });
    report.stock_phrases = this.stockPhrases(lines, title, partAt);
    report.personal_data = [];
    lines.forEach(function (line) {
      if (!line.text) return;
      self.privacy.scan(line.raw).forEach(function (f) {
        if (!self.privacy.accepted.has(f.match)) report.personal_data.push({ line: line.no, text: f.match, category: f.category });
      });
    });
    var share = this.share(lines, title, partAt);
    report.share_problems_causes = share[0];
    report.chars = share[1];
    return report;
  };

  // The type from the title, else from the content (data/review_rules.yaml, types).
  Engine.prototype.documentType = function (title, texts, given) {
    if (given) return [given, "given"];
    var e = this.e;
    var types = this.data.rules.types;
    var byTitle = [[types.minutes_title, e.JILU], [types.criticism_title, e.PIPING], [types.personal_title, e.GEREN],
      [types.group_title, e.BANZI]];
    for (var i = 0; i < byTitle.length; i++) {
      if (title && search(rx(byTitle[i][0]), title) && !(byTitle[i][1] === e.PIPING && title.indexOf("对照检查") >= 0)) {
        return [byTitle[i][1], "title"];
      }
    }
    var header = this.data.header_field;
    if (texts.slice(0, e.HEADER_SCAN).filter(function (t) { return !!matchAt(header, t, 0); }).length >= types.header_lines) {
      return [e.JILU, "content"];
    }
    var body = texts.join("");
    var first = finditer(rx(types.first_person), body).length;
    var collective = finditer(rx(types.collective), body).length;
    if (finditer(rx(types.second_person), body).length > first + collective) return [e.PIPING, "content"];
    return [first > collective ? e.GEREN : e.BANZI, "content"];
  };

  Engine.prototype.meeting = function (lines, headings, given) {
    var self = this;
    if (given) {
      var chosen = this.meetings.filter(function (m) { return m.id === given; })[0];
      if (chosen) return [chosen, "given"];
    }
    var rules = this.data.rules.meeting;
    var firstLines = lines.filter(function (l) { return l.text; }).slice(0, rules.lines).map(function (l) { return l.text; });
    var years = new Set();
    firstLines.forEach(function (text) { finditer(rx(rules.year), text).forEach(function (m) { years.add(parseInt(m[1], 10)); }); });
    var flatten = this.e.THEME_FLATTEN;
    var flat = sub(flatten, "", lines.map(function (l) { return l.text; }).join(""));
    var size = rules.theme_chars;
    var best = null, bestKey = null, source = "latest";
    var themes = this.meetings.map(function (m) { return m.themes.map(function (t) { return sub(flatten, "", t); }); });
    this.meetings.forEach(function (candidate, index) {
      var yearHit = years.has(candidate.year);
      // Only the runs of a theme that no other meeting's theme has tell which one is quoted.
      var others = [];
      themes.forEach(function (own, j) { if (j !== index) others = others.concat(own); });
      others = others.join("\n");
      var themeHit = 0;
      themes[index].forEach(function (t) {
        for (var i = 0; i + size <= t.length; i++) {
          var run = t.slice(i, i + size);
          if (flat.indexOf(run) >= 0 && others.indexOf(run) < 0) themeHit++;
        }
      });
      var aspectHits = 0;
      if (candidate.aspects.length) self.text.assign(headings, candidate.aspects).forEach(function (r) { if (r[0]) aspectHits++; });
      var key = [yearHit ? 1 : 0, themeHit, aspectHits, -index];
      if (bestKey === null || compareKeys(key, bestKey) > 0) {
        best = candidate;
        bestKey = key;
        source = yearHit ? "year" : themeHit ? "theme" : aspectHits ? "aspects" : "latest";
      }
    });
    return [best, source];
  };

  function compareKeys(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  function allHeadings(node) {
    var out = [];
    node.children.forEach(function (child) { out.push(child); out = out.concat(allHeadings(child)); });
    return out;
  }

  // Most of a part's words in one sentence (minutes say 会议通报了上年度…, no heading).
  Engine.prototype.covers = function (sentence, name) {
    var words = this.text.core(name);
    var wanted = bigrams(words);
    var have = bigrams(this.text.core(sentence));
    var common = 0;
    wanted.forEach(function (g) { if (have.has(g)) common++; });
    return plen(words) >= 2 && common >= this.e.PROSE_PART_SHARE * wanted.size;
  };

  Engine.prototype.parts = function (required, found, headings, title, lines, prose) {
    var self = this;
    var header = this.data.header_field;
    var threshold = this.data.text.aspects.MATCH_THRESHOLD;
    var text = this.text;
    var named = (title ? [[title.no, title.text]] : []).concat(headings.map(function (n) { return [n.line, n.heading]; }));
    var out = [];
    var last = 0;
    required.forEach(function (part) {
      var line = null;
      var i;
      if (part.fields.length) {
        for (i = 0; i < lines.length; i++) if (lines[i].text && matchAt(header, lines[i].text, 0)) { line = lines[i].no; break; }
      }
      if (line === null && part.part) {
        for (i = 0; i < found.length; i++) if (found[i][0] === part.part) { line = found[i][1].line; break; }
      }
      if (line === null && !part.fields.length) {
        var wording = { title: part.name, short: null };
        for (i = 0; i < named.length; i++) if (text.similarity(named[i][1], wording) >= threshold) { line = named[i][0]; break; }
      }
      if (line === null && prose && !part.fields.length) {
        for (i = 0; i < lines.length && line === null; i++) {
          if (!lines[i].text || lines[i] === title) continue;
          if (text.sentences(lines[i].text).some(function (sentence) { return self.covers(sentence, part.name); })) line = lines[i].no;
        }
      }
      out.push({ name: part.name, found: line !== null, line: line, in_order: line === null || line >= last });
      if (line !== null) last = Math.max(last, line);
    });
    return out;
  };

  Engine.prototype.aspects = function (meeting, groups) {
    var text = this.text;
    var headings = groups.map(function (g) { return g.node.heading; });
    var assigned = meeting.aspects.length ? text.assign(headings, meeting.aspects) : groups.map(function () { return [null, 0.0]; });
    var aspects = meeting.aspects.map(function (aspect) {
      var mine = [];
      groups.forEach(function (g, i) { if (assigned[i][0] === aspect) mine.push([g, assigned[i][1]]); });
      var count = 0;
      mine.forEach(function (m) { count += m[0].items.length; });
      return { id: aspect.id, title: aspect.title, found: mine.length > 0,
        line: mine.length ? mine[0][0].node.line : null, heading: mine.length ? mine[0][0].node.heading : null,
        score: mine.length ? Math.trunc(mine[0][1] * 100) : null, items: count };
    });
    var foreign = [];
    var unmatched = [];
    var threshold = this.data.text.aspects.MATCH_THRESHOLD;
    var self = this;
    groups.forEach(function (group, i) {
      if (assigned[i][0] !== null) return;
      var heading = group.node.heading;
      var best = null, bestScore = 0.0;
      self.meetings.forEach(function (other) {
        if (other.id === meeting.id) return;
        other.aspects.forEach(function (candidate) {
          var score = text.similarity(heading, candidate);
          if (score > bestScore) { best = [other, candidate]; bestScore = score; }
        });
      });
      if (best !== null && bestScore >= threshold) {
        foreign.push({ line: group.node.line, heading: heading, meeting: best[0].id, aspect: best[1].id,
          title: best[1].title, score: Math.trunc(bestScore * 100) });
      } else {
        unmatched.push({ line: group.node.line, heading: heading });
      }
    });
    return [aspects, foreign, unmatched];
  };

  Engine.prototype.itemReport = function (item, part, aspect, opinion) {
    var full = opinion === null ? item.full() : opinion;
    var kinds = [];
    this.concrete.forEach(function (rule) { if (search(rule[1], full)) kinds.push(rule[0]); });
    var lead = search(this.data.text.items.INSTANCE_LEAD, full);
    if (lead && plen(full) - plen(full.slice(0, lead.index + lead[0].length)) > 4) kinds.push("例如");  // 例如 followed by a case
    var stock = [];
    this.stock.forEach(function (rule) {
      var parts = rule[0].parts;
      if ((!parts || parts.indexOf(part) >= 0) && search(rule[1], full) && stock.indexOf(rule[0].phrase) < 0) stock.push(rule[0].phrase);
    });
    var report = { line: item.line, lines: item.lines, part: part, aspect: aspect ? aspect.id : null, marker: item.marker,
      title: item.heading, concrete: kinds.length > 0, evidence: kinds, stock: stock };
    if (part === "批评意见") {
      report.pseudo = this.pseudo.filter(function (rule) {
        return search(rule[1], full) && !(rule[2] && search(rule[2], full));
      }).map(function (rule) { return rule[0]; });
    }
    return report;
  };

  Engine.prototype.stockPhrases = function (lines, title, partAt) {
    var stock = this.stock;
    var found = [];
    lines.forEach(function (line) {
      if (!line.text || line === title) return;
      var part = partAt.get(line.no);
      stock.forEach(function (rule) {
        if (rule[0].parts && rule[0].parts.indexOf(part) < 0) return;
        finditer(rule[1], line.text).forEach(function (m) {
          if (m[0]) found.push({ line: line.no, phrase: rule[0].phrase, text: m[0] });
        });
      });
    });
    return found;
  };

  Engine.prototype.share = function (lines, title, partAt) {
    var total = 0, problems = 0, causes = 0;
    lines.forEach(function (line) {
      if (!line.text || line === title) return;
      var size = plen(line.text);
      total += size;
      var part = partAt.get(line.no);
      if (part === "问题") problems += size;
      if (part === "原因") causes += size;
    });
    var share = null;
    if (total && (problems || causes)) share = Math.floor(((problems + causes) * 1000 + Math.floor(total / 2)) / total) / 1000;
    return [share, { problems: problems, causes: causes, total: total }];
  };

  // ================================================================ hooks/review/copycheck.py

  function significant(text, pattern, lineBreak, withLines) {
    var lines = withLines ? [] : null;
    var out = "";
    var parts = text.split(lineBreak);
    var keep = compile(pattern, "g");
    for (var n = 0; n < parts.length; n++) {
      keep.lastIndex = 0;
      var kept = parts[n].match(keep);
      if (!kept) continue;
      var joined = kept.join("");
      out += joined;
      if (withLines) for (var k = 0; k < joined.length; k++) lines.push(n + 1);
    }
    return [out, lines];
  }

  var BASE = 1000003;

  function sameRun(a, i, b, k, size) {
    for (var t = 0; t < size; t++) if (a.charCodeAt(i + t) !== b.charCodeAt(k + t)) return false;
    return true;
  }

  // Passages of the draft repeating a record or the earlier draft (see copycheck.py).
  Engine.prototype.copied = function (source, library, previous) {
    var data = this.data;
    var size = data.rules.copy.shingle;
    var minimum = data.rules.copy.min_chars;
    var lineBreak = compile(this.e.LINE_BREAK, "g");
    var pattern = data.copy_chars;
    var drafted = significant(source, pattern, lineBreak, true);
    var draft = drafted[0];
    var lineOf = drafted[1];
    var officialMask = this.officialMask(draft, size, lineBreak);
    var needed = Math.max(1, minimum - size + 1);
    // The draft's runs of `size` characters by rolling hash: each distinct run once, with every
    // position it has. A bit table answers "no" for most of a source's runs at once.
    var top = 1;
    for (var p = 1; p < size; p++) top = Math.imul(top, BASE);
    var MASK = (1 << 20) - 1;
    var bits = new Uint32Array((MASK + 1) >>> 5);
    var table = new Map();
    function rolling(text, visit) {
      var h = 0;
      for (var i = 0; i < text.length; i++) {
        if (i >= size) h = (h - Math.imul(text.charCodeAt(i - size), top)) | 0;
        h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
        if (i >= size - 1) visit(h & 0x3fffffff, i - size + 1);
      }
    }
    rolling(draft, function (h, i) {
      bits[(h & MASK) >>> 5] |= 1 << (h & 31);
      var entries = table.get(h);
      if (!entries) table.set(h, entries = []);
      for (var n = 0; n < entries.length; n++) {
        if (sameRun(draft, entries[n].at, draft, i, size)) { entries[n].positions.push(i); return; }
      }
      entries.push({ at: i, positions: [i] });
    });
    var hits = [];  // per source position: the draft positions of its run (null: none)
    var maybe = [];  // per source position: the draft's entries with its hash (not yet checked)
    // Diagonals in typed arrays: for draft position q, the start of the diagonal that reached it
    // at source step stamp[q] (two of each, for the previous step and this one).
    var starts = [new Int32Array(draft.length + 1), new Int32Array(draft.length + 1)];
    var stamps = [new Int32Array(draft.length + 1).fill(-1), new Int32Array(draft.length + 1).fill(-1)];
    var step = 0;  // counts source positions across every source, so stamps need no reset
    // The longest passage found from each draft position, and its source (the first on ties).
    var bestEnd = new Int32Array(draft.length);
    var bestSource = new Int32Array(draft.length);
    function ended(start, end, source) {
      if (end - start >= minimum && end > bestEnd[start] && ownChars(officialMask, start, end, size) >= minimum) {
        bestEnd[start] = end;
        bestSource[start] = source;
      }
    }
    function diagonals(first, end, source) {
      for (var j = first; j < end; j++, step++) {
        var now = step & 1, before = now ^ 1;
        var list = hits[j];
        for (var n = 0; n < list.length; n++) {
          var q = list[n];
          var continues = j > first && q > 0 && stamps[before][q - 1] === step - 1;
          starts[now][q] = continues ? starts[before][q - 1] : q;
          stamps[now][q] = step;
        }
        if (j > first) {
          var previousList = hits[j - 1];
          for (var m = 0; m < previousList.length; m++) {
            var e = previousList[m];
            if (stamps[now][e + 1] !== step) ended(starts[before][e], e + size, source);
          }
        }
      }
      var lastList = hits[end - 1], last = (step - 1) & 1;
      for (var k = 0; k < lastList.length; k++) ended(starts[last][lastList[k]], lastList[k] + size, source);
      step++;  // a gap: no diagonal continues into the next stretch
    }
    // Each stretch of at least `needed` consecutive set positions of list[from..to), to `then`.
    function stretches(list, from, to, then) {
      var j = from;
      while (j < to) {
        if (!list[j]) { j++; continue; }
        var end = j;
        while (end < to && list[end]) end++;
        if (end - j >= needed) then(j, end);
        j = end;
      }
    }
    function passages(text, source) {
      var count = text.length - size + 1;
      if (count <= 0) return;
      maybe.length = count;
      hits.length = count;
      var h = 0;
      for (var i = 0; i < text.length; i++) {
        if (i >= size) h = (h - Math.imul(text.charCodeAt(i - size), top)) | 0;
        h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
        if (i < size - 1) continue;
        var key = h & 0x3fffffff;
        maybe[i - size + 1] = (bits[(key & MASK) >>> 5] & (1 << (key & 31))) ? table.get(key) || null : null;
      }
      // Hash hits are checked against the text only where enough of them follow each other for
      // a passage: most of a source's hits are short phrases and never need it.
      stretches(maybe, 0, count, function (from, to) {
        for (var j = from; j < to; j++) {
          var entries = maybe[j];
          hits[j] = null;
          for (var n = 0; n < entries.length; n++) {
            if (sameRun(text, j, draft, entries[n].at, size)) { hits[j] = entries[n].positions; break; }
          }
        }
        stretches(hits, from, to, function (a, b) { diagonals(a, b, source); });
      });
    }
    function collect() {
      var out = [];
      for (var start = 0; start < draft.length; start++) {
        if (bestEnd[start]) { out.push([start, bestEnd[start], bestSource[start]]); bestEnd[start] = 0; }
      }
      return longestFirst(out);
    }
    if (!library.sig) {  // made once per page: letters and digits only (line breaks go too)
      var drop = this.notCopyChars();
      library.sig = library.records.map(function (r) { return r[1].replace(drop, ""); });
    }
    for (var r = 0; r < library.sig.length; r++) passages(library.sig[r], r);
    var found = collect().map(function (c) { return passage(c[0], c[1], library.records[c[2]][0], false, lineOf); });
    if (previous) {
      passages(significant(previous, pattern, lineBreak, false)[0], 0);
      collect().forEach(function (c) { found.push(passage(c[0], c[1], null, true, lineOf)); });
    }
    return found.map(function (f, i) { return [f, i]; })
      .sort(function (a, b) { return (a[0].start - b[0].start) || ((a[0].previous ? 1 : 0) - (b[0].previous ? 1 : 0)) || (a[1] - b[1]); })
      .map(function (pair) { return pair[0]; });
  };

  function ownChars(official, start, end, size) {
    var own = 0, stretch = 0;
    for (var k = start; k <= end; k++) {
      if (k < end && !official[k]) { stretch++; continue; }
      if (stretch >= size) own += stretch;
      stretch = 0;
    }
    return own;
  }

  function longestFirst(candidates) {
    var sorted = candidates.map(function (c, i) { return [c, i]; }).sort(function (x, y) {
      var a = x[0], b = y[0];
      return ((a[0] - a[1]) - (b[0] - b[1])) || (a[0] - b[0]) || (a[2] - b[2]) || (x[1] - y[1]);
    });
    var kept = [];
    sorted.forEach(function (pair) {
      var c = pair[0];
      if (kept.every(function (k) { return c[1] <= k[0] || c[0] >= k[1]; })) kept.push(c);
    });
    return kept;
  }

  // Everything the copy check leaves out, as one pattern: the complement of copy_chars (a class).
  Engine.prototype.notCopyChars = function () {
    var source = this.data.copy_chars.re;
    if (!/^\[[^\^\]]/.test(source) || source.indexOf("]") !== source.length - 1) throw new Error("copy_chars is not a character class");
    return new RegExp("[^" + translate(source.slice(1, -1), classCache) + "]", "gu");
  };

  // For each character of the draft, whether it lies in official wording (copycheck.official_mask).
  Engine.prototype.officialMask = function (draft, size, lineBreak) {
    var pattern = this.data.copy_chars;
    if (!this.officialWording) {
      var shingles = new Set();
      var short = [];
      this.data.official.forEach(function (wording) {
        var c = significant(wording, pattern, lineBreak, false)[0];
        if (c.length >= size) for (var i = 0; i + size <= c.length; i++) shingles.add(c.slice(i, i + size));
        else if (c) short.push(c);
      });
      this.officialWording = [shingles, short];
    }
    var mask = new Uint8Array(draft.length);
    var known = this.officialWording[0];
    for (var i = 0; i + size <= draft.length; i++) {
      if (known.has(draft.substr(i, size))) mask.fill(1, i, i + size);
    }
    this.officialWording[1].forEach(function (c) {
      var at = draft.indexOf(c);
      while (at >= 0) { mask.fill(1, at, at + c.length); at = draft.indexOf(c, at + 1); }
    });
    return mask;
  };

  function passage(start, end, record, previous, lineOf) {
    return { line: lineOf[start], end_line: lineOf[end - 1], chars: end - start, start: start, record: record, previous: previous };
  }

  // ================================================================ reading .docx (hooks/text/read.py)

  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  // The files of a zip archive we need, inflated with the browser's own DecompressionStream.
  function unzip(buffer, wanted) {
    var view = new DataView(buffer);
    var eocd = -1;
    for (var i = buffer.byteLength - 22; i >= Math.max(0, buffer.byteLength - 65557); i--) {
      if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) return Promise.reject(new Error("不是 .docx 文件（找不到 zip 目录）"));
    var count = view.getUint16(eocd + 10, true);
    var offset = view.getUint32(eocd + 16, true);
    var decoder = new TextDecoder("utf-8");
    var jobs = {};
    for (var n = 0; n < count; n++) {
      if (view.getUint32(offset, true) !== 0x02014b50) break;
      var method = view.getUint16(offset + 10, true);
      var compressed = view.getUint32(offset + 20, true);
      var nameLength = view.getUint16(offset + 28, true);
      var extraLength = view.getUint16(offset + 30, true);
      var commentLength = view.getUint16(offset + 32, true);
      var local = view.getUint32(offset + 42, true);
      var name = decoder.decode(new Uint8Array(buffer, offset + 46, nameLength));
      if (wanted.indexOf(name) >= 0) {
        var start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        jobs[name] = inflate(new Uint8Array(buffer, start, compressed), method);
      }
      offset += 46 + nameLength + extraLength + commentLength;
    }
    var names = Object.keys(jobs);
    return Promise.all(names.map(function (k) { return jobs[k]; })).then(function (texts) {
      var out = {};
      names.forEach(function (k, i) { out[k] = texts[i]; });
      return out;
    });
  }

  function inflate(bytes, method) {
    if (method === 0) return Promise.resolve(new TextDecoder("utf-8").decode(bytes));
    if (method !== 8) return Promise.reject(new Error("不支持的压缩方式 " + method));
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("这个浏览器不能解压 .docx，请把文字复制粘贴到上面的框里"));
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text();
  }

  function wChildren(element, name) {
    var out = [];
    for (var c = element.firstElementChild; c; c = c.nextElementSibling) {
      if (c.namespaceURI === W && (!name || c.localName === name)) out.push(c);
    }
    return out;
  }
  function wChild(element, name) { return wChildren(element, name)[0] || null; }
  function wVal(element, name) {
    var child = element ? wChild(element, name) : null;
    return child ? child.getAttributeNS(W, "val") : null;
  }

  function runText(run) {
    var out = "";
    wChildren(run).forEach(function (e) {
      var name = e.localName;
      if (name === "t") out += e.textContent;
      else if (name === "tab" || name === "ptab") out += "\t";
      else if (name === "cr") out += "\n";
      else if (name === "br") { var type = e.getAttributeNS(W, "type"); if (!type || type === "textWrapping") out += "\n"; }
      else if (name === "noBreakHyphen") out += "-";
    });
    return out;
  }
  function paragraphText(p) {
    var out = "";
    wChildren(p).forEach(function (e) {
      if (e.localName === "r") out += runText(e);
      else if (e.localName === "hyperlink") wChildren(e, "r").forEach(function (r) { out += runText(r); });
    });
    return out;
  }

  // Word's automatic numbers (hooks/text/word_numbering.py), written out as if typed.
  var CHINESE = "零一二三四五六七八九";
  var LEGAL = "零壹贰叁肆伍陆柒捌玖";
  var STEMS = "甲乙丙丁戊己庚辛壬癸";
  var CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
  function chinese(n, digits, ten) {
    digits = digits || CHINESE;
    ten = ten || "十";
    if (!(n > 0 && n < 100)) return String(n);
    var tens = Math.floor(n / 10), units = n % 10;
    if (tens === 0) return digits[units];
    return (tens === 1 ? "" : digits[tens]) + ten + (units ? digits[units] : "");
  }
  function roman(n) {
    var values = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"],
      [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
    var out = "";
    values.forEach(function (v) { while (n >= v[0]) { out += v[1]; n -= v[0]; } });
    return out;
  }
  function letters(n) { return String.fromCharCode(65 + (n - 1) % 26).repeat(Math.floor((n - 1) / 26) + 1); }
  function formatNumber(n, fmt) {
    if (["chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"].indexOf(fmt) >= 0) return chinese(n);
    if (fmt === "chineseLegalSimplified") return chinese(n, LEGAL, "拾");
    if (fmt === "ideographTraditional") return STEMS[(n - 1) % 10];
    if ((fmt === "decimalEnclosedCircle" || fmt === "decimalEnclosedCircleChinese") && n > 0 && n <= 20) return Array.from(CIRCLED)[n - 1];
    if (fmt === "decimalFullWidth" || fmt === "decimalFullWidth2") return String(n).replace(/[0-9]/g, function (d) { return String.fromCharCode(0xff10 + +d); });
    if (fmt === "decimalZero") return (n < 10 ? "0" : "") + n;
    if (fmt === "upperLetter") return letters(n);
    if (fmt === "lowerLetter") return letters(n).toLowerCase();
    if (fmt === "upperRoman") return roman(n);
    if (fmt === "lowerRoman") return roman(n).toLowerCase();
    return String(n);
  }

  function Numbering(numberingXml, styles) {
    this.abstract = {};
    this.instances = {};
    this.counters = {};
    this.started = new Set();
    this.styles = styles;
    if (!numberingXml) return;
    var root = numberingXml.documentElement;
    var self = this;
    Array.from(root.getElementsByTagNameNS(W, "abstractNum")).forEach(function (abstract) {
      var levels = {};
      Array.from(abstract.getElementsByTagNameNS(W, "lvl")).forEach(function (lvl) {
        levels[parseInt(lvl.getAttributeNS(W, "ilvl") || "0", 10)] = {
          start: parseInt(wVal(lvl, "start") || "1", 10) || 1, fmt: wVal(lvl, "numFmt") || "decimal",
          text: wVal(lvl, "lvlText") || "", legal: !!wChild(lvl, "isLgl"), style: wVal(lvl, "pStyle")
        };
      });
      self.abstract[abstract.getAttributeNS(W, "abstractNumId")] = levels;
    });
    Array.from(root.getElementsByTagNameNS(W, "num")).forEach(function (num) {
      var overrides = {};
      Array.from(num.getElementsByTagNameNS(W, "lvlOverride")).forEach(function (o) {
        var start = wVal(o, "startOverride");
        if (start !== null) overrides[parseInt(o.getAttributeNS(W, "ilvl") || "0", 10)] = parseInt(start, 10);
      });
      self.instances[num.getAttributeNS(W, "numId")] = [wVal(num, "abstractNumId"), overrides];
    });
  }

  Numbering.prototype.label = function (p, styleId) {
    var found = numPr(p, styleId, this.styles);
    if (!found) return "";
    var numId = found[0];
    var level = found[1];
    if (!Object.prototype.hasOwnProperty.call(this.instances, numId)) return "";
    var abstractId = this.instances[numId][0];
    var overrides = this.instances[numId][1];
    var levels = this.abstract[abstractId] || {};
    if (level === null) {
      level = 0;
      for (var k in levels) if (levels[k].style && levels[k].style === styleId) { level = parseInt(k, 10); break; }
    }
    if (!levels[level]) return "";
    var counts = this.counters[abstractId] || (this.counters[abstractId] = {});
    function dropDeeper(than) { Object.keys(counts).forEach(function (d) { if (+d > than) delete counts[d]; }); }
    if (!this.started.has(numId)) {
      this.started.add(numId);
      Object.keys(overrides).forEach(function (ilvl) { counts[ilvl] = overrides[ilvl] - 1; dropDeeper(+ilvl); });
    }
    counts[level] = (counts[level] !== undefined ? counts[level] : levels[level].start - 1) + 1;
    dropDeeper(level);
    var self = levels[level];
    if (self.fmt === "bullet" || self.fmt === "none") return "";
    var text = self.text;
    for (var ilvl = level; ilvl >= 0; ilvl--) {
      var shown = levels[ilvl] || { start: 1, fmt: "decimal" };
      var count = counts[ilvl] !== undefined ? counts[ilvl] : shown.start;
      text = text.split("%" + (ilvl + 1)).join(formatNumber(count, self.legal ? "decimal" : shown.fmt));
    }
    return text;
  };

  function numPr(p, styleId, styles) {
    var pPr = wChild(p, "pPr");
    var own = pPr ? wChild(pPr, "numPr") : null;
    if (own && wChild(own, "numId")) {
      var ilvl = wVal(own, "ilvl");
      return [wVal(own, "numId"), ilvl !== null ? parseInt(ilvl, 10) : 0];
    }
    var seen = new Set();
    var style = styleId;
    while (style && styles[style] && !seen.has(style)) {
      seen.add(style);
      var s = styles[style];
      if (s.numId !== null) return [s.numId, s.ilvl];
      style = s.basedOn;
    }
    return null;
  }

  function readStyles(xml) {
    var styles = {};
    var defaultId = null;
    if (!xml) return [styles, null];
    Array.from(xml.documentElement.getElementsByTagNameNS(W, "style")).forEach(function (s) {
      if (s.getAttributeNS(W, "type") !== "paragraph") return;
      var id = s.getAttributeNS(W, "styleId");
      var pPr = wChild(s, "pPr");
      var num = pPr ? wChild(pPr, "numPr") : null;
      var ilvl = num ? wVal(num, "ilvl") : null;
      styles[id] = { name: uiName(wVal(s, "name")), basedOn: wVal(s, "basedOn"),
        numId: num && wChild(num, "numId") ? wVal(num, "numId") : null, ilvl: ilvl !== null ? parseInt(ilvl, 10) : null };
      var isDefault = s.getAttributeNS(W, "default");
      if (isDefault === "1" || isDefault === "true") defaultId = id;
    });
    return [styles, defaultId];
  }
  // python-docx shows built-in style names as Word's UI does (heading 1 -> Heading 1).
  function uiName(name) {
    if (!name) return "";
    var m = /^heading ([1-9])$/.exec(name);
    if (m) return "Heading " + m[1];
    if (name === "title") return "Title";
    return name;
  }

  // hooks.text.read.table_lines: a 整改清单 becomes numbered measures (SKIPPED_COLUMN: from the data).
  function tableLines(rows, skipped) {
    if (!rows.length) return [];
    var header = rows[0];
    var measure = -1;
    for (var i = 0; i < header.length; i++) if (header[i].indexOf("措施") >= 0) { measure = i; break; }
    if (measure < 0 || rows.length < 2) return rows.map(function (row) { return row.join(" | "); });
    var lines = [];
    rows.slice(1).forEach(function (row, index) {
      if (measure >= row.length || !row[measure]) return;
      var extra = [];
      row.forEach(function (cell, c) {
        if (c !== measure && c < header.length && cell && !search(skipped, header[c])) extra.push(header[c] + "：" + cell);
      });
      var text = stripChars(row[measure], "。；;", false, true);
      lines.push("（" + (index + 1) + "）" + text + "。" + (extra.length ? extra.join("；") + "。" : ""));
    });
    return lines;
  }

  function tableRows(tbl) {
    var rows = [];
    var above = [];
    wChildren(tbl, "tr").forEach(function (tr) {
      var cells = [];
      wChildren(tr, "tc").forEach(function (tc) {
        var pr = wChild(tc, "tcPr");
        var span = parseInt(wVal(pr, "gridSpan") || "1", 10) || 1;
        var merge = pr ? wChild(pr, "vMerge") : null;
        var text = wChildren(tc, "p").map(paragraphText).join("\n");
        var column = cells.length;
        if (merge && (merge.getAttributeNS(W, "val") || "continue") === "continue" && above[column] !== undefined) text = above[column];
        for (var s = 0; s < span; s++) cells.push(text);
      });
      above = cells;
      rows.push(cells.map(function (c) { return strip(c); }));
    });
    return rows;
  }

  // A .docx file (ArrayBuffer) as the text python-docx gives hooks.text.read.read_docx.
  function readDocx(buffer, data) {
    data = data || window.MSH_REVIEW;
    pyClasses(data);
    var rules = data.text.read;
    var files = ["word/document.xml", "word/styles.xml", "word/numbering.xml"];
    return unzip(buffer, files).then(function (texts) {
      if (!texts["word/document.xml"]) throw new Error("不是 Word 文档（缺少 word/document.xml）");
      var parser = new DOMParser();
      function parse(name) {
        if (!texts[name]) return null;
        var xml = parser.parseFromString(texts[name], "application/xml");
        if (xml.getElementsByTagName("parsererror").length) throw new Error(name + " 无法读取");
        return xml;
      }
      var documentXml = parse("word/document.xml");
      var read = readStyles(parse("word/styles.xml"));
      var styles = read[0];
      var defaultStyle = read[1];
      var numbering = new Numbering(parse("word/numbering.xml"), styles);
      var body = documentXml.getElementsByTagNameNS(W, "body")[0];
      var lines = [];
      wChildren(body).forEach(function (block) {
        if (block.localName === "tbl") { lines = lines.concat(tableLines(tableRows(block), rules.SKIPPED_COLUMN)); return; }
        if (block.localName !== "p") return;
        var pStyle = wVal(wChild(block, "pPr"), "pStyle");
        var styleId = pStyle && styles[pStyle] ? pStyle : defaultStyle;
        var name = styleId && styles[styleId] ? styles[styleId].name : "";
        var heading = matchAt(rules.HEADING_STYLE, name, 0);
        var prefix = heading ? "#".repeat(parseInt(heading[1], 10)) + " " : (name === "Title" ? "# " : "");
        var text = paragraphText(block);
        var label = numbering.label(block, styleId);
        lines.push(prefix + (strip(text) ? label : "") + text);
      });
      return lines.join("\n");
    });
  }

  // ================================================================ the page

  var FROM = { title: "按标题识别", content: "按内容识别", given: "你选择的", year: "按材料中的年份识别",
    theme: "按引用的会议主题识别", aspects: "按方面标题识别", latest: "未能识别，默认最近一次" };
  var CATEGORY = { person: "人名", place: "地名", unit: "单位名称", phone: "电话号码", id_number: "身份证号",
    email: "电子邮箱", doc_number: "文号", address: "门牌地址" };
  var DEBOUNCE_MS = 400;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function decodeText(buffer) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    } catch (e) {
      return new TextDecoder("gb18030").decode(buffer);  // Windows Notepad still saves GBK
    }
  }

  function readFile(file) {
    return file.arrayBuffer().then(function (buffer) {
      if (/\.docx$/i.test(file.name)) return readDocx(buffer, window.MSH_REVIEW);
      if (/\.doc$/i.test(file.name)) throw new Error("不能读取旧版 .doc 文件：请在 Word 或 WPS 中另存为 .docx，或复制粘贴文字");
      return decodeText(buffer);
    });
  }

  function Page(root, data, script) {
    this.root = root;
    this.data = data;
    this.engine = new Engine(data);
    this.siteRoot = new URL("../", script ? script.src : location.href);
    this.ui = {
      form: root.querySelector("#msh-review-form"), draft: root.querySelector("#msh-review-draft"),
      file: root.querySelector("#msh-review-file"), type: root.querySelector("#msh-review-type"),
      meeting: root.querySelector("#msh-review-meeting"), previous: root.querySelector("#msh-review-previous"),
      previousFile: root.querySelector("#msh-review-previous-file"), status: root.querySelector("#msh-review-status"),
      report: root.querySelector("#msh-review-report")
    };
    this.library = null;  // the records for the copy check, once loaded
    this.libraryState = "waiting";
    this.report = null;
    this.timer = null;
    this.meetingsById = {};
    var self = this;
    data.meetings.forEach(function (m) { self.meetingsById[m.id] = m; });
    this.fillOptions();
    this.bind();
    // A first report compiles every pattern and warms the engine up, so that the writer's first
    // paste is as quick as the next ones.
    var aspect = data.meetings[0].aspects[0];
    this.engine.analyse("一、存在的问题\n（一）在" + (aspect ? aspect.title : "") + "方面\n一是学习不够深入，2025年3月张某书记。\n二、原因分析\n三、整改措施", {});
    root.setAttribute("data-state", "ready");
    this.ui.status.textContent = "把材料粘贴到上面的框里，或打开一个文件。";
    if (this.ui.draft.value.trim()) this.run();
  }

  Page.prototype.fillOptions = function () {
    var ui = this.ui;
    this.data.types.forEach(function (t) { ui.type.appendChild(el("option", { value: t, text: t })); });
    this.data.meetings.forEach(function (m) { ui.meeting.appendChild(el("option", { value: m.id, text: m.title })); });
    var params = new URLSearchParams(location.search);
    var meeting = params.get("meeting");
    if (meeting && this.meetingsById[meeting]) ui.meeting.value = meeting;
    var type = params.get("type") || this.data.outline_types[params.get("outline") || ""] || "";
    if (this.data.types.indexOf(type) >= 0) ui.type.value = type;
  };

  Page.prototype.bind = function () {
    var self = this;
    var ui = this.ui;
    ui.form.addEventListener("submit", function (event) { event.preventDefault(); self.run(); });
    ui.draft.addEventListener("input", function (event) {
      // A paste is checked at once; typing waits for a pause.
      if (event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop") self.run();
      else self.later(function () { self.run(); });
    });
    ui.type.addEventListener("change", function () { self.run(); });
    ui.meeting.addEventListener("change", function () { self.run(); });
    ui.previous.addEventListener("input", function () { self.later(function () { self.checkCopies(); }); });
    function opener(input, target, then) {
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file) return;
        ui.status.textContent = "正在读取 " + file.name + "……";
        readFile(file).then(function (text) {
          target.value = text;
          then();
        }, function (error) {
          ui.status.textContent = "无法读取 " + file.name + "：" + (error && error.message || error);
        });
      });
    }
    opener(ui.file, ui.draft, function () { self.run(); });
    opener(ui.previousFile, ui.previous, function () { self.checkCopies(); });
    ui.report.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("[data-line]") : null;
      if (target) self.goTo(parseInt(target.getAttribute("data-line"), 10));
    });
  };

  Page.prototype.later = function (fn) {
    clearTimeout(this.timer);
    this.timer = setTimeout(fn, DEBOUNCE_MS);
  };

  Page.prototype.run = function () {
    clearTimeout(this.timer);
    var text = this.ui.draft.value;
    if (!text.trim()) {
      this.report = null;
      this.ui.report.hidden = true;
      this.ui.report.textContent = "";
      this.ui.report.removeAttribute("data-report");
      this.ui.status.textContent = "把材料粘贴到上面的框里，或打开一个文件。";
      return;
    }
    var started = performance.now();
    var report = this.engine.analyse(text, { type: this.ui.type.value || null, meeting: this.ui.meeting.value || null });
    report.copied = null;
    this.report = report;
    this.text = text;
    this.render();
    var elapsed = performance.now() - started;
    this.ui.report.setAttribute("data-ms", elapsed.toFixed(1));
    this.ui.status.textContent = "已检查（" + Math.round(elapsed) + " 毫秒）。点“第几行”可在下面的原文中找到那一行。";
    // The copy check goes over every record: after the report is on screen, not before.
    var self = this;
    var report = this.report;
    requestAnimationFrame(function () {
      setTimeout(function () { if (self.report === report) self.checkCopies(); }, 0);
    });
  };

  // The copy check needs the library's texts (api/records.js and records-text.js, as 检索 uses).
  Page.prototype.checkCopies = function () {
    var self = this;
    if (!this.report) return;
    if (this.libraryState === "loaded") {
      var started = performance.now();
      this.report.copied = this.engine.copied(this.text, this.library, this.ui.previous.value.trim() ? this.ui.previous.value : null);
      this.ui.report.setAttribute("data-copy-ms", (performance.now() - started).toFixed(1));
      this.renderCopies();
      return;
    }
    if (this.libraryState === "error") { this.renderCopies(); return; }
    if (this.libraryState === "loading") return;
    this.libraryState = "loading";
    this.renderCopies();
    function loaded(records, urlOf) {
      self.library = { records: records.map(function (r) { return [r.id, r.text]; }), sig: null };
      self.urls = {};
      self.titles = {};
      records.forEach(function (r) { self.urls[r.id] = urlOf(r); self.titles[r.id] = r.title; });
      self.libraryState = "loaded";
      self.checkCopies();
    }
    // The site's one search engine (search.js) loads the records once per page for every view.
    if (window.MSHSearch) {
      window.MSHSearch.ready(["records", "texts"], function (error, store) {
        if (error) self.libraryFailed(error);
        else loaded(store.records, window.MSHSearch.recordUrl);
      });
      return;
    }
    this.loadScript("api/records.js", function (error) {
      if (error || !window.MSH_FIND) return self.libraryFailed("无法载入 api/records.js");
      self.loadScript("api/records-text.js", function (error2) {
        if (error2 || !Array.isArray(window.MSH_FIND_TEXT)) return self.libraryFailed("无法载入 api/records-text.js");
        var find = window.MSH_FIND;
        var at = {};
        find.fields.forEach(function (name, i) { at[name] = i; });
        loaded(find.records.map(function (row, i) {
          return { id: String(row[at.id]), title: row[at.title], page: row[at.page], text: row[at.excerpt] + window.MSH_FIND_TEXT[i] };
        }), function (r) { return typeof r.page === "number" ? find.pages[r.page] + "#" + r.id : String(r.page || ""); });
      });
    });
  };

  Page.prototype.libraryFailed = function (why) {
    this.libraryState = "error";
    this.libraryError = why + "，不能与本库比对。";
    this.renderCopies();
  };

  Page.prototype.loadScript = function (path, done) {
    if (path === "api/records.js" && window.MSH_FIND) return done(null);
    if (path === "api/records-text.js" && window.MSH_FIND_TEXT) return done(null);
    var tag = document.createElement("script");
    tag.src = new URL(path, this.siteRoot).href;
    tag.onload = function () { done(null); };
    tag.onerror = function () { done("error"); };
    document.head.appendChild(tag);
  };

  Page.prototype.goTo = function (line) {
    var target = this.root.querySelector("#msh-review-line-" + line);
    if (!target) return;
    var previous = this.root.querySelector(".msh-review__line--current");
    if (previous) previous.classList.remove("msh-review__line--current");
    target.classList.add("msh-review__line--current");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    // The same line selected in the text box, for editing it there.
    var lines = this.ui.draft.value.split(/\r\n|\r|\n/);
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    this.ui.draft.setSelectionRange(start, start + (lines[line - 1] || "").length);
  };

  function lineButton(line, label) {
    return el("button", { type: "button", className: "msh-review__goto", "data-line": String(line), text: label || "第" + line + "行" });
  }

  function section(title, id, children, summary) {
    return el("section", { className: "msh-review__section", id: id }, [
      el("h2", { text: title }), summary ? el("p", { className: "msh-review__summary", text: summary }) : null
    ].concat(children));
  }

  function mark(ok, text) {
    return el("span", { className: "msh-review__mark " + (ok ? "msh-review__mark--ok" : "msh-review__mark--bad"), "aria-hidden": "true", text: text || (ok ? "✓" : "✗") });
  }

  Page.prototype.render = function () {
    var r = this.report;
    var data = this.data;
    var meeting = this.meetingsById[r.meeting];
    var out = this.ui.report;
    out.textContent = "";
    out.hidden = false;
    out.setAttribute("data-report", JSON.stringify(r));
    out.setAttribute("data-copy-state", "pending");
    var byAspect = r.type === data.types[0] || r.type === data.types[1];

    out.appendChild(el("p", { className: "msh-review__what" }, [
      "材料类型：", el("strong", { text: r.type }), "（" + FROM[r.type_from] + "）　会议：",
      el("strong", { text: meeting.title }), "（" + FROM[r.meeting_from] + "）。不对的话，在上面选择。"
    ]));

    // parts
    var parts = r.parts.map(function (p) {
      return el("li", { className: p.found ? "" : "msh-review__bad" }, [
        mark(p.found), " " + p.name + "：", p.found ? lineButton(p.line) : el("strong", { text: "没有找到" }),
        p.found && !p.in_order ? "（顺序与提纲不同）" : ""
      ]);
    });
    var missing = r.parts.filter(function (p) { return !p.found; }).length;
    out.appendChild(section("部分", "msh-review-parts", [el("ol", {}, parts)],
      r.parts.length ? (missing ? "按" + meeting.title + "的提纲，缺 " + missing + " 个部分。" : "提纲要求的部分都有。") : "这类材料没有规定的部分。"));

    // aspects
    var aspectItems = r.aspects.map(function (a) {
      return el("li", { className: a.found || !byAspect ? "" : "msh-review__bad" }, [
        mark(a.found || !byAspect, a.found ? "✓" : byAspect ? "✗" : "–"), " " + a.title + "：",
        a.found ? lineButton(a.line) : el("strong", { text: byAspect ? "没有找到这个方面的标题" : "未见" }),
        a.found ? "，" + a.items + " 条" : ""
      ]);
    });
    var self = this;
    var foreign = r.foreign.map(function (f) {
      var other = self.meetingsById[f.meeting];
      return el("li", { className: "msh-review__bad" }, [
        mark(false, "!"), " ", lineButton(f.line), "「" + f.heading + "」是" + other.title + "的方面（" + f.title + "），不是" + meeting.title + "的。"
      ]);
    });
    var unmatched = r.unmatched.map(function (u) {
      return el("li", {}, [mark(false, "?"), " ", lineButton(u.line), "「" + u.heading + "」不是" + meeting.title + "的任何一个方面。"]);
    });
    var notFound = r.aspects.filter(function (a) { return !a.found; }).length;
    out.appendChild(section("对照检查的方面", "msh-review-aspects", [
      el("ol", {}, aspectItems), foreign.length || unmatched.length ? el("ul", { className: "msh-review__other" }, foreign.concat(unmatched)) : null
    ], !byAspect ? "这类材料一般不按方面逐项写，下列仅供参考。" :
      (notFound ? notFound + " 个方面没有找到标题" : "每个方面都有标题") + (r.foreign.length ? "；" + r.foreign.length + " 个标题是别的年度的表述。" : "。")));

    // items
    var concreteParts = data.rules.concrete_parts;
    var labels = {};
    data.rules.pseudo_criticism.forEach(function (p) { labels[p.id] = p.label; });
    var vague = 0, pseudo = 0;
    var itemList = r.items.map(function (item) {
      var judged = concreteParts.indexOf(item.part) >= 0;
      if (judged && !item.concrete) vague++;
      if (item.pseudo && item.pseudo.length) pseudo++;
      var notes = [];
      if (judged) notes.push(item.concrete ? "具体（" + item.evidence.join("、") + "）" : "不具体：没有人、事、时间、数字或“例如”");
      if (item.stock.length) notes.push("套话：" + item.stock.join("、"));
      if (item.pseudo && item.pseudo.length) notes.push("伪批评：" + item.pseudo.map(function (p) { return labels[p]; }).join("、"));
      var bad = (judged && !item.concrete) || item.stock.length || (item.pseudo && item.pseudo.length);
      return el("li", { className: bad ? "msh-review__bad" : "" }, [
        lineButton(item.line), " ", el("span", { className: "msh-review__part", text: item.part || "—" }), " " + (item.title || "（无标题）"),
        notes.length ? el("span", { className: "msh-review__notes", text: "——" + notes.join("；") }) : null
      ]);
    });
    out.appendChild(section("条目", "msh-review-items", [el("ol", { className: "msh-review__items" }, itemList)],
      r.items.length ? r.items.length + " 条，其中 " + vague + " 条不具体" + (r.type === data.types[2] || pseudo ? "，" + pseudo + " 条像“伪批评”" : "") + "。"
        : "没有找到编号的条目（一是、二是，1. 2.，（一）（二）……）。"));

    // stock phrases
    var stock = r.stock_phrases.map(function (s) {
      return el("li", {}, [lineButton(s.line), " “" + s.text + "”（" + s.phrase + "）"]);
    });
    out.appendChild(section("套话", "msh-review-stock", stock.length ? [el("ul", {}, stock)] : [],
      stock.length ? stock.length + " 处。套话本身不算错，但没有具体事例支撑时，审核时常被退回。" : "没有发现清单里的套话。"));

    // share
    var share = r.share_problems_causes;
    out.appendChild(section("问题和原因所占篇幅", "msh-review-share", [],
      share === null ? "没有找到“存在的问题”“原因分析”部分，无法计算。" :
        "问题 " + r.chars.problems + " 字、原因 " + r.chars.causes + " 字，占全文 " + r.chars.total + " 字的 " +
        (share * 100).toFixed(1) + "%。不少地方要求问题查摆和原因剖析至少占一半，以上级要求为准。"));

    // personal data
    var personal = r.personal_data.map(function (p) {
      return el("li", { className: "msh-review__bad" }, [lineButton(p.line), " " + (CATEGORY[p.category] || p.category) + "：" + p.text]);
    });
    out.appendChild(section("个人信息", "msh-review-personal", personal.length ? [el("ul", {}, personal)] : [],
      (personal.length ? personal.length + " 处。交给别人或上传之前，请改为××同志、某社区等。" : "没有发现人名、地名、电话等个人信息。") +
        "（按本站匿名化检查的规则：带职务或称谓的人名、带地名后缀的地名和单位、电话、证件号、邮箱、文号；单独出现的人名可能查不出，请再通读一遍。）"));

    out.appendChild(section("雷同", "msh-review-copied", [], "正在载入本库……"));
    out.appendChild(this.renderLines());
  };

  Page.prototype.renderCopies = function () {
    var out = this.ui.report;
    var holder = out.querySelector("#msh-review-copied");
    if (!holder || !this.report) return;
    var summary = holder.querySelector(".msh-review__summary");
    var list = holder.querySelector("ul");
    if (list) list.remove();
    if (this.libraryState === "error") { summary.textContent = this.libraryError; out.setAttribute("data-copy-state", "error"); return; }
    if (this.libraryState !== "loaded" || !this.report.copied) { summary.textContent = "正在载入本库的记录……"; return; }
    var self = this;
    var copied = this.report.copied;
    var items = copied.map(function (c) {
      var where = c.line === c.end_line ? lineButton(c.line) : lineButton(c.line, "第" + c.line + "–" + c.end_line + "行");
      var source;
      if (c.previous) source = ["与上一次的材料相同"];
      else {
        var link = el("a", { href: new URL(self.urls[c.record], self.siteRoot).href, text: self.titles[c.record] || c.record });
        source = ["与本库的“", link, "”相同"];
      }
      return el("li", { className: "msh-review__bad" }, [where, " " + c.chars + " 字"].concat(source));
    });
    summary.textContent = copied.length ? copied.length + " 段与本库记录" + (this.ui.previous.value.trim() ? "或上一次的材料" : "") +
      "相同（按连续相同的字数，不计标点；会议主题和方面的原文不计）。"
      : "没有发现与本库" + (this.ui.previous.value.trim() ? "或上一次的材料" : "") + "雷同的段落。";
    if (items.length) summary.after(el("ul", {}, items));
    Array.prototype.forEach.call(out.querySelectorAll(".msh-review__line--copied"), function (li) {
      li.classList.remove("msh-review__line--copied");
    });
    copied.forEach(function (c) {
      for (var n = c.line; n <= c.end_line; n++) {
        var li = out.querySelector("#msh-review-line-" + n);
        if (li) li.classList.add("msh-review__line--copied");
      }
    });
    out.setAttribute("data-report", JSON.stringify(this.report));
    out.setAttribute("data-copy-state", "done");
  };

  // The draft, line by line, with what was found marked in it.
  Page.prototype.renderLines = function () {
    var r = this.report;
    var marks = {};
    function add(line, text, kind) { (marks[line] = marks[line] || []).push([text, kind]); }
    r.stock_phrases.forEach(function (s) { add(s.line, s.text, "stock"); });
    r.personal_data.forEach(function (p) { add(p.line, p.text, "personal"); });
    var flagged = {};
    r.items.forEach(function (item) { if (item.stock.length || (item.pseudo && item.pseudo.length)) flagged[item.line] = true; });
    var list = el("ol", { className: "msh-review__lines" });
    this.text.split(/\r\n|\r|\n/).forEach(function (raw, index) {
      var no = index + 1;
      var li = el("li", { id: "msh-review-line-" + no, value: String(no), tabindex: "-1" });
      if (marks[no] || flagged[no]) li.className = "msh-review__line--flagged";
      appendMarked(li, raw, marks[no] || []);
      list.appendChild(li);
    });
    return section("原文（按行）", "msh-review-draft-lines", [list]);
  };

  function appendMarked(node, text, marks) {
    var spans = [];
    marks.forEach(function (m) {
      var from = 0, at;
      while (m[0] && (at = text.indexOf(m[0], from)) >= 0) { spans.push([at, at + m[0].length, m[1]]); from = at + m[0].length; }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var position = 0;
    spans.forEach(function (s) {
      if (s[0] < position) return;
      if (s[0] > position) node.appendChild(document.createTextNode(text.slice(position, s[0])));
      node.appendChild(el("mark", { className: "msh-review__found msh-review__found--" + s[2], text: text.slice(s[0], s[1]) }));
      position = s[1];
    });
    if (position < text.length) node.appendChild(document.createTextNode(text.slice(position)));
    if (!text) node.appendChild(document.createTextNode("\u00a0"));
  }

  // ================================================================ exports

  var api = {
    Engine: Engine, compile: compile, translate: translate, readDocx: readDocx,
    records: function (find, rests) {
      // api/records.js (MSH_FIND) and api/records-text.js: [id, full text] in library order
      var fields = find.fields;
      var id = fields.indexOf("id"), excerpt = fields.indexOf("excerpt");
      return { records: find.records.map(function (row, i) { return [String(row[id]), row[excerpt] + (rests ? rests[i] : "")]; }), sig: null };
    }
  };
  window.MSHReview = api;

  var root = document.getElementById("msh-review");
  var script = document.currentScript;
  if (root && window.MSH_REVIEW && !root.hasAttribute("data-started")) {
    root.setAttribute("data-started", "");
    api.page = new Page(root, window.MSH_REVIEW, script);
  }
})();
