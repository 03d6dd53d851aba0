// netmap's map: everything here reads data, never markup. Text goes in with textContent; the only
// link is a LinkedIn profile URL checked below. No request leaves the page (see the CSP).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("netmap-data").textContent);
  // The file is compact (render.build_network): fill in what it leaves out.
  var toneOf = {};
  data.industries.forEach(function (i) { toneOf[i.slug] = i.color; });
  data.nodes.forEach(function (n) {
    var card = {};
    Object.keys(data.card_defaults).forEach(function (k) { card[k] = data.card_defaults[k]; });
    Object.keys(n.card).forEach(function (k) { card[k] = n.card[k]; });
    n.card = card;
    if (n.label === undefined) { n.label = card.name; }
    if (n.tone === undefined) { n.tone = toneOf[n.industry]; }
    var muted = data.context_colours[n.industry];
    if (!n.color) { n.color = { background: muted.background, border: muted.border }; } // a context dot
  });
  data.edges = data.edges.map(function (e, i) {
    return { id: i, from: e[0], to: e[1], width: e[2], kind: e[3], hidden: e[3] !== "bridge" && e[3] !== "best" };
  });
  var LINKEDIN = /^https:\/\/([a-z0-9-]+\.)*linkedin\.com\/(in|pub)\/[^\s]+$/i;
  var MUTED = { background: "#e9ebef", border: "#e9ebef" };
  var MUTED_FONT = "#b9bec7";
  var CONTEXT_INK = "#5d6678"; // the names of context people, once drawn
  var PATH = "#1d2433";
  var SHOWN_BRIDGES = 5; // on a card: the best few, then "and N more"
  var CONTEXT_ZOOM = 1.8; // context names show once zoomed in this much from the first view
  var MIN_LABEL = 9; // px: the first view is never zoomed out so far that suggestions' names get smaller

  var byId = {};
  var you = null;
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    if (n.card.kind === "you") { you = n.id; }
  });
  var ranked = data.nodes.filter(function (n) { return n.card.rank; });
  ranked.sort(function (a, b) { return a.card.rank - b.card.rank; });
  var important = data.nodes.filter(function (n) {
    return n.card.kind === "you" || n.card.kind === "bridge" || n.card.rank;
  }).map(function (n) { return n.id; });
  var isContext = {};
  data.nodes.forEach(function (n) { isContext[n.id] = true; });
  important.forEach(function (id) { delete isContext[id]; });
  var industryName = {};
  data.industries.forEach(function (i) { industryName[i.slug] = i.name; });

  // Context names are drawn only when zoomed in (declutter): until then vis-network has no text to
  // measure for them.
  var nodes = new vis.DataSet(data.nodes.map(function (n) { return isContext[n.id] ? contextItem(n, "") : n; }));
  function contextItem(n, label) {
    var item = {};
    Object.keys(n).forEach(function (k) { item[k] = n[k]; });
    item.label = label;
    return item;
  }
  // vis-network is given the edges drawn at first; the others (you to each contact, a friend to each
  // of theirs) once they are shown, or once someone is chosen whose every edge counts (ensureEdges).
  var inNetwork = {};
  var edgesOf = {};
  data.edges.forEach(function (e) {
    if (!e.hidden) { inNetwork[e.id] = true; }
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
    (edgesOf[e.to] = edgesOf[e.to] || []).push(e);
  });
  var edges = new vis.DataSet(data.edges.filter(function (e) { return inNetwork[e.id]; }));
  var container = document.getElementById("map");
  var stage = document.getElementById("stage");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var card = document.getElementById("card");
  var list = document.getElementById("list");
  var select = document.getElementById("industry");
  var searchBox = document.getElementById("search-text");
  var allEdges = document.getElementById("all-edges");
  var statusLine = document.getElementById("status");
  var state = { industry: "", search: "", via: null, selected: null, hovered: null };
  var firstScale = null;
  var contextThreshold = null;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many || one + "s"); }
  // the first of a name's words; initials (with --hide-names) stay whole
  function firstName(name) { return data.hidden_names ? name : name.split(/\s+/)[0] || name; }

  // --- what the filters keep --------------------------------------------------------------------

  function matchesText(n, text) {
    if (!text) { return true; }
    var c = n.card;
    var hay = [c.name, c.role].concat(c.bridges.map(function (b) { return b.name; })).join(" ").toLowerCase();
    return hay.indexOf(text) !== -1;
  }

  function listed() {
    return ranked.filter(function (n) {
      if (state.industry && n.industry !== state.industry) { return false; }
      if (state.via !== null && !n.card.bridges.some(function (b) { return b.id === state.via; })) { return false; }
      return matchesText(n, state.search);
    });
  }

  function friendsOf(people) {
    var seen = {};
    people.forEach(function (n) { n.card.bridges.forEach(function (b) { seen[b.id] = true; }); });
    return Object.keys(seen).length;
  }

  // The title as render.headline says it: "Finance — 100 suggestions through 8 friends".
  function headline(people) {
    var scope = data.scope;
    var parts = [state.industry ? industryName[state.industry] : scope.industry].filter(Boolean).concat(scope.rest);
    var what = parts.join(", ") || "Everyone";
    what = what.charAt(0).toUpperCase() + what.slice(1);
    var count = people.length;
    if (!count) { return what + " — no suggestions"; }
    var friends = friendsOf(people);
    if (!friends) { return what + " — " + plural(count, "suggestion") + " among your own contacts"; }
    return what + " — " + plural(count, "suggestion") + " through " + plural(friends, "friend");
  }

  var firstSummary = document.getElementById("summary").textContent;

  function updateTitles() {
    var shown = listed();
    var byIndustry = ranked.filter(function (n) { return !state.industry || n.industry === state.industry; });
    var title = headline(byIndustry);
    document.getElementById("title").textContent = title;
    document.title = title;
    var summary = firstSummary;
    if (state.industry || state.search || state.via !== null) {
      var bits = [];
      if (state.via !== null) { bits.push("those " + byId[state.via].card.name + " can introduce"); }
      if (state.industry) { bits.push("in " + industryName[state.industry] + " (other industries are muted)"); }
      if (state.search) { bits.push("matching “" + state.search + "”"); }
      summary = "Listed: " + shown.length + " of the " + plural(ranked.length, "suggestion") + ", " + bits.join(", ") + ".";
    }
    document.getElementById("summary").textContent = summary;
  }

  // --- the list ---------------------------------------------------------------------------------

  var entries = {};
  ranked.forEach(function (n) {
    var c = n.card;
    var li = el("li");
    li.id = "entry-" + n.id;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.dataset.id = String(n.id);
    li.appendChild(el("span", c.rank, "rank"));
    var name = el("span", null, "name");
    name.appendChild(el("span", c.name));
    var badge = el("span", c.stage, "stage"); // the outreach stage, once outreach exists
    badge.hidden = !c.stage;
    name.appendChild(badge);
    li.appendChild(name);
    li.appendChild(el("span", c.score, "score"));
    li.appendChild(el("span", c.role || c.industry_name, "role"));
    var ask = el("span", null, "ask");
    if (c.bridges.length) {
      ask.appendChild(document.createTextNode("Ask "));
      ask.appendChild(el("b", c.bridges[0].name));
      if (c.bridges.length > 1) { ask.appendChild(document.createTextNode(" (or " + (c.bridges.length - 1) + " more)")); }
    } else {
      ask.textContent = "Your own contact: ask them directly";
    }
    li.appendChild(ask);
    li.addEventListener("click", function () { choose(n.id, { zoom: true }); });
    entries[n.id] = li;
  });

  function renderList() {
    var shown = listed();
    list.replaceChildren();
    shown.forEach(function (n) { list.appendChild(entries[n.id]); });
    var empty = document.getElementById("list-empty");
    empty.hidden = shown.length > 0;
    empty.textContent = ranked.length ? "No suggestion matches the filters." :
      "No suggestions yet: import your contacts and your friends' exports, then draw the map again.";
    var via = document.getElementById("via");
    via.hidden = state.via === null;
    if (state.via !== null) {
      document.getElementById("via-text").textContent =
        "Through " + byId[state.via].card.name + ": " + plural(shown.length, "suggestion");
    }
    markSelected();
    updateTitles();
  }

  function markSelected() {
    Object.keys(entries).forEach(function (id) {
      entries[id].setAttribute("aria-selected", String(Number(id) === state.selected));
    });
    if (state.selected !== null && entries[state.selected] && entries[state.selected].parentNode) {
      list.setAttribute("aria-activedescendant", "entry-" + state.selected);
      entries[state.selected].scrollIntoView({ block: "nearest" });
    } else {
      list.removeAttribute("aria-activedescendant");
    }
  }

  // --- the graph's look -------------------------------------------------------------------------

  // Who is bright: with a selection, its path (you → friends → them) or a friend's reach; else,
  // with an industry chosen, that industry (friends always stay bright: they are the way in).
  function brightSet() {
    var id = state.selected;
    if (id === null) { return null; }
    var keep = {};
    keep[id] = true;
    keep[you] = true;
    var n = byId[id];
    if (n.card.kind === "you") { // you and the friends who can introduce you
      important.forEach(function (m) { if (byId[m].card.kind === "bridge") { keep[m] = true; } });
    } else if (n.card.kind === "bridge" || n.card.kind === "contact" && !n.card.rank) {
      ensureEdges(id);
      network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    } else {
      n.card.bridges.forEach(function (b) { keep[b.id] = true; });
    }
    return keep;
  }

  // How an edge looks with the current selection: "strong" (the way to ask: you → the friend to ask →
  // them), "path" (another friend who knows them, or a suggestion a chosen friend can introduce), or
  // null (not part of the selection).
  function role(e, keep) {
    var id = state.selected;
    if (id === null) { return null; }
    var n = byId[id];
    if (n.card.kind === "bridge") {
      if (e.from === you && e.to === id) { return "strong"; }
      return e.from === id && byId[e.to].card.rank ? "path" : null; // the rest of their contacts: bright dots
    }
    if (n.card.kind === "you") { return e.kind === "bridge" ? "strong" : null; }
    if (n.card.kind === "contact" && !n.card.rank) { return e.from === id || e.to === id ? "strong" : null; }
    var best = n.card.bridges.length ? n.card.bridges[0].id : you;
    if (e.to === id && (e.from === best)) { return "strong"; }
    if (e.from === you && e.to === best) { return "strong"; }
    var via = n.card.bridges.some(function (b) { return b.id === e.from || b.id === e.to; });
    if (e.to === id && via) { return "path"; }
    if (e.from === you && via && keep[e.to]) { return "path"; }
    return null;
  }

  var applied = {}; // id -> the look last given to it, so a change updates only what changed

  function changed(cache, id, look) {
    var key = JSON.stringify(look);
    if (cache[id] === key) { return false; }
    cache[id] = key;
    return true;
  }

  var HIDDEN = "rgba(0,0,0,0)";

  // Give every node and edge the look the state asks for, updating only what changed. ``prime``
  // records the looks the page starts with (the data's own) without updating anything.
  function restyle(prime) {
    var keep = brightSet();
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var bright;
      if (keep) { bright = !!keep[n.id]; } else if (state.industry) {
        bright = n.industry === state.industry || n.card.kind === "you" || n.card.kind === "bridge";
      } else { bright = true; }
      var colour = n.color;
      if (bright && state.industry && !keep && n.industry === state.industry && n.color.background !== n.tone) {
        colour = { background: n.tone, border: n.card.stage ? n.color.border : n.tone }; // at full strength
      }
      var labelled = !isContext[n.id] || (bright && labelOn[n.id] === true);
      var ink = isContext[n.id] ? CONTEXT_INK : PATH;
      var font = { color: labelled ? (bright ? ink : MUTED_FONT) : HIDDEN, strokeWidth: labelled ? 4 : 0 };
      var look = { id: n.id, color: bright ? colour : MUTED, font: font, bright: bright };
      if (isContext[n.id]) {
        look.scaling = { label: { enabled: false, drawThreshold: labelled ? 3 : 1000 } };
        look.label = labelled ? n.label : "";
      }
      if (changed(applied, "n" + n.id, look) && !prime) { nodeUpdates.push(look); }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    var showAll = allEdges.checked;
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var part = role(e, keep || {});
      var shown = part !== null || e.kind === "bridge" || e.kind === "best" || showAll;
      var bright = part !== null || (!keep && (!state.industry || industryOk(e)));
      var look = {
        id: e.id,
        hidden: !shown,
        width: part === "strong" ? e.width + 2.5 : part === "path" ? e.width + 0.8 : e.width,
        color: part === "strong" || part === "path" ? { color: PATH, opacity: 0.9 }
          : { color: bright ? "#9aa3b5" : "#e6e8ec", opacity: bright ? 0.7 : 0.5 }
      };
      if (changed(applied, "e" + e.id, look) && !prime && (inNetwork[e.id] || !look.hidden)) {
        if (!inNetwork[e.id]) { // shown for the first time: vis-network gets it whole
          inNetwork[e.id] = true;
          look.from = e.from;
          look.to = e.to;
          look.kind = e.kind;
        }
        edgeUpdates.push(look);
      }
    });
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
  }

  // Give vis-network every edge of this person it does not have yet (hidden, as in the data).
  function ensureEdges(id) {
    var missing = (edgesOf[id] || []).filter(function (e) { return !inNetwork[e.id]; });
    missing.forEach(function (e) { inNetwork[e.id] = true; });
    if (missing.length) { edges.add(missing); }
  }

  function industryOk(e) {
    var a = byId[e.from], b = byId[e.to];
    var far = a.card.kind === "bridge" || a.card.kind === "you" ? b : a;
    return far.industry === state.industry || far.card.kind === "bridge";
  }

  // --- context names, once zoomed in: only those that fit without touching anything -------------

  var labelOn = {}; // context id -> true when its name fits without overlapping anything at this zoom
  var measure = document.createElement("canvas").getContext("2d");
  var widths = {};

  function declutter() {
    var scale = network.getScale();
    var next = {};
    if (contextThreshold !== null && data.fonts.context * scale >= contextThreshold) {
      var topLeft = network.DOMtoCanvas({ x: 0, y: 0 });
      var bottomRight = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
      var grid = {};
      var CELL = 60;
      var taken = function (b) {
        for (var i = Math.floor(b.left / CELL); i <= Math.floor(b.right / CELL); i++) {
          for (var j = Math.floor(b.top / CELL); j <= Math.floor(b.bottom / CELL); j++) {
            var there = grid[i + "," + j] || [];
            for (var k = 0; k < there.length; k++) {
              var o = there[k];
              if (b.left < o.right && o.left < b.right && b.top < o.bottom && o.top < b.bottom) { return true; }
            }
          }
        }
        return false;
      };
      var add = function (b) {
        for (var i = Math.floor(b.left / CELL); i <= Math.floor(b.right / CELL); i++) {
          for (var j = Math.floor(b.top / CELL); j <= Math.floor(b.bottom / CELL); j++) {
            (grid[i + "," + j] = grid[i + "," + j] || []).push(b);
          }
        }
      };
      var inView = data.nodes.filter(function (n) {
        return n.x >= topLeft.x - 80 && n.x <= bottomRight.x + 80 && n.y >= topLeft.y - 40 && n.y <= bottomRight.y + 40;
      });
      inView.forEach(function (n) { // names go over context dots (their outline keeps them legible), never over others
        if (!isContext[n.id]) { add({ left: n.x - n.size, right: n.x + n.size, top: n.y - n.size, bottom: n.y + n.size }); }
        var label = network.body.nodes[n.id].labelModule;
        if (!isContext[n.id] && label.visible()) {
          var b = label.getSize();
          add({ left: b.left, right: b.left + b.width, top: b.top, bottom: b.top + b.height });
        }
      });
      var font = data.fonts.context;
      measure.font = font + "px " + data.options.nodes.font.face;
      inView.filter(function (n) { return isContext[n.id]; }).forEach(function (n) {
        if (widths[n.id] === undefined) { widths[n.id] = measure.measureText(String(n.label)).width; }
        var half = widths[n.id] / 2 + 2;
        var top = n.y + n.size + font / 2 + 2;
        var box = { left: n.x - half, right: n.x + half, top: top, bottom: top + font + 4 };
        if (!taken(box)) { add(box); next[n.id] = true; }
      });
    }
    var differs = Object.keys(next).length !== Object.keys(labelOn).length ||
      Object.keys(next).some(function (id) { return labelOn[id] !== next[id]; });
    labelOn = next;
    if (differs) { restyle(); }
  }

  var declutterTimer = null;
  function declutterSoon() {
    clearTimeout(declutterTimer);
    declutterTimer = setTimeout(declutter, 120);
  }
  var lastView = "";
  network.on("afterDrawing", function () { // any change of view, by the user or by this page
    var at = network.getViewPosition();
    var view = network.getScale().toFixed(4) + "," + at.x.toFixed(1) + "," + at.y.toFixed(1);
    if (view !== lastView) { lastView = view; declutterSoon(); }
  });

  // --- the view ---------------------------------------------------------------------------------

  // The box a person takes on the map with their name, as drawn (or, before the first drawing, as the
  // layout reckoned it).
  function boxOf(id) {
    var body = network.body.nodes[id];
    if (body && body.labelModule.size.width > 0 && body.shape.boundingBox.right > body.shape.boundingBox.left) {
      var shape = body.shape.boundingBox, label = body.labelModule.getSize();
      return { left: Math.min(shape.left, label.left), right: Math.max(shape.right, label.left + label.width),
               top: shape.top, bottom: Math.max(shape.bottom, label.top + label.height) };
    }
    var n = byId[id];
    var font = n.font ? n.font.size : data.fonts.context;
    var half = Math.max(n.size, 0.3 * font * String(n.label).length);
    return { left: n.x - half, right: n.x + half, top: n.y - n.size, bottom: n.y + n.size + 1.6 * font + 4 };
  }

  // The scale at which these people fit into the part of the map the docked card leaves free.
  function fitting(ids, maxScale) {
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = boxOf(id);
      box.left = Math.min(box.left, b.left);
      box.top = Math.min(box.top, b.top);
      box.right = Math.max(box.right, b.right);
      box.bottom = Math.max(box.bottom, b.bottom);
    });
    var cardWidth = card.hidden || !card.classList.contains("docked") ? 0 : card.offsetWidth + 16;
    var width = Math.max(120, stage.clientWidth - cardWidth - 24);
    var height = Math.max(120, stage.clientHeight - 44); // 8 px above, the hint's line below
    var scale = Math.min(width / Math.max(1, box.right - box.left), height / Math.max(1, box.bottom - box.top), maxScale);
    return { box: box, scale: scale, cardWidth: cardWidth };
  }

  // Fit these people into the part of the map the docked card leaves free.
  function fitTo(ids, maxScale, minScale) {
    var fit = fitting(ids, maxScale), box = fit.box, cardWidth = fit.cardWidth;
    var scale = Math.max(fit.scale, minScale || 0); // on a small screen, names stay readable: the edges may be cut
    network.moveTo({
      position: { x: (box.left + box.right) / 2 + cardWidth / 2 / scale, y: (box.top + box.bottom) / 2 + 14 / scale },
      scale: scale,
      animation: false
    });
    declutter();
  }

  function firstView() {
    fitTo(important, 1.5);
    var readable = MIN_LABEL / data.fonts.ranked;
    if (network.getScale() < readable) { // too many to read at once: you, the best ten and whom to ask
      var best;
      [10, 5, 3, 1, 0].some(function (count) { // on a very wide map, as many of the best as fit
        best = count ? [you] : [];
        ranked.slice(0, count || 1).forEach(function (n) {
          best.push(n.id);
          if (n.card.bridges.length && byId[n.card.bridges[0].id]) { best.push(n.card.bridges[0].id); }
        });
        return fitting(best, readable).scale >= readable; // (the last: the best one and whom to ask)
      });
      fitTo(best, readable, readable);
    }
    firstScale = network.getScale();
    // Context names are small and many: drawn only once zoomed in well past the first view.
    contextThreshold = data.fonts.context * firstScale * CONTEXT_ZOOM;
  }

  function zoomToSelection() {
    var id = state.selected;
    if (id === null) { return; }
    var c = byId[id].card;
    var ids;
    if (c.kind === "bridge") {
      ids = [id, you].concat(c.introduces);
    } else if (c.kind === "you") {
      ids = important.filter(function (m) { return m === you || byId[m].card.kind === "bridge"; });
    } else if (c.kind === "contact" && !c.rank) {
      ids = [id, you];
    } else {
      ids = [id, you].concat(c.bridges.map(function (b) { return b.id; }).filter(function (b) { return byId[b]; }));
    }
    fitTo(ids.length > 1 ? ids : [id, you], 1.1);
  }

  // --- the card ---------------------------------------------------------------------------------

  function section(title) { card.appendChild(el("h4", title)); }

  function fillCard(id, docked) {
    var n = byId[id];
    var c = n.card;
    card.replaceChildren();
    var close = el("button", "×", "close");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.hidden = !docked;
    close.addEventListener("click", function () { choose(null); });
    card.appendChild(close);
    card.appendChild(el("h3", c.name));
    if (c.role) { card.appendChild(el("p", c.role, "role")); }
    var facts = [];
    if (c.rank) { facts.push("#" + c.rank + " of " + ranked.length + " suggestions"); }
    if (c.score !== null && c.score !== undefined) { facts.push("score " + c.score + " / 100"); }
    if (c.industry_name) { facts.push(c.industry_name); }
    if (facts.length) { card.appendChild(el("p", facts.join(" · "), "muted")); }
    if (c.stage) { card.appendChild(el("p", c.stage, "stage")); }
    if (c.next) { card.appendChild(el("p", c.next, "next")); }
    if (c.kind === "you") {
      card.appendChild(el("p", "This is you. The friends around you can introduce you to the people beyond them.", "muted"));
    } else if (c.kind === "bridge") {
      bridgeCard(n, docked);
    } else if (c.kind === "contact" && !c.rank) {
      card.appendChild(el("p", "Your contact.", "muted"));
    }
    if (c.why && c.why.length) {
      section("Why");
      var why = el("ul");
      c.why.forEach(function (w) { var li = el("li"); li.appendChild(el("span", w)); why.appendChild(li); });
      card.appendChild(why);
    }
    if (c.kind !== "bridge" && c.kind !== "you") {
      if (c.bridges.length) {
        section(c.rank ? "Whom to ask (best first)" : "Friends who know them");
        var ask = el("ol");
        c.bridges.slice(0, SHOWN_BRIDGES).forEach(function (b, i) {
          var li = el("li");
          li.appendChild(el("span", b.name + (i === 0 && c.rank ? " — ask first" : ""), i === 0 ? "ask-first" : ""));
          ask.appendChild(li);
        });
        card.appendChild(ask);
        if (c.bridges.length > SHOWN_BRIDGES) { card.appendChild(el("p", "and " + (c.bridges.length - SHOWN_BRIDGES) + " more", "muted")); }
      } else if (c.rank) {
        card.appendChild(el("p", "Your own contact: ask them directly.", "muted"));
      }
    }
    if (c.draft) { draftSection(c.draft); }
    if (c.url && LINKEDIN.test(c.url)) {
      var link = el("a", "LinkedIn profile");
      link.href = c.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      var p = el("p");
      p.appendChild(link);
      card.appendChild(p);
    }
  }

  // The draft that fits their stage, as text to copy (netmap never sends anything).
  function draftSection(draft) {
    var box = el("details", null, "draft");
    box.appendChild(el("summary", draft.title));
    var text = el("pre", draft.text, "draft");
    box.appendChild(text);
    card.appendChild(box);
    var copy = el("button", "Copy the text", "copy");
    copy.type = "button";
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = "Copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(draft.text).then(done, function () { copyBySelection(text, done); });
      } else {
        copyBySelection(text, done);
      }
    });
    card.appendChild(copy);
  }

  function copyBySelection(node, done) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (document.execCommand("copy")) { done(); }
  }

  function bridgeCard(n, docked) {
    var c = n.card;
    var them = c.introduces.map(function (id) { return byId[id]; }).filter(Boolean);
    var others = Math.max(0, c.reaches - them.length);
    card.appendChild(el("p", "Your contact, who shared their contacts: a friend who can introduce you.", "muted"));
    section("Can introduce you to " + plural(them.length, "suggestion") + " (best first)");
    if (them.length) {
      var whom = el("ol");
      them.slice(0, SHOWN_BRIDGES).forEach(function (m) {
        var li = el("li");
        li.appendChild(el("span", m.card.name + (m.card.role ? ", " + m.card.role : "")));
        whom.appendChild(li);
      });
      card.appendChild(whom);
      if (them.length > SHOWN_BRIDGES) {
        card.appendChild(el("p", "and " + (them.length - SHOWN_BRIDGES) + " more" + (docked ? ", listed on the left" : ""), "muted"));
      }
    }
    if (docked) {
      card.appendChild(el("p", "Showing everyone " + firstName(c.name) + " can introduce: " + plural(them.length, "suggestion") +
        (others ? " and " + plural(others, "more person", "more people") : "") + " on this map.", "hint"));
    } else {
      card.appendChild(el("p", "Click to see everyone " + firstName(c.name) + " can introduce" +
        (others ? " (" + plural(them.length + others, "person", "people") + " on this map)" : "") + ".", "hint"));
    }
  }

  function placeCard(pointer) {
    var box = stage.getBoundingClientRect();
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var x = pointer.x + 18;
    if (x + width > box.width - 8) { x = pointer.x - width - 18; }
    var y = pointer.y - height / 3;
    card.style.left = Math.max(8, Math.min(x, box.width - width - 8)) + "px";
    card.style.top = Math.max(8, Math.min(y, box.height - height - 8)) + "px";
  }

  function showHover(id, pointer) {
    if (id === state.selected) { return; }
    state.hovered = id;
    card.classList.remove("docked");
    card.hidden = false;
    fillCard(id, false);
    card.style.right = "auto";
    placeCard(pointer);
  }

  function showDocked() {
    state.hovered = null;
    if (state.selected === null) { card.hidden = true; return; }
    card.classList.add("docked");
    card.style.left = "";
    card.style.top = "";
    card.style.right = "";
    fillCard(state.selected, true);
    card.hidden = false;
  }

  // --- choosing a person ------------------------------------------------------------------------

  function choose(id, how) {
    how = how || {};
    if (id !== null && !byId[id]) { id = null; }
    state.selected = id;
    if (id !== null && byId[id].card.kind === "bridge") {
      state.via = id; // the list shows whom this friend can introduce
    } else if (id !== null && state.via !== null && !byId[id].card.bridges.some(function (b) { return b.id === state.via; })) {
      state.via = null;
    }
    if (id === null) { network.unselectAll(); } else { network.selectNodes([id], false); }
    showDocked();
    restyle();
    renderList();
    writeHash();
    if (how.zoom && id !== null) { zoomToSelection(); }
  }

  function move(step) {
    var shown = listed();
    if (!shown.length) { return; }
    var at = -1;
    shown.forEach(function (n, i) { if (n.id === state.selected) { at = i; } });
    var next = at === -1 ? (step > 0 ? 0 : shown.length - 1) : Math.max(0, Math.min(shown.length - 1, at + step));
    choose(shown[next].id, { zoom: true });
  }

  // --- the URL fragment keeps the selection (and the industry) across a reload -------------------

  function writeHash() {
    var parts = [];
    if (state.selected !== null) { parts.push("person=" + state.selected); }
    if (state.industry) { parts.push("industry=" + encodeURIComponent(state.industry)); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (location.hash === hash || (!hash && !location.hash)) { return; }
    try {
      history.replaceState(null, "", hash || location.pathname + location.search);
    } catch (err) {
      location.hash = hash;
    }
  }

  function readHash() {
    var found = { person: null, industry: "" };
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv[0] === "person" && /^-?\d+$/.test(kv[1] || "")) { found.person = Number(kv[1]); }
      if (kv[0] === "industry") { found.industry = decodeURIComponent(kv[1] || ""); }
    });
    if (found.industry && !industryName[found.industry]) { found.industry = ""; }
    return found;
  }

  function applyHash(starting) {
    var found = readHash();
    if (starting === true && found.person === null && !found.industry) { renderList(); return; } // the look it starts with
    state.industry = found.industry;
    select.value = found.industry;
    if (found.person !== null && byId[found.person]) {
      choose(found.person, { zoom: true });
    } else {
      choose(null);
    }
  }

  // --- controls ---------------------------------------------------------------------------------

  function resetView() {
    state.industry = "";
    state.search = "";
    state.via = null;
    searchBox.value = "";
    select.value = "";
    allEdges.checked = false;
    statusLine.textContent = "";
    choose(null);
    firstView();
  }

  network.on("hoverNode", function (params) { showHover(params.node, params.pointer.DOM); });
  network.on("blurNode", function () { if (state.hovered !== null) { showDocked(); } });
  network.on("click", function (params) {
    if (params.nodes.length) {
      choose(params.nodes[0], { zoom: byId[params.nodes[0]].card.kind === "bridge" });
    } else if (!params.edges.length) {
      state.via = null;
      choose(null);
    }
  });

  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = searchBox.value.trim().toLowerCase();
    if (!text) { return; }
    var found = data.nodes.filter(function (n) { return n.card.name.toLowerCase().indexOf(text) !== -1; });
    found.sort(function (a, b) {
      return (a.card.rank || 1e9) - (b.card.rank || 1e9) || (b.card.score || 0) - (a.card.score || 0) || a.id - b.id;
    });
    if (!found.length) { statusLine.textContent = "Nobody on the map matches that name."; return; }
    statusLine.textContent = found.length > 1 ? found.length + " people match; showing the best suggestion among them." : "";
    choose(found[0].id, { zoom: true });
  });
  searchBox.addEventListener("input", function () {
    state.search = searchBox.value.trim().toLowerCase();
    statusLine.textContent = "";
    renderList();
  });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); list.focus(); move(1); }
  });

  data.industries.forEach(function (ind) {
    var option = el("option", ind.name + " (" + ind.count + ")");
    option.value = ind.slug;
    select.appendChild(option);
  });
  select.addEventListener("change", function () {
    state.industry = select.value;
    if (state.selected !== null && state.industry && byId[state.selected].card.rank && byId[state.selected].industry !== state.industry) {
      state.selected = null;
    }
    choose(state.selected);
  });
  allEdges.addEventListener("change", function () { restyle(); });
  document.getElementById("reset").addEventListener("click", resetView);
  document.getElementById("via-clear").addEventListener("click", function () {
    state.via = null;
    if (state.selected !== null && byId[state.selected].card.kind === "bridge") { choose(null); } else { renderList(); }
  });

  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape") {
      choose(null);
    }
  });
  window.addEventListener("hashchange", applyHash);

  // --- the legend -------------------------------------------------------------------------------

  var legend = document.getElementById("legend-industries");
  function legendItem(colour, text, title) {
    var item = el("li");
    if (title) { item.title = title; }
    var swatch = el("span", null, "swatch");
    swatch.style.background = colour;
    item.appendChild(swatch);
    item.appendChild(el("span", text));
    legend.appendChild(item);
  }
  var grey = data.industries.filter(function (i) { return i.color === data.other; });
  data.industries.forEach(function (i) {
    if (i.color !== data.other || grey.length === 1) { legendItem(i.color, i.name + " " + i.count.toLocaleString("en")); }
  });
  if (grey.length > 1) {
    var greyCount = grey.reduce(function (sum, i) { return sum + i.count; }, 0);
    legendItem(data.other, grey.length + " other industries " + greyCount.toLocaleString("en"),
      grey.map(function (i) { return i.name + " " + i.count; }).join(", "));
  }
  var rings = document.getElementById("legend-stages");
  data.stages.forEach(function (st) {
    var item = el("li");
    var ring = el("span", null, "ring");
    ring.style.borderColor = st.color;
    item.appendChild(ring);
    item.appendChild(el("span", st.name));
    rings.appendChild(item);
  });
  rings.hidden = !data.stages.length;
  var kinds = data.counts;
  document.getElementById("legend-bridges").textContent = plural(kinds.bridge, "friend") + " who can introduce you (size: how many)";
  document.getElementById("legend-suggestions").textContent = plural(kinds.ranked, "suggestion") + " (size: score)";
  document.getElementById("legend-context").textContent = plural(kinds.context, "more person", "more people") + ", as context";

  // --- start ------------------------------------------------------------------------------------

  network.once("afterDrawing", function () {
    window.netmapFirstDraw = performance.now();
    if (state.selected === null) { firstView(); } else { zoomToSelection(); }
  });
  restyle(true);
  firstView();
  applyHash(true);

  // For tests and the curious: read-only views of what is drawn.
  window.netmap = {
    network: network,
    visibleIds: function () { return nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; }); },
    brightIds: function () { return nodes.get({ filter: function (n) { return n.bright !== false; } }).map(function (n) { return n.id; }); },
    pathEdges: function () {
      return edges.get({ filter: function (e) { return !e.hidden && e.color && e.color.color === PATH; } })
        .map(function (e) { return [e.from, e.to]; });
    },
    listIds: function () { return Array.prototype.map.call(list.children, function (li) { return Number(li.dataset.id); }); },
    selected: function () { return state.selected; },
    pointerOf: function (id) { return network.canvasToDOM(network.getPositions([id])[id]); },
    card: function () { // the card's text, without its close button
      if (card.hidden) { return null; }
      return Array.prototype.filter.call(card.children, function (c) { return !c.classList.contains("close"); })
        .map(function (c) { return c.textContent; }).join("\n");
    },
    firstScale: function () { return firstScale; },
    select: function (id) { choose(id, { zoom: true }); }
  };
})();
