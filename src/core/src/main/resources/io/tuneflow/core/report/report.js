// Tuneflow tuning report: the HParams views over the data embedded in #report-data.
// Hand-written SVG, no library and no network: the page must open from S3, a laptop or a CI artifact alike.
// The summary and the table are server-rendered HTML; this script adds sorting, filtering, brushing and the charts.
(function () {
  'use strict';

  // The SVG namespace, as the HTML parser assigns it (so the file holds no URL at all, not even a namespace name).
  var SVG = (function () { var d = document.createElement('div'); d.innerHTML = '<svg></svg>'; return d.firstChild.namespaceURI; })();
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var trials = data.trials.trials;
  var objective = data.trials.objective;
  var maximize = objective.type === 'Maximize';
  var bestName = data.best.bestTrainingJob ? data.best.bestTrainingJob.name : null;
  var curves = data.curves || {available: false, series: {}};
  var byName = {};
  trials.forEach(function (t, index) { t.index = index; byName[t.name] = t; });

  // ---- dimensions: one per tuned hyperparameter, and the objective ----------------------------------------------

  function numberOrNull(text) {
    if (text === null || text === undefined || text === '') return null;
    var n = Number(text);
    return isFinite(n) ? n : null;
  }

  function hyperParameterNames() {
    var names = [];
    (data.trials.parameterRanges || []).forEach(function (r) { if (names.indexOf(r.name) < 0) names.push(r.name); });
    var others = [];
    trials.forEach(function (t) {
      Object.keys(t.tunedHyperParameters || {}).forEach(function (n) {
        if (names.indexOf(n) < 0 && others.indexOf(n) < 0) others.push(n);
      });
    });
    return names.concat(others.sort());
  }

  // The axis scale of a range as the search saw it: Logarithmic and ReverseLogarithmic ranges get log axes, Auto is
  // Logarithmic for positive ranges spanning three orders of magnitude (as the engine resolves it), Categorical
  // ranges get one position per value in the request's order.
  function dimensionFor(name) {
    var range = (data.trials.parameterRanges || []).filter(function (r) { return r.name === name; })[0];
    var raw = trials.map(function (t) { return t.tunedHyperParameters ? t.tunedHyperParameters[name] : undefined; });
    var present = raw.filter(function (v) { return v !== undefined && v !== null; });
    var numeric = present.every(function (v) { return numberOrNull(v) !== null; });
    var dim = {key: 'hp:' + name, label: name, name: name};
    if ((range && range.type === 'Categorical') || (!range && !numeric)) {
      var values = range && range.values ? range.values.slice() : [];
      present.forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });
      dim.kind = 'categorical';
      dim.categories = values;
      dim.value = function (t) { var v = t.tunedHyperParameters ? t.tunedHyperParameters[name] : undefined; return v === undefined ? null : v; };
      return dim;
    }
    var numbers = present.map(Number);
    var lo = Math.min.apply(null, numbers.concat(range && range.minValue !== null && range.minValue !== undefined ? [range.minValue] : []));
    var hi = Math.max.apply(null, numbers.concat(range && range.maxValue !== null && range.maxValue !== undefined ? [range.maxValue] : []));
    var scaling = range ? range.scaling : 'Linear';
    if (scaling === 'Auto') scaling = lo > 0 && hi / lo >= 1000 ? 'Logarithmic' : 'Linear';
    if (scaling === 'Logarithmic' && !(lo > 0)) scaling = 'Linear';
    if (scaling === 'ReverseLogarithmic' && !(hi < 1)) scaling = 'Linear';
    dim.kind = scaling === 'Logarithmic' ? 'log' : scaling === 'ReverseLogarithmic' ? 'reverselog' : 'linear';
    dim.integer = range ? range.type === 'Integer' : false;
    dim.domain = [lo, hi];
    dim.value = function (t) { return numberOrNull(t.tunedHyperParameters ? t.tunedHyperParameters[name] : null); };
    return dim;
  }

  var hpDims = hyperParameterNames().map(dimensionFor);
  var objectiveValues = trials.map(function (t) { return t.objective; }).filter(function (v) { return v !== null && v !== undefined; });
  var objectiveDim = {
    key: 'objective', label: objective.metricName + (maximize ? ' ↑' : ' ↓'), kind: 'linear',
    domain: objectiveValues.length ? [Math.min.apply(null, objectiveValues), Math.max.apply(null, objectiveValues)] : [0, 1],
    value: function (t) { return t.objective === null || t.objective === undefined ? null : t.objective; }
  };
  var allDims = hpDims.concat([objectiveDim]);

  // Position of a value along [0, 1] of an axis; null when the value cannot be placed.
  function transform(dim, v) {
    if (v === null) return null;
    if (dim.kind === 'log') return v > 0 ? Math.log10(v) : null;
    if (dim.kind === 'reverselog') return v < 1 ? -Math.log10(1 - v) : null;
    return v;
  }
  function untransform(dim, u) {
    if (dim.kind === 'log') return Math.pow(10, u);
    if (dim.kind === 'reverselog') return 1 - Math.pow(10, -u);
    return u;
  }
  function unit(dim, v) {
    if (dim.kind === 'categorical') {
      var i = dim.categories.indexOf(v);
      // Each value in the middle of its own band, so none sits on an axis' end.
      return i < 0 ? null : (i + 0.5) / dim.categories.length;
    }
    var u = transform(dim, v);
    if (u === null) return null;
    var a = transform(dim, dim.domain[0]), b = transform(dim, dim.domain[1]);
    return a === b ? 0.5 : (u - a) / (b - a);
  }
  function fromUnit(dim, p) {
    var a = transform(dim, dim.domain[0]), b = transform(dim, dim.domain[1]);
    return untransform(dim, a + p * (b - a));
  }

  function niceTicks(lo, hi, count) {
    if (lo === hi) return [lo];
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / count)));
    var err = (hi - lo) / count / step;
    if (err >= 7.5) step *= 10; else if (err >= 3.5) step *= 5; else if (err >= 1.5) step *= 2;
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }
  function ticks(dim, count) {
    if (dim.kind === 'categorical') return dim.categories.slice();
    if (dim.kind === 'log') {
      var a = Math.floor(Math.log10(dim.domain[0])), b = Math.ceil(Math.log10(dim.domain[1]));
      var out = [];
      for (var e = a; e <= b; e++) {
        [1, 2, 5].forEach(function (m) {
          var v = m * Math.pow(10, e);
          if (v >= dim.domain[0] * 0.999 && v <= dim.domain[1] * 1.001 && (m === 1 || b - a <= 2)) out.push(v);
        });
      }
      return out.length >= 2 ? out : [dim.domain[0], dim.domain[1]];
    }
    if (dim.kind === 'reverselog') {
      var res = [];
      for (var k = 1; k <= 9; k++) {
        var r = 1 - Math.pow(10, -k);
        if (r >= dim.domain[0] && r <= dim.domain[1]) res.push(r);
      }
      return res.length >= 2 ? res : [dim.domain[0], dim.domain[1]];
    }
    var t = niceTicks(dim.domain[0], dim.domain[1], count);
    return dim.integer ? t.filter(function (v) { return Math.round(v) === v; }) : t;
  }

  // At most `max` ticks, keeping the first and every n-th.
  function thin(list, max) {
    if (list.length <= max) return list;
    var every = Math.ceil(list.length / max);
    return list.filter(function (v, i) { return i % every === 0; });
  }

  function format(v) {
    if (typeof v === 'string') return v;
    if (v === null || v === undefined) return '—';
    if (v === 0) return '0';
    var a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
    return String(Number(v.toPrecision(4)));
  }

  // ---- colour: the better the objective, the darker (viridis; the worst trials fade into the page) ---------------

  var VIRIDIS = ['#fde725', '#b5de2b', '#6ece58', '#35b779', '#1f9e89', '#26828e', '#31688e', '#3e4989', '#482878', '#440154'];
  function quality(t) {
    var d = objectiveDim.domain;
    if (t.objective === null || t.objective === undefined || d[0] === d[1]) return 1;
    var p = (t.objective - d[0]) / (d[1] - d[0]);
    return maximize ? p : 1 - p;
  }
  function colour(t) {
    var q = Math.max(0, Math.min(1, quality(t))) * (VIRIDIS.length - 1);
    var i = Math.floor(q), f = q - i;
    if (i >= VIRIDIS.length - 1) return VIRIDIS[VIRIDIS.length - 1];
    return mix(VIRIDIS[i], VIRIDIS[i + 1], f);
  }
  function mix(a, b, f) {
    var pa = parseInt(a.slice(1), 16), pb = parseInt(b.slice(1), 16);
    var out = '#';
    [16, 8, 0].forEach(function (shift) {
      var ca = (pa >> shift) & 255, cb = (pb >> shift) & 255;
      out += ('0' + Math.round(ca + (cb - ca) * f).toString(16)).slice(-2);
    });
    return out;
  }
  var SERIES = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

  // ---- shared state: filters (status, a range or categories per dimension) and the selected trials -------------

  var statuses = [];
  trials.forEach(function (t) { if (statuses.indexOf(t.status) < 0) statuses.push(t.status); });
  var state = {statuses: {}, ranges: {}, selected: []};
  statuses.forEach(function (s) { state.statuses[s] = true; });
  var ranked = trials.filter(function (t) { return objectiveDim.value(t) !== null; })
      .sort(function (a, b) { return maximize ? b.objective - a.objective : a.objective - b.objective; });
  state.selected = ranked.slice(0, Math.min(5, ranked.length)).map(function (t) { return t.name; });

  function passes(t) {
    if (!state.statuses[t.status]) return false;
    for (var key in state.ranges) {
      var f = state.ranges[key];
      var dim = allDims.filter(function (d) { return d.key === key; })[0];
      var v = dim.value(t);
      if (v === null) return false;
      if (f.categories) {
        if (f.categories.indexOf(v) < 0) return false;
      } else if ((f.min !== null && v < f.min) || (f.max !== null && v > f.max)) {
        return false;
      }
    }
    return true;
  }

  var listeners = [];
  function changed() {
    applyToTable();
    listeners.forEach(function (l) { l(); });
  }

  // ---- small SVG helpers ------------------------------------------------------------------------------------------

  function el(tag, attrs, parent, text) {
    var node = document.createElementNS(SVG, tag);
    for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function svgIn(container, width, height, label) {
    container.textContent = '';
    return el('svg', {width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': label}, container);
  }
  function tooltip(t) {
    var hps = Object.keys(t.tunedHyperParameters || {}).map(function (k) { return k + '=' + t.tunedHyperParameters[k]; }).join(', ');
    return t.name + ' (' + t.status + ')\n' + objective.metricName + ': ' + format(t.objective) + '\n' + hps
        + (t.failureReason ? '\n' + t.failureReason : '');
  }
  function widthOf(container, fallback) {
    return Math.max(320, Math.floor(container.clientWidth || fallback));
  }
  function reveal(id) { document.getElementById(id).hidden = false; }

  // Marks ({trial, node}) greyed out when their trial is filtered out, outlined when it is selected.
  function followState(marks) {
    listeners.push(function () {
      marks.forEach(function (m) {
        m.node.classList.toggle('filtered-out', !passes(m.trial));
        m.node.classList.toggle('selected', state.selected.indexOf(m.trial.name) >= 0);
      });
    });
  }

  // A line chart's frame: a grid line and a label per value tick, step numbers 1..steps along the bottom, axis names.
  function lineChartFrame(svg, box, yDim, steps, x, y, xName, yName) {
    ticks(yDim, 5).forEach(function (v) {
      el('line', {x1: box.left, x2: box.width - box.right, y1: y(v), y2: y(v), 'class': 'grid'}, svg);
      el('text', {x: box.left - 6, y: y(v) + 3.5, 'text-anchor': 'end', 'class': 'tick-label'}, svg, format(v));
    });
    niceTicks(1, steps, Math.min(10, steps)).filter(function (v) { return Math.round(v) === v; }).forEach(function (v) {
      el('text', {x: x(v - 1), y: box.height - box.bottom + 16, 'text-anchor': 'middle', 'class': 'tick-label'}, svg, String(v));
    });
    el('text', {x: (box.left + box.width - box.right) / 2, y: box.height - 6, 'text-anchor': 'middle', 'class': 'axis-label'}, svg, xName);
    var middle = box.top + (box.height - box.top - box.bottom) / 2;
    el('text', {x: 12, y: middle, 'class': 'axis-label', 'text-anchor': 'middle', transform: 'rotate(-90 12 ' + middle + ')'}, svg, yName);
  }

  // ---- the table: sorting, filters, selection ---------------------------------------------------------------------

  var table = document.getElementById('trials');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var rowByName = {};
  rows.forEach(function (r) { rowByName[r.getAttribute('data-name')] = r; });
  var countLabel;

  function setUpTable() {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th) {
      th.tabIndex = 0;
      th.classList.add('sortable');
      var sort = function () { sortBy(th, headers); };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
    rows.forEach(function (r) {
      r.addEventListener('click', function () { toggleSelected(r.getAttribute('data-name')); });
    });
    buildFilters();
  }

  // The value a column sorts by, from the embedded data (the cells show shortened values).
  function sortKey(key, t) {
    if (key === 'name' || key === 'status') return t[key];
    if (key === 'objective') return objectiveDim.value(t);
    if (key === 'duration') return t.startTime && t.endTime ? Date.parse(t.endTime) - Date.parse(t.startTime) : null;
    if (key === 'billable') return t.billableSeconds;
    if (key === 'reason') return t.failureReason || (t.status !== 'Completed' && t.secondaryStatus !== t.status ? t.secondaryStatus : null);
    var dim = hpDims.filter(function (d) { return d.key === key; })[0];
    var v = dim ? dim.value(t) : null;
    return dim && dim.kind === 'categorical' && v !== null ? dim.categories.indexOf(v) : v;
  }

  function sortBy(th, headers) {
    var descending = th.getAttribute('aria-sort') === 'ascending';
    headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    var key = th.getAttribute('data-key');
    var keyed = rows.map(function (r, i) {
      var t = byName[r.getAttribute('data-name')];
      var v = t ? sortKey(key, t) : null;
      return {row: r, i: i, v: v === undefined || v === '' ? null : v};
    });
    keyed.sort(function (a, b) {
      // Empty cells (no objective, no duration) go last whichever way the column is sorted.
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      var c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return (descending ? -c : c) || a.i - b.i;
    });
    var body = table.tBodies[0];
    keyed.forEach(function (k) { body.appendChild(k.row); });
    rows = keyed.map(function (k) { return k.row; });
  }

  function buildFilters() {
    var box = document.getElementById('filters');
    box.hidden = false;
    var statusGroup = document.createElement('fieldset');
    statusGroup.innerHTML = '<legend>Status</legend>';
    statuses.forEach(function (s) {
      var n = trials.filter(function (t) { return t.status === s; }).length;
      var label = document.createElement('label');
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.name = 'status';
      box.value = s;
      box.addEventListener('change', function () { state.statuses[s] = box.checked; changed(); });
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + s + ' (' + n + ')'));
      statusGroup.appendChild(label);
    });
    box.appendChild(statusGroup);

    var rangeGroup = document.createElement('fieldset');
    rangeGroup.innerHTML = '<legend>Ranges</legend>';
    allDims.forEach(function (dim) {
      var wrap = document.createElement('div');
      wrap.className = 'range-filter';
      wrap.setAttribute('data-key', dim.key);
      var name = document.createElement('span');
      name.className = 'range-name';
      name.textContent = dim.key === 'objective' ? objective.metricName : dim.label;
      wrap.appendChild(name);
      if (dim.kind === 'categorical') {
        dim.categories.forEach(function (c) {
          var label = document.createElement('label');
          var box = document.createElement('input');
          box.type = 'checkbox';
          box.checked = true;
          box.value = c;
          box.addEventListener('change', function () {
            var checked = Array.prototype.slice.call(wrap.querySelectorAll('input:checked')).map(function (b) { return b.value; });
            if (checked.length === dim.categories.length) delete state.ranges[dim.key];
            else state.ranges[dim.key] = {categories: checked};
            changed();
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(' ' + c));
          wrap.appendChild(label);
        });
      } else {
        ['min', 'max'].forEach(function (end) {
          var input = document.createElement('input');
          input.type = 'number';
          input.step = 'any';
          input.placeholder = end + ' ' + format(dim.domain[end === 'min' ? 0 : 1]);
          input.setAttribute('aria-label', dim.label + ' ' + end);
          input.className = 'range-' + end;
          input.addEventListener('input', function () {
            var f = state.ranges[dim.key] || {min: null, max: null};
            f[end] = numberOrNull(input.value);
            if (f.min === null && f.max === null) delete state.ranges[dim.key]; else state.ranges[dim.key] = f;
            changed();
          });
          wrap.appendChild(input);
        });
      }
      rangeGroup.appendChild(wrap);
    });
    box.appendChild(rangeGroup);

    var footer = document.createElement('div');
    footer.className = 'filter-footer';
    countLabel = document.createElement('span');
    countLabel.id = 'shown-count';
    var clear = document.createElement('button');
    clear.type = 'button';
    clear.textContent = 'Clear filters';
    clear.addEventListener('click', function () {
      state.ranges = {};
      statuses.forEach(function (s) { state.statuses[s] = true; });
      Array.prototype.forEach.call(box.querySelectorAll('input[type=checkbox]'), function (b) { b.checked = true; });
      changed();
    });
    footer.appendChild(countLabel);
    footer.appendChild(clear);
    box.appendChild(footer);
  }

  function applyToTable() {
    var shown = 0;
    trials.forEach(function (t) {
      var row = rowByName[t.name];
      if (!row) return;
      var ok = passes(t);
      row.hidden = !ok;
      if (ok) shown++;
      row.classList.toggle('selected', state.selected.indexOf(t.name) >= 0);
    });
    countLabel.textContent = shown + ' of ' + trials.length + ' trials shown';
    // Range inputs follow brushing, except the one being typed in.
    allDims.forEach(function (dim) {
      if (dim.kind === 'categorical') {
        var f = state.ranges[dim.key];
        Array.prototype.forEach.call(document.querySelectorAll('.range-filter[data-key="' + cssEscape(dim.key) + '"] input'), function (b) {
          b.checked = !f || f.categories.indexOf(b.value) >= 0;
        });
        return;
      }
      ['min', 'max'].forEach(function (end) {
        var input = document.querySelector('.range-filter[data-key="' + cssEscape(dim.key) + '"] .range-' + end);
        if (!input || input === document.activeElement) return;
        var f = state.ranges[dim.key];
        input.value = f && f[end] !== null ? String(Number(f[end].toPrecision(6))) : '';
      });
    });
  }
  function cssEscape(s) { return s.replace(/["\\]/g, '\\$&'); }

  function toggleSelected(name) {
    var i = state.selected.indexOf(name);
    if (i >= 0) state.selected.splice(i, 1); else state.selected.push(name);
    changed();
  }

  // ---- parallel coordinates with brushing -------------------------------------------------------------------------

  function parallelCoordinates() {
    var container = document.getElementById('parallel-coordinates');
    var width = widthOf(container, 960);
    var height = 360, top = 34, bottom = 30, left = 64, right = 150;
    var svg = svgIn(container, width, height, 'Parallel coordinates: one line per trial with an objective');
    var step = allDims.length > 1 ? (width - left - right) / (allDims.length - 1) : 0;
    var x = function (i) { return allDims.length > 1 ? left + i * step : width / 2; };
    var y = function (p) { return top + (1 - p) * (height - top - bottom); };
    var lines = el('g', {'class': 'lines'}, svg);
    var drawn = ranked.slice().reverse(); // worst first, so the best lines lie on top
    var paths = drawn.map(function (t) {
      var d = '';
      allDims.forEach(function (dim, i) {
        var p = unit(dim, dim.value(t));
        if (p === null) return;
        d += (d ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(p).toFixed(1);
      });
      var path = el('path', {d: d, 'class': 'trial-line', stroke: colour(t), 'data-name': t.name}, lines);
      el('title', {}, path, tooltip(t));
      path.addEventListener('click', function () { toggleSelected(t.name); });
      return {trial: t, node: path};
    });
    allDims.forEach(function (dim, i) {
      var axis = el('g', {'class': 'axis', 'data-key': dim.key, transform: 'translate(' + x(i) + ',0)'}, svg);
      el('line', {y1: y(0), y2: y(1), 'class': 'axis-line'}, axis);
      el('text', {y: top - 16, 'class': 'axis-label', 'text-anchor': 'middle'}, axis,
          dim.label + (dim.kind === 'log' ? ' (log)' : dim.kind === 'reverselog' ? ' (reverse log)' : ''));
      // The last axis is labelled on its right, where no line arrives.
      var outside = i === allDims.length - 1 && allDims.length > 1;
      thin(ticks(dim, 6), 12).forEach(function (v) {
        var p = unit(dim, v);
        if (p === null || p < -0.001 || p > 1.001) return;
        el('line', {x1: outside ? 0 : -4, x2: outside ? 4 : 0, y1: y(p), y2: y(p), 'class': 'tick'}, axis);
        el('text', {x: outside ? 7 : -7, y: y(p) + 3.5, 'class': 'tick-label', 'text-anchor': outside ? 'start' : 'end'}, axis, format(v));
      });
      var brush = el('rect', {x: -9, width: 18, 'class': 'brush', visibility: 'hidden'}, axis);
      var overlay = el('rect', {x: -14, width: 28, y: y(1) - 4, height: y(0) - y(1) + 8, 'class': 'brush-overlay'}, axis);
      addBrushing(dim, overlay, brush, y, axis);
    });
    // the colour legend, clear of the objective axis' tick labels
    var legendTop = y(1), legendHeight = y(0) - y(1);
    var legend = el('g', {'class': 'colour-legend', transform: 'translate(' + (width - 44) + ',0)'}, svg);
    VIRIDIS.forEach(function (c, i) {
      el('rect', {x: 0, width: 12, y: legendTop + (VIRIDIS.length - 1 - i) * legendHeight / VIRIDIS.length,
        height: legendHeight / VIRIDIS.length + 0.5, fill: c}, legend);
    });
    el('text', {x: 6, y: legendTop - 6, 'text-anchor': 'middle', 'class': 'tick-label'}, legend, 'better');
    el('text', {x: 6, y: y(0) + 14, 'text-anchor': 'middle', 'class': 'tick-label'}, legend, 'worse');
    followState(paths);
  }

  // Dragging along an axis keeps the trials between the two ends; a click without a drag clears the axis.
  function addBrushing(dim, overlay, brush, y, axis) {
    var start = null;
    function value(clientY) {
      var svg = overlay.ownerSVGElement, box = svg.getBoundingClientRect();
      // Client pixels to the chart's own units: the SVG shrinks with a narrow window.
      var py = (clientY - box.top) * (svg.viewBox.baseVal.height / box.height);
      return Math.max(0, Math.min(1, 1 - (py - y(1)) / (y(0) - y(1))));
    }
    function setFrom(a, b) {
      var lo = Math.min(a, b), hi = Math.max(a, b);
      if (dim.kind === 'categorical') {
        var inside = dim.categories.filter(function (c) { var p = unit(dim, c); return p >= lo - 1e-9 && p <= hi + 1e-9; });
        state.ranges[dim.key] = {categories: inside, lo: lo, hi: hi};
      } else {
        state.ranges[dim.key] = {min: fromUnit(dim, lo), max: fromUnit(dim, hi)};
      }
    }
    overlay.addEventListener('pointerdown', function (e) {
      e.preventDefault();
      start = value(e.clientY);
      if (overlay.setPointerCapture) overlay.setPointerCapture(e.pointerId);
    });
    overlay.addEventListener('pointermove', function (e) {
      if (start === null) return;
      var now = value(e.clientY);
      if (Math.abs(now - start) * (y(0) - y(1)) < 3) return;
      setFrom(start, now);
      changed();
    });
    overlay.addEventListener('pointerup', function (e) {
      if (start === null) return;
      var now = value(e.clientY);
      if (Math.abs(now - start) * (y(0) - y(1)) < 3) delete state.ranges[dim.key]; else setFrom(start, now);
      start = null;
      changed();
    });
    listeners.push(function () {
      var f = state.ranges[dim.key];
      if (!f) {
        brush.setAttribute('visibility', 'hidden');
        axis.removeAttribute('data-filter-min');
        axis.removeAttribute('data-filter-max');
        axis.removeAttribute('data-filter-categories');
        return;
      }
      var lo, hi;
      if (f.categories) {
        var ps = f.categories.map(function (c) { return unit(dim, c); });
        lo = f.lo !== undefined ? f.lo : Math.min.apply(null, ps.concat([1])) - 0.02;
        hi = f.hi !== undefined ? f.hi : Math.max.apply(null, ps.concat([0])) + 0.02;
        axis.setAttribute('data-filter-categories', JSON.stringify(f.categories));
      } else {
        lo = f.min === null ? 0 : unit(dim, f.min);
        hi = f.max === null ? 1 : unit(dim, f.max);
        if (f.min !== null) axis.setAttribute('data-filter-min', String(f.min)); else axis.removeAttribute('data-filter-min');
        if (f.max !== null) axis.setAttribute('data-filter-max', String(f.max)); else axis.removeAttribute('data-filter-max');
      }
      lo = Math.max(0, Math.min(1, lo === null ? 0 : lo));
      hi = Math.max(0, Math.min(1, hi === null ? 1 : hi));
      brush.setAttribute('visibility', 'visible');
      brush.setAttribute('y', y(hi));
      brush.setAttribute('height', Math.max(2, y(lo) - y(hi)));
    });
  }

  // ---- scatter-plot matrix: objective against each hyperparameter, and hyperparameter pairs ----------------------

  var MATRIX_LIMIT = 6;

  function jitter(t, salt) {
    // A stable offset for points sharing a categorical value, so they do not hide each other.
    var h = 2166136261;
    var s = t.name + salt;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return ((h >>> 0) % 1000) / 1000 - 0.5;
  }

  function scatterMatrix() {
    var container = document.getElementById('scatter-matrix');
    var dims = hpDims.slice(0, MATRIX_LIMIT);
    container.textContent = '';
    if (hpDims.length > MATRIX_LIMIT) {
      var note = document.createElement('p');
      note.className = 'note';
      note.textContent = 'The first ' + MATRIX_LIMIT + ' of ' + hpDims.length + ' hyperparameters are shown.';
      container.appendChild(note);
    }
    if (dims.length === 0) return;
    var available = widthOf(container, 960);
    var labelSpace = 74, pad = 12;
    var cell = Math.max(120, Math.min(200, Math.floor((available - labelSpace - 20) / dims.length)));
    // Row 0: the objective against every hyperparameter; below it, each pair of hyperparameters once.
    var rowsOf = [objectiveDim].concat(dims.slice(1));
    var width = labelSpace + cell * dims.length + 20, height = rowsOf.length * cell + 40;
    var holder = document.createElement('div');
    container.appendChild(holder);
    var svg = svgIn(holder, width, height, 'Scatter-plot matrix of the objective and the hyperparameters');
    var points = [];
    var inner = cell - 2 * pad - 8;
    var position = function (dim, p, t, salt) {
      return p + (dim.kind === 'categorical' ? jitter(t, salt) * 0.5 / Math.max(2, dim.categories.length) : 0);
    };
    rowsOf.forEach(function (rowDim, r) {
      dims.forEach(function (colDim, c) {
        if (r > 0 && c >= r) return;
        var g = el('g', {'class': 'cell', transform: 'translate(' + (labelSpace + c * cell) + ',' + (r * cell + 6) + ')'}, svg);
        el('rect', {x: 4, y: 4, width: cell - 8, height: cell - 8, 'class': 'cell-frame'}, g);
        var px = function (p) { return 4 + pad + p * inner; };
        var py = function (p) { return cell - 4 - pad - p * inner; };
        // Scales on the outer cells: values along the left column and under each column's lowest cell.
        var lowest = c < rowsOf.length - 1 ? rowsOf.length - 1 : 0;
        if (c === 0) {
          thin(ticks(rowDim, 3), 5).forEach(function (v) {
            var p = unit(rowDim, v);
            if (p === null || p < -0.001 || p > 1.001) return;
            el('text', {x: 1, y: py(p) + 3, 'text-anchor': 'end', 'class': 'tick-label small'}, g, format(v));
          });
        }
        if (r === lowest) {
          thin(ticks(colDim, 3), cell < 160 ? 3 : 4).forEach(function (v) {
            var p = unit(colDim, v);
            if (p === null || p < -0.001 || p > 1.001) return;
            el('text', {x: px(p), y: cell + 5, 'text-anchor': 'middle', 'class': 'tick-label small'}, g, format(v));
          });
          el('text', {x: cell / 2, y: cell + 19, 'text-anchor': 'middle', 'class': 'axis-label'}, g,
              colDim.label + (colDim.kind === 'log' ? ' (log)' : ''));
        }
        trials.forEach(function (t) {
          var a = unit(colDim, colDim.value(t)), b = unit(rowDim, rowDim.value(t));
          if (a === null) return;
          var point;
          if (b === null) {
            if (rowDim !== objectiveDim) return;
            // A trial without an objective (failed): a cross along the bottom edge of the objective row.
            var cx = px(position(colDim, a, t, 'x')), cy = cell - 4 - pad / 2;
            point = el('path', {d: 'M' + (cx - 3) + ',' + (cy - 3) + 'l6,6m0,-6l-6,6', 'class': 'point failed'}, g);
          } else {
            point = el('circle', {cx: px(position(colDim, a, t, 'x')).toFixed(1), cy: py(position(rowDim, b, t, 'y')).toFixed(1),
              r: trials.length > 200 ? 2.2 : 3.2, fill: colour(t), 'class': 'point'}, g);
          }
          el('title', {}, point, tooltip(t));
          points.push({trial: t, node: point});
        });
      });
      var cy = r * cell + 6 + cell / 2;
      el('text', {x: 16, y: cy, 'text-anchor': 'middle', 'class': 'axis-label', transform: 'rotate(-90 16 ' + cy + ')'}, svg,
          (rowDim === objectiveDim ? objective.metricName : rowDim.label) + (rowDim.kind === 'log' ? ' (log)' : ''));
    });
    followState(points);
  }

  // ---- objective over time and the best so far --------------------------------------------------------------------

  function objectiveOverTime() {
    var container = document.getElementById('objective-over-time');
    var ended = trials.filter(function (t) { return t.status !== 'InProgress' && t.status !== 'Stopping'; })
        .sort(function (a, b) { return (a.endTime || '').localeCompare(b.endTime || '') || a.index - b.index; });
    var width = widthOf(container, 960), height = 300, left = 64, right = 20, top = 34, bottom = 40;
    var svg = svgIn(container, width, height, 'Objective of each trial in completion order, with the best so far');
    var n = Math.max(1, ended.length);
    var x = function (i) { return left + (n === 1 ? 0.5 : i / (n - 1)) * (width - left - right); };
    var y = function (v) { return top + (1 - unit(objectiveDim, v)) * (height - top - bottom - 12); };
    lineChartFrame(svg, {width: width, height: height, left: left, right: right, top: top, bottom: bottom}, objectiveDim, n, x, y,
        'trials in the order they ended', objective.metricName);
    var bestSoFar = null, d = '';
    ended.forEach(function (t, i) {
      if (t.objective === null || t.objective === undefined) return;
      if (bestSoFar === null || (maximize ? t.objective > bestSoFar : t.objective < bestSoFar)) {
        d += (d ? 'H' + x(i).toFixed(1) + 'V' : 'M' + x(i).toFixed(1) + ',') + y(t.objective).toFixed(1);
        bestSoFar = t.objective;
      }
    });
    if (d) el('path', {d: d + 'H' + x(ended.length - 1).toFixed(1), 'class': 'best-so-far'}, svg);
    var points = [];
    ended.forEach(function (t, i) {
      var node;
      if (t.objective === null || t.objective === undefined) {
        var cy = height - bottom - 4;
        node = el('path', {d: 'M' + (x(i) - 4) + ',' + (cy - 4) + 'l8,8m0,-8l-8,8', 'class': 'point failed'}, svg);
      } else {
        node = el('circle', {cx: x(i).toFixed(1), cy: y(t.objective).toFixed(1), r: ended.length > 200 ? 2.5 : 4,
          'class': 'point status-' + t.status, fill: colour(t)}, svg);
      }
      el('title', {}, node, tooltip(t));
      node.addEventListener('click', function () { toggleSelected(t.name); });
      points.push({trial: t, node: node});
    });
    // The legend runs along the top, above the plot, where no point can hide under it.
    var legend = el('g', {transform: 'translate(' + left + ',6)', 'class': 'legend'}, svg);
    var entry = 0;
    var nextEntry = function () { return 'translate(' + (entry++ * 120) + ',0)'; };
    var line = el('g', {transform: nextEntry()}, legend);
    el('path', {d: 'M0,6H22', 'class': 'best-so-far'}, line);
    el('text', {x: 28, y: 10, 'class': 'tick-label'}, line, 'best so far');
    if (ended.some(function (t) { return t.status === 'Stopped' && t.objective !== null && t.objective !== undefined; })) {
      var stopped = el('g', {transform: nextEntry()}, legend);
      el('circle', {cx: 11, cy: 6, r: 4, 'class': 'point status-Stopped', fill: '#fff'}, stopped);
      el('text', {x: 28, y: 10, 'class': 'tick-label'}, stopped, 'stopped');
    }
    if (ended.some(function (t) { return t.objective === null || t.objective === undefined; })) {
      var failed = el('g', {transform: nextEntry()}, legend);
      el('path', {d: 'M7,2l8,8m0,-8l-8,8', 'class': 'point failed'}, failed);
      el('text', {x: 28, y: 10, 'class': 'tick-label'}, failed, 'no objective');
    }
    followState(points);
  }

  // ---- per-trial metric curves of the selected trials -------------------------------------------------------------

  function metricCurves() {
    var container = document.getElementById('curves');
    var draw = function () {
      container.textContent = '';
      if (!curves.available) {
        var p = document.createElement('p');
        p.className = 'note';
        p.textContent = 'Metric curves are not available: ' + curves.unavailableReason;
        container.appendChild(p);
        return;
      }
      var chosen = state.selected.filter(function (n) { return curves.series[n] && curves.series[n].length; });
      if (!chosen.length) {
        var none = document.createElement('p');
        none.className = 'note';
        none.textContent = state.selected.length ? 'The selected trials logged no values of ' + curves.metricName + '.'
            : 'No trial is selected: click rows of the table to compare their curves.';
        container.appendChild(none);
        return;
      }
      var width = widthOf(container, 960), height = 280, left = 64, right = 250, top = 16, bottom = 40;
      var svg = svgIn(container, width, height, 'Metric curves of the selected trials');
      var all = [], longest = 1;
      chosen.forEach(function (n) { all = all.concat(curves.series[n]); longest = Math.max(longest, curves.series[n].length); });
      var dim = {kind: 'linear', domain: [Math.min.apply(null, all), Math.max.apply(null, all)]};
      var x = function (i) { return left + (longest === 1 ? 0.5 : i / (longest - 1)) * (width - left - right); };
      var y = function (v) { return top + (1 - unit(dim, v)) * (height - top - bottom); };
      lineChartFrame(svg, {width: width, height: height, left: left, right: right, top: top, bottom: bottom}, dim, longest, x, y,
          curves.step || 'step', curves.metricName);
      chosen.forEach(function (n, k) {
        var values = curves.series[n];
        var c = SERIES[k % SERIES.length];
        var d = values.map(function (v, i) { return (i ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(v).toFixed(1); }).join('');
        var path = el('path', {d: values.length === 1 ? d + 'h0.01' : d, stroke: c, 'class': 'curve', 'data-name': n}, svg);
        el('title', {}, path, tooltip(byName[n]));
        if (k < 14) {
          el('line', {x1: width - right + 16, x2: width - right + 36, y1: top + 8 + k * 17, y2: top + 8 + k * 17, stroke: c, 'class': 'curve'}, svg);
          el('text', {x: width - right + 42, y: top + 12 + k * 17, 'class': 'tick-label'}, svg,
              n.length > 34 ? '…' + n.slice(-33) : n);
        }
      });
    };
    listeners.push(draw);
  }

  // ---- start ------------------------------------------------------------------------------------------------------

  // The charts are drawn again when the window's width changes; the table and the filters are set up once.
  function render() {
    listeners = [];
    if (ranked.length) {
      reveal('parallel-coordinates-section');
      parallelCoordinates();
      reveal('scatter-matrix-section');
      scatterMatrix();
    }
    reveal('objective-over-time-section');
    objectiveOverTime();
    reveal('curves-section');
    metricCurves();
    changed();
  }

  setUpTable();
  render();
  var resizeTimer = null, drawnWidth = document.documentElement.clientWidth;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      if (document.documentElement.clientWidth === drawnWidth) return; // taller or shorter only: nothing to redraw
      drawnWidth = document.documentElement.clientWidth;
      render();
    }, 200);
  });
  document.documentElement.setAttribute('data-report-ready', 'true');
})();
