/* kg viewer: draws the embedded graph with vis-network and explains each node from its evidence.
   Article text is untrusted: it only ever reaches the page through textContent (never innerHTML),
   and vis-network shows string tooltips with innerText. */
(function () {
  "use strict";

  performance.mark("kg:start");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var kindInfo = {};
  data.kinds.forEach(function (k) { kindInfo[k.id] = k; });
  var typeInfo = {};
  data.eventTypes.forEach(function (t) { typeInfo[t.id] = t; });
  var roleInfo = {};
  data.roles.forEach(function (r) { roleInfo[r.id] = r; });
  var ROLE_ORDER = data.roles.map(function (r) { return r.id; });
  var INVERSE = {
    agent: "agent of", target: "target of", participant: "took part in", place: "place of",
    speaker: "said", about: "talked about in", disputes: "disputed by", affiliation: "has member"
  };
  var COMMUNITY_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295"];
  var BIG = data.nodes.length > 400;

  var $ = function (id) { return document.getElementById(id); };

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function swatch(shape, colour) {
    var ns = "http://www.w3.org/2000/svg";  // a namespace name, not a fetched resource
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("aria-hidden", "true");
    var s;
    var pts = {
      triangle: "7,1 13,12 1,12", triangleDown: "1,2 13,2 7,13", diamond: "7,0.5 13.5,7 7,13.5 0.5,7",
      hexagon: "3.5,1 10.5,1 13.5,7 10.5,13 3.5,13 0.5,7",
      star: "7,0.5 8.8,5 13.5,5.2 9.8,8.2 11.1,13 7,10.3 2.9,13 4.2,8.2 0.5,5.2 5.2,5"
    }[shape];
    if (pts) {
      s = document.createElementNS(ns, "polygon");
      s.setAttribute("points", pts);
    } else if (shape === "square" || shape === "box") {
      s = document.createElementNS(ns, "rect");
      s.setAttribute("x", "1.5"); s.setAttribute("y", shape === "box" ? "3" : "1.5");
      s.setAttribute("width", "11"); s.setAttribute("height", shape === "box" ? "8" : "11");
      s.setAttribute("rx", shape === "box" ? "2" : "0");
    } else {
      s = document.createElementNS(ns, "circle");
      s.setAttribute("cx", "7"); s.setAttribute("cy", "7"); s.setAttribute("r", "6");
    }
    s.setAttribute("fill", colour);
    s.setAttribute("stroke", "#555");
    s.setAttribute("stroke-width", "0.8");
    svg.appendChild(s);
    return svg;
  }

  function kindText(n) {
    if (n.kind === "Event") { return (n.typeLabel || "event") + " (event)"; }
    return kindInfo[n.kind] ? kindInfo[n.kind].label : n.kind;
  }

  function darker(hex) {
    var v = parseInt(hex.slice(1), 16);
    var f = function (c) { return Math.max(0, Math.round(c * 0.6)); };
    var r = f(v >> 16), g = f((v >> 8) & 255), b = f(v & 255);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }

  function colourOf(n) {
    var fill = $("kg-community").checked ? COMMUNITY_COLOURS[n.community % COMMUNITY_COLOURS.length] : n.color;
    var line = n.kind === "Statement" && !$("kg-community").checked ? "#8a74a8" : darker(fill);
    return { background: fill, border: line, highlight: { background: fill, border: "#111" },
      hover: { background: fill, border: "#111" } };
  }

  // ---------------------------------------------------------------- the network
  function fontOf(n) {
    if (n.kind === "Statement") { return { size: 11, color: "#2b2340", strokeWidth: 0 }; }
    if (n.kind === "Event") { return { color: darker(n.color) }; }
    return { color: "#1d1d1f" };
  }

  // Nodes without any link (entities the text names but no event or statement involves) crowd a
  // large graph; there they start hidden and are only handed to vis-network when asked for,
  // since vis-network's cost is per node.
  var linked = new Set();
  data.edges.forEach(function (e) { linked.add(e.from); linked.add(e.to); });
  var unlinked = data.nodes.length - data.nodes.filter(function (n) { return linked.has(n.id); }).length;
  $("kg-unlinked").checked = !BIG;
  $("kg-unlinked-n").textContent = String(unlinked);
  $("kg-unlinked").parentNode.hidden = unlinked === 0;
  var loaded = new Set();

  function visNode(n) {
    loaded.add(n.id);
    var node = {
      id: n.id, label: n.short, title: n.label + "\n" + kindText(n), x: n.x, y: n.y,
      shape: n.shape, color: colourOf(n), font: fontOf(n)
    };
    if (n.kind === "Statement") {
      node.margin = 5;
      node.widthConstraint = { maximum: 150 };
    } else {
      node.value = n.value;
    }
    return node;
  }
  var visNodes = new vis.DataSet(data.nodes.filter(function (n) {
    return linked.has(n.id) || $("kg-unlinked").checked;
  }).map(visNode));
  var edgeLabels = data.edges.length <= 300;
  var visEdges = new vis.DataSet(data.edges.map(function (e, i) {
    var r = roleInfo[e.role];
    return {
      id: "e" + i, from: e.from, to: e.to, role: e.role, dashes: r.dashes, label: edgeLabels ? e.role : undefined,
      arrows: r.arrow ? { to: { enabled: true, scaleFactor: 0.45 } } : undefined,
      color: { color: r.color, highlight: r.color, hover: r.color, opacity: 0.75 }
    };
  }));
  var network = new vis.Network($("kg-graph"), { nodes: visNodes, edges: visEdges }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: !BIG || data.nodes.length <= 3000, tooltipDelay: 300, hideEdgesOnDrag: BIG,
      hideEdgesOnZoom: BIG, multiselect: false, navigationButtons: false, keyboard: false },
    nodes: {
      borderWidth: 1, borderWidthSelected: 3,
      font: { face: "system-ui, sans-serif", color: "#1d1d1f", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 7, max: 30, label: { enabled: true, min: 11, max: 18, maxVisible: 24, drawThreshold: BIG ? 8 : 4 } }
    },
    edges: {
      smooth: false, width: 1, selectionWidth: 1.5, hoverWidth: 0.5,
      // "horizontal": vis-network 9.1.2 draws a rotated ("middle") label at the canvas origin when
      // its edge is exactly horizontal and points left.
      font: { size: 10, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" }
    }
  });

  performance.mark("kg:network");
  // ---------------------------------------------------------------- filters
  var hiddenNodes = new Set(), hiddenEdges = new Set();
  var dated = data.nodes.filter(function (n) { return n.from; });
  var minDate = dated.reduce(function (m, n) { return !m || n.from < m ? n.from : m; }, "");
  var maxDate = dated.reduce(function (m, n) { return !m || n.to > m ? n.to : m; }, "");

  function checkbox(list, value, label, count, colour, shape, group) {
    var li = el("li");
    if (!count) { li.className = "kg-zero"; }
    var lab = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.dataset.group = group;
    box.addEventListener("change", applyFilters);
    lab.appendChild(box);
    lab.appendChild(swatch(shape, colour));
    lab.appendChild(el("span", "", label));
    lab.appendChild(el("span", "kg-n", count));
    li.appendChild(lab);
    list.appendChild(li);
  }

  data.kinds.forEach(function (k) {
    checkbox($("kg-kinds"), k.id, k.label, k.count, k.id === "Event" ? "#ffffff" : k.color, k.shape, "kind");
  });
  var lastCategory = null;
  data.eventTypes.forEach(function (t) {
    if (t.category !== lastCategory) {
      $("kg-types").appendChild(el("li", "kg-cat", t.categoryLabel));
      lastCategory = t.category;
    }
    checkbox($("kg-types"), t.id, t.label, t.count, t.color, "diamond", "type");
  });
  if (!data.eventTypes.length) { $("kg-types-section").hidden = true; }
  data.roles.forEach(function (r) {
    var li = el("li");
    var line = el("span", "kg-line" + (r.dashes ? " kg-dashed" : ""));
    line.style.borderTopColor = r.color;
    li.appendChild(line);
    li.appendChild(el("span", "", r.id + (r.arrow ? " →" : "")));
    $("kg-roles").appendChild(li);
  });
  if (minDate) {
    [$("kg-from"), $("kg-to")].forEach(function (input) { input.min = minDate; input.max = maxDate; });
    $("kg-from").value = minDate;
    $("kg-to").value = maxDate;
  } else {
    $("kg-dates-section").hidden = true;
  }

  function checked(group) {
    var set = new Set();
    document.querySelectorAll("input[data-group='" + group + "']").forEach(function (b) {
      if (b.checked) { set.add(b.value); }
    });
    return set;
  }

  function visibleNow() {
    var kinds = checked("kind"), types = checked("type");
    var from = $("kg-from").value, to = $("kg-to").value, undated = $("kg-undated").checked;
    var withUnlinked = $("kg-unlinked").checked;
    var least = parseFloat($("kg-confidence").value) || 0;
    return function (n) {
      if (!kinds.has(n.kind)) { return false; }
      if (least > 0 && n.confidence !== undefined && n.confidence < least) { return false; }
      if (!withUnlinked && !linked.has(n.id)) { return false; }
      if (n.kind === "Event" && !types.has(n.type)) { return false; }
      if (n.kind === "Event" || n.kind === "Statement") {
        if (!n.from) { return undated; }
        if (from && n.to < from) { return false; }
        if (to && n.from > to) { return false; }
      }
      return true;
    };
  }

  function applyFilters() {
    var visible = visibleNow(), nodeChanges = [], edgeChanges = [], added = [], shown = 0;
    data.nodes.forEach(function (n) {
      var hide = !visible(n);
      if (!hide) { shown += 1; }
      if (!loaded.has(n.id)) {
        if (hide) { hiddenNodes.add(n.id); } else { hiddenNodes.delete(n.id); added.push(visNode(n)); }
        return;
      }
      if (hide !== hiddenNodes.has(n.id)) {
        if (hide) { hiddenNodes.add(n.id); } else { hiddenNodes.delete(n.id); }
        nodeChanges.push({ id: n.id, hidden: hide });
      }
    });
    visEdges.forEach(function (e) {
      var hide = hiddenNodes.has(e.from) || hiddenNodes.has(e.to);
      if (hide !== hiddenEdges.has(e.id)) {
        if (hide) { hiddenEdges.add(e.id); } else { hiddenEdges.delete(e.id); }
        edgeChanges.push({ id: e.id, hidden: hide });
      }
    });
    if (added.length) { visNodes.add(added); }
    if (nodeChanges.length) { visNodes.update(nodeChanges); }
    if (edgeChanges.length) { visEdges.update(edgeChanges); }
    var count = $("kg-count");
    count.dataset.visible = String(shown);
    count.dataset.total = String(data.nodes.length);
    var shownText = shown === data.nodes.length ? shown + " nodes" : shown + " of " + data.nodes.length + " nodes";
    var scope = data.meta.totalNodes > data.nodes.length ? " (of " + data.meta.totalNodes + " in the graph)" : "";
    count.textContent = shownText + scope;
    if (selected && hiddenNodes.has(selected)) { refreshPanel(); }
  }

  ["kg-from", "kg-to", "kg-undated", "kg-unlinked"].forEach(function (id) { $(id).addEventListener("change", applyFilters); });
  // Facts the trained models scored carry nkg:confidence; the slider hides those under it.
  if (!data.nodes.some(function (n) { return n.confidence !== undefined; })) { $("kg-confidence-section").hidden = true; }
  $("kg-confidence").addEventListener("input", function () {
    $("kg-confidence-value").textContent = parseFloat($("kg-confidence").value).toFixed(2);
    applyFilters();
  });
  $("kg-reset").addEventListener("click", function () {
    document.querySelectorAll("#kg-side input[type=checkbox][data-group]").forEach(function (b) { b.checked = true; });
    $("kg-undated").checked = true;
    $("kg-unlinked").checked = !BIG;
    $("kg-from").value = minDate;
    $("kg-to").value = maxDate;
    $("kg-confidence").value = "0";
    $("kg-confidence-value").textContent = "0.00";
    applyFilters();
  });
  $("kg-edge-labels").checked = edgeLabels;
  function applyEdgeLabels() {
    var on = $("kg-edge-labels").checked;
    visEdges.update(visEdges.map(function (e) { return { id: e.id, label: on ? e.role : undefined }; }));
  }
  $("kg-edge-labels").addEventListener("change", applyEdgeLabels);
  $("kg-community").addEventListener("change", function () { recolour(); });

  // ---------------------------------------------------------------- selection and neighbourhood
  var selected = null;
  var neighbours = new Map();
  data.edges.forEach(function (e, i) {
    e.visId = "e" + i;
    if (!neighbours.has(e.from)) { neighbours.set(e.from, []); }
    if (!neighbours.has(e.to)) { neighbours.set(e.to, []); }
    neighbours.get(e.from).push(e);
    neighbours.get(e.to).push(e);
  });

  // The neighbourhood of the selected node is drawn again on top of a veil over everything else.
  // Updating the dimmed nodes' colours instead would make vis-network re-parse and re-measure
  // every node: seconds at a few thousand nodes. This costs only the neighbourhood, per frame.
  var lit = null;

  function highlight(id) {
    if (!id) {
      lit = null;
    } else {
      var near = new Set([id]), links = [];
      (neighbours.get(id) || []).forEach(function (e) { near.add(e.from); near.add(e.to); links.push(e.visId); });
      lit = { nodes: Array.from(near), edges: links };
    }
    network.redraw();
  }

  network.on("afterDrawing", function (ctx) {
    if (!lit) { return; }
    var canvas = ctx.canvas;
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: canvas.clientWidth, y: canvas.clientHeight });
    ctx.save();
    ctx.fillStyle = "rgba(250, 250, 252, 0.82)";
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    ctx.restore();
    var body = network.body, labels = [];
    lit.edges.forEach(function (id) {
      var edge = body.edges[id];
      if (edge && !hiddenEdges.has(id)) { edge.draw(ctx); edge.drawArrows(ctx); }
    });
    lit.nodes.forEach(function (id) {
      var node = body.nodes[id];
      if (node && !hiddenNodes.has(id)) {
        var drawn = node.draw(ctx);
        if (drawn && drawn.drawExternalLabel) { labels.push(drawn.drawExternalLabel); }
      }
    });
    labels.forEach(function (draw) { draw(); });
  });

  function recolour() {
    visNodes.update(data.nodes.filter(function (n) { return loaded.has(n.id); })
      .map(function (n) { return { id: n.id, color: colourOf(n) }; }));
  }

  function select(id, options) {
    var n = byId.get(id);
    if (!n) { return; }
    selected = id;
    if (loaded.has(id)) { network.selectNodes([id]); } else { network.unselectAll(); }
    highlight(id);
    openPanel(n);
    if (options && options.move && loaded.has(id) && !hiddenNodes.has(id)) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    }
  }

  // The panel takes its width from the graph: tell vis-network at once (its own check is
  // periodic), keeping the view centred, so a click or zoom right after lands where it should.
  function resized() {
    network.setSize("100%", "100%");
    network.redraw();
  }

  // vis-network's own fit() also counts hidden nodes.
  function fitVisible(animation) {
    var ids = [];
    loaded.forEach(function (id) { if (!hiddenNodes.has(id)) { ids.push(id); } });
    network.fit({ nodes: ids, animation: animation, maxZoomLevel: 1.6 });
  }

  function deselect() {
    selected = null;
    network.unselectAll();
    highlight(null);
    if (!$("kg-panel").hidden) {
      $("kg-panel").hidden = true;
      resized();
    }
  }

  // Hovering shows a node's neighbourhood the same way, until the pointer leaves (or a click).
  network.on("hoverNode", function (params) { if (!selected) { highlight(params.node); } });
  network.on("blurNode", function () { if (!selected) { highlight(null); } });

  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); } else if (selected) { deselect(); }
  });
  $("kg-close").addEventListener("click", deselect);
  $("kg-fit").addEventListener("click", function () { fitVisible({ duration: 300 }); });

  // ---------------------------------------------------------------- the side panel
  function section(body, title) {
    body.appendChild(el("h3", "", title));
  }

  function linkTo(id) {
    var other = byId.get(id);
    var b = el("button", "kg-link", other ? other.label : id);
    b.type = "button";
    b.addEventListener("click", function () { select(id, { move: true }); });
    return b;
  }

  function evidenceItem(ev) {
    var li = el("li");
    var s = ev.s || "", h = ev.h || [0, 0];
    var start = Math.max(0, Math.min(h[0], s.length)), end = Math.max(start, Math.min(h[1], s.length));
    li.appendChild(document.createTextNode(s.slice(0, start)));
    if (end > start) { li.appendChild(el("mark", "", s.slice(start, end))); }
    li.appendChild(document.createTextNode(s.slice(end)));
    var art = ev.a !== undefined ? data.articles[ev.a] : null;
    if (art && (art.headline || art.date)) {
      li.appendChild(el("span", "kg-source", [art.headline, art.date].filter(Boolean).join(" · ")));
    }
    return li;
  }

  function openPanel(n) {
    var panel = $("kg-panel"), body = $("kg-panel-body");
    body.replaceChildren();
    panel.dataset.node = n.id;
    body.appendChild(el("h2", "", n.label));
    var kind = el("div", "kg-kind");
    kind.appendChild(swatch(n.shape, n.color));
    kind.appendChild(el("span", "", kindText(n)));
    body.appendChild(kind);
    if (hiddenNodes.has(n.id)) { body.appendChild(el("p", "kg-note", "Hidden by the current filters.")); }
    if (n.alt && n.alt.length) { body.appendChild(el("p", "kg-meta", "Also called: " + n.alt.join(" · "))); }
    if (n.dates && n.dates.length) { body.appendChild(el("p", "kg-meta", "Date: " + n.dates.join(", "))); }
    if (n.count) { body.appendChild(el("p", "kg-meta", "Count: " + n.count)); }
    if (n.modality) { body.appendChild(el("p", "kg-note", "Not asserted as fact: " + n.modality)); }
    if (n.quote) { body.appendChild(el("blockquote", "kg-quote", "“" + n.quote + "”")); }
    if (n.content && n.content !== n.quote) { body.appendChild(el("p", "kg-meta", "Reported: " + n.content)); }
    if (n.sameAs) { body.appendChild(el("p", "kg-meta", "Same as: " + n.sameAs.join(", "))); }

    var facts = (neighbours.get(n.id) || []).map(function (e) {
      var subjectIsThis = (e.role === "agent" || e.role === "speaker") ? e.to === n.id : e.from === n.id;
      var other = e.from === n.id ? e.to : e.from;
      return { role: subjectIsThis ? e.role : INVERSE[e.role], order: ROLE_ORDER.indexOf(e.role) * 2 + (subjectIsThis ? 0 : 1), other: other };
    }).sort(function (a, b) {
      var la = (byId.get(a.other) || {}).label || "", lb = (byId.get(b.other) || {}).label || "";
      return a.order - b.order || (la < lb ? -1 : la > lb ? 1 : 0);
    });
    if (facts.length) {
      section(body, "Facts");
      var list = el("ul", "kg-facts");
      facts.slice(0, 150).forEach(function (f) {
        var li = el("li");
        li.appendChild(el("span", "kg-role", f.role));
        li.appendChild(linkTo(f.other));
        list.appendChild(li);
      });
      if (facts.length > 150) { list.appendChild(el("li", "kg-meta", "… and " + (facts.length - 150) + " more")); }
      body.appendChild(list);
    }
    if (n.ev && n.ev.length) {
      section(body, "Evidence");
      var evs = el("ul", "kg-evidence");
      n.ev.forEach(function (ev) { evs.appendChild(evidenceItem(ev)); });
      body.appendChild(evs);
      if (n.more) { body.appendChild(el("p", "kg-meta", "… and " + n.more + " more mentions")); }
    }
    if (n.arts && n.arts.length) {
      section(body, "Mentioned in");
      var arts = el("ul", "kg-facts");
      n.arts.forEach(function (i) {
        var a = data.articles[i];
        arts.appendChild(el("li", "", [a.headline || a.id, a.date].filter(Boolean).join(" · ")));
      });
      body.appendChild(arts);
    }
    section(body, "In the network");
    body.appendChild(el("p", "kg-meta", "degree " + n.degree + " · PageRank " + n.pagerank.toFixed(4) +
      (n.betweenness === null ? "" : " · betweenness " + n.betweenness.toFixed(4)) +
      " · community " + (n.community + 1)));
    body.appendChild(el("div", "kg-iri", n.id));
    if (panel.hidden) {
      panel.hidden = false;
      resized();
    }
    panel.scrollTop = 0;
  }

  function refreshPanel() {
    var n = selected && byId.get(selected);
    if (n) { openPanel(n); }
  }

  // ---------------------------------------------------------------- search
  var searchIndex = data.nodes.map(function (n) {
    return { id: n.id, label: n.label.toLowerCase(), alt: (n.alt || []).map(function (a) { return a.toLowerCase(); }) };
  });
  var results = [], active = 0;

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return []; }
    var found = [];
    searchIndex.forEach(function (item) {
      var score = -1, alias = null;
      if (item.label === q) { score = 0; } else if (item.label.indexOf(q) === 0) { score = 1; } else if (item.label.indexOf(q) > 0) { score = 3; }
      item.alt.forEach(function (a, i) {
        var s = a === q ? 0.5 : a.indexOf(q) === 0 ? 2 : a.indexOf(q) > 0 ? 4 : -1;
        if (s >= 0 && (score < 0 || s < score)) { score = s; alias = byId.get(item.id).alt[i]; }
      });
      if (score >= 0) { found.push({ id: item.id, score: score, alias: alias }); }
    });
    found.sort(function (a, b) {
      return a.score - b.score || byId.get(b.id).pagerank - byId.get(a.id).pagerank || (a.id < b.id ? -1 : 1);
    });
    return found.slice(0, 15);
  }

  function showResults() {
    var list = $("kg-results");
    list.replaceChildren();
    if (!$("kg-search").value.trim()) { list.hidden = true; return; }
    if (!results.length) {
      list.appendChild(el("li", "kg-empty", "No match"));
    }
    results.forEach(function (r, i) {
      var n = byId.get(r.id);
      var li = el("li");
      var b = el("button", i === active ? "kg-active" : "");
      b.type = "button";
      b.dataset.node = r.id;
      b.appendChild(swatch(n.shape, n.color));
      b.appendChild(el("span", "", n.label));
      if (r.alias) { b.appendChild(el("span", "kg-alias", "(" + r.alias + ")")); }
      b.addEventListener("click", function () { choose(r.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  function choose(id) {
    $("kg-results").hidden = true;
    select(id, { move: true });
  }

  $("kg-search").addEventListener("input", function () {
    results = search(this.value);
    active = 0;
    showResults();
  });
  $("kg-search").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && results.length) { event.preventDefault(); choose(results[active].id); }
    if (event.key === "ArrowDown" && results.length) { active = (active + 1) % results.length; showResults(); event.preventDefault(); }
    if (event.key === "ArrowUp" && results.length) { active = (active + results.length - 1) % results.length; showResults(); event.preventDefault(); }
    if (event.key === "Escape") { this.value = ""; results = []; showResults(); }
  });
  document.addEventListener("click", function (event) {
    if (!$("kg-search-box").contains(event.target)) { $("kg-results").hidden = true; }
  });

  // ---------------------------------------------------------------- start
  $("kg-title").textContent = data.meta.title + (data.meta.focus ? " — around “" + data.meta.focus + "”" : "");
  applyFilters();
  performance.mark("kg:filters");
  fitVisible(false);
  performance.mark("kg:fit");
  network.once("afterDrawing", function () { performance.mark("kg:drawn"); document.body.dataset.ready = "1"; });
  network.redraw();
  function reset() {
    $("kg-reset").click();
    $("kg-search").value = "";
    results = [];
    showResults();
    deselect();
    fitVisible(false);
  }

  // For scripting from the console and for the browser tests.
  window.kgViewer = { network: network, nodes: visNodes, edges: visEdges, data: data, select: select,
    deselect: deselect, search: search, reset: reset, highlighted: function () { return lit; } };
})();
