// netmap's map: everything here reads data, never markup. Text goes in with textContent; the only
// link is a LinkedIn profile URL checked below. No request leaves the page (see the CSP).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("netmap-data").textContent);
  var LINKEDIN = /^https:\/\/([a-z0-9-]+\.)*linkedin\.com\/(in|pub)\/[^\s]+$/i;
  var DIM = { background: "#e6e8ec", border: "#d5d8de" };
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var card = document.getElementById("card");
  var statusLine = document.getElementById("status");
  var pinned = null;
  var focused = null;

  network.once("afterDrawing", function () { window.netmapFirstDraw = performance.now(); });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function showCard(id, pointer) {
    var n = byId[id];
    if (!n) { return; }
    var c = n.card;
    card.replaceChildren();
    card.appendChild(el("h3", c.name));
    var job = [c.position, c.company].filter(Boolean).join(" at ");
    if (job) { card.appendChild(el("p", job)); }
    card.appendChild(el("p", c.industry_name + (c.kind_label ? " · " + c.kind_label : ""), "muted"));
    if (c.score !== null && c.score !== undefined) { card.appendChild(el("p", "Score " + c.score + " / 100")); }
    if (c.why && c.why.length) { card.appendChild(el("p", c.why.join("; "))); }
    if (c.bridges && c.bridges.length) {
      card.appendChild(el("p", "Can introduce you:", "muted"));
      var list = el("ul");
      c.bridges.forEach(function (b) { list.appendChild(el("li", b)); });
      card.appendChild(list);
    }
    if (c.url && LINKEDIN.test(c.url)) {
      var link = el("a", "LinkedIn profile");
      link.href = c.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      var p = el("p");
      p.appendChild(link);
      card.appendChild(p);
    }
    var box = container.getBoundingClientRect();
    var x = Math.min(pointer.x + 16, box.width - 300);
    var y = Math.min(pointer.y + 16, box.height - 160);
    card.style.left = Math.max(0, x) + "px";
    card.style.top = Math.max(0, y) + "px";
    card.hidden = false;
  }

  function hideCard() { if (pinned === null) { card.hidden = true; } }

  function restyle(keep) {
    nodes.update(data.nodes.map(function (n) {
      var bright = keep === null || keep[n.id];
      return { id: n.id, color: bright ? n.color : DIM, font: { color: bright ? "#1d2433" : "#b0b5bf" } };
    }));
    edges.update(data.edges.map(function (e) {
      var bright = keep === null || (keep[e.from] && keep[e.to]);
      return { id: e.id, color: { color: bright ? "#8f98aa" : "#eceef2", opacity: bright ? 0.6 : 0.3 } };
    }));
  }

  function focusOn(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    focused = id;
    restyle(keep);
  }

  function pointerOf(id) {
    var pos = network.getPositions([id])[id];
    return network.canvasToDOM(pos);
  }

  function resetView() {
    pinned = null;
    focused = null;
    card.hidden = true;
    statusLine.textContent = "";
    document.getElementById("industry").value = "";
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: false }; }));
    restyle(null);
    network.unselectAll();
    network.fit({ animation: false });
  }

  network.on("hoverNode", function (params) { if (pinned === null) { showCard(params.node, params.pointer.DOM); } });
  network.on("blurNode", hideCard);
  network.on("click", function (params) {
    if (params.nodes.length) {
      pinned = params.nodes[0];
      focusOn(pinned);
      showCard(pinned, params.pointer.DOM);
    } else {
      pinned = null;
      card.hidden = true;
      if (focused !== null) { focused = null; restyle(null); }
    }
  });

  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = document.getElementById("search-text").value.trim().toLowerCase();
    if (!text) { return; }
    var found = data.nodes.filter(function (n) {
      return !nodes.get(n.id).hidden && n.card.name.toLowerCase().indexOf(text) !== -1;
    });
    found.sort(function (a, b) { return (b.card.score || 0) - (a.card.score || 0) || a.id - b.id; });
    if (!found.length) { statusLine.textContent = "Nobody on the map matches that name."; return; }
    statusLine.textContent = found.length > 1 ? found.length + " people match; showing the best suggestion." : "";
    var id = found[0].id;
    network.selectNodes([id]);
    network.focus(id, { scale: 0.9, animation: false });
    pinned = id;
    focusOn(id);
    showCard(id, pointerOf(id));
  });

  var select = document.getElementById("industry");
  var legend = document.getElementById("legend-industries");
  data.industries.forEach(function (ind) {
    var option = el("option", ind.name + " (" + ind.count + ")");
    option.value = ind.slug;
    select.appendChild(option);
    var item = el("li");
    var swatch = el("span", null, "swatch");
    swatch.style.background = ind.color;
    item.appendChild(swatch);
    item.appendChild(el("span", ind.name + " (" + ind.count + ")"));
    legend.appendChild(item);
  });
  select.addEventListener("change", function () {
    var only = select.value;
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, hidden: only !== "" && n.card.kind !== "you" && n.industry !== only };
    }));
  });
  document.getElementById("reset").addEventListener("click", resetView);

  // For tests and the curious: read-only views of what is drawn.
  window.netmap = {
    network: network,
    visibleIds: function () { return nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; }); },
    pointerOf: pointerOf,
    card: function () { return card.hidden ? null : card.textContent; }
  };
})();
