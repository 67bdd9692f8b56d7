// The emulator's dashboard. One streamed request per open page (GET /_emulator/ui/api/feed, read with fetch so that
// it can carry the admin token): the server sends the last five minutes of samples once, then one snapshot a second.
// Everything else is an ordinary admin call made when the user asks, or at most every 2 s for the executions list.
'use strict';

(() => {
  const TOKEN_KEY = 'connect-emulator.admin-token';
  const STATUSES = ['INITIATED', 'IN_PROGRESS', 'PASSED', 'FAILED', 'STOPPED'];
  const TERMINAL = new Set(['PASSED', 'FAILED', 'STOPPED']);
  const HISTORY_SECONDS = 300;
  const EXECUTIONS_REFRESH_MS = 2000;
  const OPERATION_COLOURS = ['#0b62c4', '#1e8a3c', '#7a5bd1', '#d17a00', '#00838f', '#8d6e63', '#ad1457', '#546e7a',
    '#2e7d32', '#5c6bc0', '#9e9d24'];
  const ERROR_COLOURS = ['#c62f2f', '#e65100', '#8e24aa', '#6d4c41', '#b71c1c', '#ff6f00'];

  const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
  const main = document.querySelector('main');
  const connection = byTestId('connection');
  const chartBox = byTestId('load-chart');
  const controlsForm = byTestId('controls');
  const filtersForm = byTestId('execution-filters');

  let token = sessionStorage.getItem(TOKEN_KEY) || '';
  let samples = [];
  let chart = null;
  let chartSeriesKey = '';
  let originalControls = null;
  let selected = null;
  let executionsInFlight = false;
  let executionsShownAt = 0;
  let countsAtLastList = '';
  let reconnectDelay = 1000;

  // --- HTTP ----------------------------------------------------------------------------------------------------

  function headers(extra = {}) {
    return token ? { ...extra, Authorization: `Bearer ${token}` } : { ...extra };
  }

  /** An admin call; resolves to the JSON body, rejects with the AWS error's message. */
  async function api(method, path, body) {
    const init = { method, cache: 'no-store', headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(path, init);
    const text = await response.text();
    let json = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { message: text };
    }
    if (!response.ok) {
      if (response.status === 403) askForToken('The admin token was refused.');
      const error = new Error(json.message || `HTTP ${response.status}`);
      error.type = response.headers.get('x-amzn-ErrorType');
      throw error;
    }
    return json;
  }

  // --- the token -----------------------------------------------------------------------------------------------

  function askForToken(why) {
    main.hidden = true;
    const form = byTestId('token-form');
    form.hidden = false;
    byTestId('token-error').textContent = why || '';
    connection.textContent = 'needs the admin token';
    connection.className = 'connection down';
    form.querySelector('input').focus();
  }

  byTestId('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = event.target.elements.token.value.trim();
    sessionStorage.setItem(TOKEN_KEY, token);
    start();
  });

  async function start() {
    let access;
    try {
      access = await (await fetch('/_emulator/ui/access', { headers: headers(), cache: 'no-store' })).json();
    } catch {
      setConnection(false, 'cannot reach the emulator; retrying');
      setTimeout(start, 3000);
      return;
    }
    if (access.tokenRequired && !access.tokenAccepted) {
      askForToken(token ? 'That token is not the admin token.' : '');
      return;
    }
    byTestId('token-form').hidden = true;
    main.hidden = false;
    loadControls();
    follow();
    showExecutions();
  }

  // --- the feed ------------------------------------------------------------------------------------------------

  function setConnection(live, text) {
    connection.textContent = text;
    connection.className = `connection ${live ? 'live' : 'down'}`;
  }

  async function follow() {
    try {
      const response = await fetch('/_emulator/ui/api/feed', { headers: headers(), cache: 'no-store' });
      if (response.status === 403) {
        askForToken('The admin token was refused.');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      setConnection(true, 'live');
      reconnectDelay = 1000;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        let end;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          dispatch(block);
        }
      }
    } catch {
      // reconnected below
    }
    setConnection(false, `reconnecting in ${reconnectDelay / 1000} s`);
    setTimeout(follow, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, 10000);
  }

  function dispatch(block) {
    let name = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!data) return;
    const payload = JSON.parse(data);
    if (name === 'history') onHistory(payload);
    else if (name === 'snapshot') onSnapshot(payload);
  }

  function onHistory(history) {
    samples = history.samples.slice(-HISTORY_SECONDS);
    chartBox.dataset.metrics = String(history.metrics);
    drawChart();
  }

  function onSnapshot(snapshot) {
    // Read by bench/dashboard-cost.sh and the tests: how many snapshots this page has received.
    connection.dataset.snapshots = String(Number(connection.dataset.snapshots || 0) + 1);
    if (!samples.length || samples[samples.length - 1].at < snapshot.sample.at) {
      samples.push(snapshot.sample);
      if (samples.length > HISTORY_SECONDS) samples.shift();
    }
    showNow(snapshot);
    showLatency(snapshot);
    showInstances(snapshot);
    followControls(snapshot.controls);
    drawChart();
    // The list is asked for again only when the counts moved: an idle emulator is not asked at all.
    const counts = JSON.stringify([snapshot.now?.executions, snapshot.now?.testCases]);
    const due = Date.now() - executionsShownAt >= EXECUTIONS_REFRESH_MS;
    if (filtersForm.elements.live.checked && due && counts !== countsAtLastList) {
      countsAtLastList = counts;
      showExecutions();
    }
    if (selected && !TERMINAL.has(selected.status)) showTimeline();
  }

  // --- now -----------------------------------------------------------------------------------------------------

  function showNow(snapshot) {
    const now = snapshot.now;
    byTestId('now-note').textContent = snapshot.error || '';
    if (!now) return;
    for (const status of STATUSES) byTestId(`count-${status}`).textContent = String(now.executions[status] || 0);
    byTestId('count-running').textContent = String(now.running);
    byTestId('count-queued').textContent = String(now.queued);
    byTestId('count-test-cases').textContent = String(now.testCases);
    byTestId('timer-lag').textContent = `${now.timerLagMillis.p99} / ${now.timerLagMillis.max} ms`;
    byTestId('started-rate').textContent = snapshot.metrics ? String(snapshot.sample.started) : 'metrics off';
  }

  // --- load ----------------------------------------------------------------------------------------------------

  function showLatency(snapshot) {
    const body = byTestId('latency').tBodies[0];
    const operations = [...new Set([...Object.keys(snapshot.p99), ...Object.keys(snapshot.sample.requests || {})])].sort();
    body.replaceChildren(...operations.map((operation) => row([
      text(operation),
      number(snapshot.sample.requests?.[operation] ?? 0),
      number(snapshot.p99[operation] ?? '–'),
    ])));
  }

  function drawChart() {
    if (typeof uPlot === 'undefined') return;
    const operations = new Set();
    const errors = new Set();
    for (const sample of samples) {
      Object.keys(sample.requests || {}).forEach((key) => operations.add(key));
      Object.keys(sample.errors || {}).forEach((key) => errors.add(key));
    }
    const ops = [...operations].sort();
    const errs = [...errors].sort();
    const data = [samples.map((sample) => sample.at / 1000)];
    let nonZero = 0;
    for (const op of ops) {
      data.push(samples.map((sample) => sample.requests?.[op] ?? 0));
    }
    for (const type of errs) {
      data.push(samples.map((sample) => sample.errors?.[type] ?? 0));
    }
    for (let i = 1; i < data.length; i++) nonZero += data[i].filter((value) => value > 0).length;
    const key = JSON.stringify([ops, errs]);
    if (!chart || key !== chartSeriesKey) {
      chart?.destroy();
      chartSeriesKey = key;
      chart = new uPlot(chartOptions(ops, errs), data, chartBox);
    } else {
      chart.setData(data);
    }
    chartBox.dataset.series = String(ops.length + errs.length);
    chartBox.dataset.points = String(nonZero);
  }

  function chartOptions(ops, errs) {
    return {
      width: Math.max(240, chartBox.clientWidth),
      height: 260,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [{}, { label: 'per second', size: 56 }],
      series: [
        {},
        ...ops.map((op, i) => ({ label: op, stroke: OPERATION_COLOURS[i % OPERATION_COLOURS.length], width: 1.5, points: { show: false } })),
        ...errs.map((type, i) => ({ label: `${type} (errors)`, stroke: ERROR_COLOURS[i % ERROR_COLOURS.length], width: 1.5, dash: [6, 4], points: { show: false } })),
      ],
    };
  }

  new ResizeObserver(() => {
    if (chart && chartBox.clientWidth > 0) chart.setSize({ width: Math.max(240, chartBox.clientWidth), height: 260 });
  }).observe(chartBox);

  // --- instances -----------------------------------------------------------------------------------------------

  function showInstances(snapshot) {
    const now = snapshot.now;
    if (!now) return;
    const controls = snapshot.controls;
    const maxRunning = Number(controls['quota.maxRunningPerInstance']);
    const maxQueued = Number(controls['quota.maxQueuedPerInstance']);
    const limits = limitsText(controls);
    const body = byTestId('instances').tBodies[0];
    body.replaceChildren(...now.instances.map((instance) => {
      const tr = row([
        text(instance.instanceId, 'id'),
        number(instance.testCases),
        quota(instance.running, maxRunning, `${instance.running} running of ${maxRunning || 'no limit'}`),
        quota(instance.running + instance.queued, maxQueued,
          `${instance.queued} waiting; ${instance.running + instance.queued} of ${maxQueued || 'no limit'} counting the running ones`,
          String(instance.queued)),
        text(limits),
      ]);
      tr.dataset.testid = `instance-${instance.instanceId}`;
      return tr;
    }));
    const hidden = now.instanceCount - now.instances.length;
    byTestId('instances-note').textContent = hidden > 0 ? `and ${hidden} quieter instances not listed` : '';
    updateInstanceChoices(now.instances);
  }

  function limitsText(controls) {
    const parts = [];
    const rps = Number(controls['throttle.requestsPerSecond']);
    parts.push(rps > 0 ? `throttle ${rps}/s per operation (burst ${controls['throttle.burst']})` : 'no throttling');
    const probability = Number(controls['faults.probability']);
    if (probability > 0) {
      parts.push(`faults ${Math.round(probability * 1000) / 10}% ${controls['faults.errorType']} on ${controls['faults.operations'] || 'all operations'}`);
    }
    const maxLatency = Number(controls['faults.latencyMaxMillis']);
    if (maxLatency > 0) parts.push(`latency ${controls['faults.latencyMinMillis']}–${maxLatency} ms`);
    const ratio = Number(controls['outcome.failureRatio']);
    if (ratio > 0) parts.push(`${Math.round(ratio * 1000) / 10}% of runs fail`);
    return parts.join(' · ');
  }

  function quota(used, max, label, shown = String(used)) {
    const td = document.createElement('td');
    const box = document.createElement('div');
    box.className = 'quota';
    if (max > 0) {
      const bar = document.createElement('span');
      bar.className = used >= max ? 'bar full' : 'bar';
      bar.setAttribute('role', 'meter');
      bar.setAttribute('aria-valuemin', '0');
      bar.setAttribute('aria-valuemax', String(max));
      bar.setAttribute('aria-valuenow', String(used));
      bar.setAttribute('aria-label', label);
      const fill = document.createElement('span');
      fill.style.width = `${Math.min(100, (100 * used) / max)}%`;
      bar.append(fill);
      box.append(bar);
    }
    const value = document.createElement('span');
    value.textContent = max > 0 ? `${shown} / ${max}` : `${shown} (no limit)`;
    value.title = label;
    box.append(value);
    td.append(box);
    return td;
  }

  /** The instance filter offers the listed instances, and keeps the one chosen even when it drops off the list. */
  function updateInstanceChoices(instances) {
    const select = filtersForm.elements.instanceId;
    const chosen = select.value;
    const ids = instances.map((instance) => instance.instanceId).sort(); // a stable order while the busiest change
    if (chosen && !ids.includes(chosen)) ids.unshift(chosen);
    const shown = [...select.options].slice(1).map((option) => option.value);
    if (JSON.stringify(shown) === JSON.stringify(ids)) return;
    select.replaceChildren(select.options[0], ...ids.map((id) => new Option(id, id)));
    select.value = chosen;
  }

  // --- executions and the timeline -----------------------------------------------------------------------------

  filtersForm.addEventListener('submit', (event) => {
    event.preventDefault();
    showExecutions();
  });

  async function showExecutions() {
    if (executionsInFlight) return;
    executionsInFlight = true;
    executionsShownAt = Date.now();
    const form = filtersForm.elements;
    const query = new URLSearchParams();
    for (const name of ['instanceId', 'testCaseId', 'status']) {
      if (form[name].value.trim()) query.set(name, form[name].value.trim());
    }
    try {
      const { executions } = await api('GET', `/_emulator/ui/api/executions?${query}`);
      byTestId('executions-error').textContent = '';
      renderExecutions(executions);
    } catch (error) {
      byTestId('executions-error').textContent = error.message;
    } finally {
      executionsInFlight = false;
    }
  }

  function renderExecutions(executions) {
    const body = byTestId('executions').tBodies[0];
    const focused = document.activeElement?.closest('tr')?.dataset.testid;
    body.replaceChildren(...executions.map((run) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = run.executionId;
      button.setAttribute('aria-label', `Show the records of execution ${run.executionId}`);
      button.addEventListener('click', () => select(run));
      const first = document.createElement('td');
      first.append(button);
      const tr = row([first, chip(run.status), text(run.testCaseId, 'id'), text(run.instanceId, 'id'),
        text(new Date(run.startTime).toLocaleTimeString()), number(duration(run))]);
      tr.dataset.testid = `execution-${run.executionId}`;
      if (selected && selected.executionId === run.executionId) {
        tr.className = 'selected';
        selected.status = run.status;
      }
      return tr;
    }));
    if (focused) body.querySelector(`[data-testid="${CSS.escape(focused)}"] button`)?.focus();
  }

  function duration(run) {
    const end = run.endTime ?? Date.now();
    return `${((end - run.startTime) / 1000).toFixed(2)} s`;
  }

  function select(run) {
    selected = { ...run };
    for (const tr of byTestId('executions').tBodies[0].rows) {
      tr.classList.toggle('selected', tr.dataset.testid === `execution-${run.executionId}`);
    }
    showTimeline();
  }

  async function showTimeline() {
    const run = selected;
    const box = byTestId('timeline');
    const query = new URLSearchParams({ instanceId: run.instanceId, testCaseId: run.testCaseId, executionId: run.executionId });
    let records;
    let truncated;
    try {
      ({ records, truncated } = await api('GET', `/_emulator/ui/api/records?${query}`));
    } catch (error) {
      box.replaceChildren(paragraph(`Records of ${run.executionId}: ${error.message}`, 'error'));
      return;
    }
    if (selected !== run) return;
    const times = records.map((record) => record.detail || {});
    const from = Math.min(run.startTime / 1000, ...times.map((detail) => detail.startedAt ?? Infinity));
    const to = Math.max(...times.map((detail) => detail.endedAt ?? Date.now() / 1000), from + 0.001);
    const heading = document.createElement('h3');
    heading.textContent = `${run.executionId} · ${records.length} record${records.length === 1 ? '' : 's'}${truncated ? ' (the first 1000)' : ''}`;
    const list = document.createElement('ol');
    list.append(...records.map((record) => {
      const detail = record.detail || {};
      const start = detail.startedAt ?? from;
      const end = detail.endedAt ?? Date.now() / 1000;
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'observation';
      name.textContent = `${record.observationId} · ${record.status}`;
      const track = document.createElement('div');
      track.className = 'track';
      const bar = document.createElement('span');
      bar.className = `timeline-bar bar-${record.status}`;
      bar.dataset.testid = 'timeline-bar';
      bar.style.left = `${(100 * (start - from)) / (to - from)}%`;
      bar.style.width = `${Math.max(0.5, (100 * (end - start)) / (to - from))}%`;
      bar.title = `${record.observationId}: ${record.status}, ${((end - start) * 1000).toFixed(0)} ms`;
      track.append(bar);
      const message = document.createElement('span');
      message.className = 'message';
      message.textContent = detail.message || '';
      li.append(name, track, message);
      return li;
    }));
    box.replaceChildren(heading, records.length ? list : paragraph('No records yet.', 'note'));
  }

  // --- controls ------------------------------------------------------------------------------------------------

  const controlFields = () => [...controlsForm.querySelectorAll('input[name], select[name]')];

  async function loadControls() {
    try {
      fillControls(await api('GET', '/_emulator/controls'), true);
    } catch (error) {
      byTestId('controls-error').textContent = error.message;
    }
  }

  function fillControls(values, all) {
    originalControls = values;
    for (const field of controlFields()) {
      const value = values[field.name] === undefined ? '' : String(values[field.name]);
      if (all || !field.classList.contains('changed')) field.value = value;
      markChanged(field);
    }
  }

  /** Values changed elsewhere (another page, a script) show up here, except where the user is editing. */
  function followControls(values) {
    if (!originalControls) return;
    const differs = controlFields().some((field) => String(values[field.name] ?? '') !== String(originalControls[field.name] ?? ''));
    if (differs) fillControls(values, false);
  }

  function markChanged(field) {
    const original = originalControls ? String(originalControls[field.name] ?? '') : field.value;
    field.classList.toggle('changed', field.value !== original);
  }

  controlsForm.addEventListener('input', (event) => markChanged(event.target));
  controlsForm.addEventListener('change', (event) => markChanged(event.target));

  controlsForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const changes = {};
    for (const field of controlFields()) {
      if (field.classList.contains('changed')) changes[field.name] = field.value.trim();
    }
    byTestId('controls-error').textContent = '';
    byTestId('controls-status').textContent = '';
    if (!Object.keys(changes).length) {
      byTestId('controls-status').textContent = 'Nothing to apply: no field was changed.';
      return;
    }
    try {
      fillControls(await api('PUT', '/_emulator/controls', changes), true);
      byTestId('controls-status').textContent = `Applied: ${Object.entries(changes).map(([key, value]) => `${key} = ${value}`).join(', ')}`;
    } catch (error) {
      byTestId('controls-error').textContent = `Refused: ${error.message}`;
    }
  });

  controlsForm.querySelector('[data-action="revert"]').addEventListener('click', () => {
    if (originalControls) fillControls(originalControls, true);
    byTestId('controls-error').textContent = '';
  });

  // --- reset and the clock, behind a confirmation ----------------------------------------------------------------

  function confirmed(question) {
    const dialog = byTestId('confirm');
    dialog.querySelector('.question').textContent = question;
    dialog.returnValue = '';
    dialog.showModal();
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    });
  }

  byTestId('clock-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = event.target.elements.millis.value.trim();
    const status = byTestId('danger-status');
    if (!(await confirmed(`Move the emulator's clock forward by ${raw} ms? Runs that fall due run at once.`))) return;
    try {
      const clock = await api('POST', '/_emulator/clock/advance', { millis: /^\d+$/.test(raw) ? Number(raw) : raw });
      status.textContent = `Clock moved: now ${new Date(clock.now).toISOString()} (offset ${clock.offsetMillis} ms)`;
    } catch (error) {
      status.textContent = `Refused: ${error.message}`;
    }
  });

  document.querySelector('[data-action="reset"]').addEventListener('click', async () => {
    const status = byTestId('danger-status');
    if (!(await confirmed('Forget every test case and execution of this emulator?'))) return;
    try {
      await api('POST', '/_emulator/reset');
      status.textContent = 'Reset: every test case and execution is gone.';
      selected = null;
      byTestId('timeline').replaceChildren(paragraph('Choose an execution to see its records.', 'note'));
      showExecutions();
    } catch (error) {
      status.textContent = `Refused: ${error.message}`;
    }
  });

  // --- small DOM helpers ---------------------------------------------------------------------------------------

  function row(cells) {
    const tr = document.createElement('tr');
    tr.append(...cells);
    return tr;
  }

  function text(value, className) {
    const td = document.createElement('td');
    td.textContent = value;
    if (className) td.className = className;
    return td;
  }

  function number(value) {
    return text(String(value), 'num');
  }

  function chip(status) {
    const td = document.createElement('td');
    const span = document.createElement('span');
    span.className = `status-chip chip-${status}`;
    span.textContent = status;
    td.append(span);
    return td;
  }

  function paragraph(value, className) {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = value;
    return p;
  }

  start();
})();
