// The metrics calculator: a table of per-class counts sent to POST /api/counts as you type; the answer (the JSON of
// `verdict calc --format json`) is shown as tables and as the formulas with the numbers substituted.
'use strict';

(() => {
  const { fmt, el, postJson } = window.Verdict;
  const COLUMNS = ['class', 'tp', 'fp', 'fn', 'tn'];
  const TITLES = ['Class name', 'TP', 'FP', 'FN', 'TN'];
  const EXAMPLES = {
    explainer: [['a', '10', '2', '3', ''], ['b', '20', '10', '12', ''], ['c', '5', '1', '1', '']],
    totals: [['A', '120', '10', '20', '200'], ['B', '90', '20', '10', '230'], ['C', '50', '10', '20', '220']],
  };
  const EXAMPLE_NOTES = {
    explainer: 'Why 0.7595 and not 0.73? Macro F1 is the plain mean of the per-class F1 scores (0.8000, 0.6452 and 0.8333), taken at full precision. ' +
      'Rounding each F1 to one decimal first (0.8, 0.6 and 0.8) and then averaging gives 2.2 / 3 ≈ 0.73: round only the final number. ' +
      'Micro F1 (0.7071) pools the counts of every class before scoring, so the large class b weighs more.',
    totals: 'With TN for every class, micro accuracy is (ΣTP + ΣTN) / (ΣTP + ΣFP + ΣFN + ΣTN). ΣFP ≠ ΣFN here, so these are one-vs-rest counts rather than one multiclass confusion matrix.',
  };

  const body = document.getElementById('count-rows');
  const rowsError = document.getElementById('rows-error');
  let example = null; // the example shown, until the table is edited
  let timer = 0;
  let controller = null;
  let sequence = 0;

  // ---- the input table ----

  function addRow(values = ['', '', '', '', ''], focus = false) {
    const tr = el('tr');
    COLUMNS.forEach((column, c) => {
      const input = el('input', {
        type: 'text', 'data-col': String(c), autocomplete: 'off', spellcheck: 'false',
        inputmode: c === 0 ? null : 'numeric', value: values[c] ?? '',
      });
      tr.append(el('td', { className: c === 0 ? 'class' : 'num' }, input));
    });
    tr.append(el('td', {}, el('button', { type: 'button', className: 'icon remove', text: '✕', onclick: () => removeRow(tr) })));
    body.append(tr);
    relabel();
    if (focus) tr.querySelector('input').focus();
    return tr;
  }

  function removeRow(tr) {
    const next = tr.nextElementSibling && tr.nextElementSibling.classList.contains('error-row') ? tr.nextElementSibling.nextElementSibling : tr.nextElementSibling;
    clearErrors();
    tr.remove();
    if (dataRows().length === 0) addRow();
    relabel();
    (next && next.querySelector('input') || dataRows().at(-1).querySelector('input')).focus();
    edited();
  }

  function dataRows() {
    return [...body.querySelectorAll('tr:not(.error-row)')];
  }

  /** Accessible names that say which row a cell is in: "TP, row 2 (b)". */
  function relabel() {
    dataRows().forEach((tr, r) => {
      const inputs = tr.querySelectorAll('input');
      const name = inputs[0].value.trim();
      inputs.forEach((input, c) => input.setAttribute('aria-label', `${TITLES[c]}, row ${r + 1}${c > 0 && name ? ` (${name})` : ''}`));
      tr.querySelector('button.remove').setAttribute('aria-label', `Remove row ${r + 1}${name ? ` (${name})` : ''}`);
    });
  }

  function readTable() {
    return dataRows().map(tr => [...tr.querySelectorAll('input')].map(i => i.value));
  }

  function setTable(rows) {
    body.replaceChildren();
    (rows.length ? rows : [['', '', '', '', '']]).forEach(r => addRow(r));
  }

  // ---- the URL holds the table: ?rows=a,10,2,3;b,20,10,12 (fields URI-encoded) ----

  function writeUrl() {
    const rows = readTable().filter(r => r.some(v => v.trim() !== ''));
    const encoded = rows.map(r => {
      const fields = r.map(v => encodeURIComponent(v.trim()));
      while (fields.length > 4 && fields.at(-1) === '') fields.pop();
      return fields.join(',');
    }).join(';');
    const params = [];
    if (encoded) params.push('rows=' + encoded);
    if (example) params.push('example=' + example);
    const url = location.pathname + (params.length ? '?' + params.join('&') : '');
    if (url !== location.pathname + location.search) history.replaceState(null, '', url);
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const raw = new URL(location.href).search.match(/[?&]rows=([^&]*)/);
    const rows = raw ? raw[1].split(';').filter(s => s !== '').map(r => r.split(',').map(f => {
      try { return decodeURIComponent(f); } catch { return f; }
    })) : null;
    return { rows, example: params.get('example') };
  }

  // ---- talking to the API ----

  function edited() {
    example = null;
    schedule();
  }

  function schedule(delay = 120) {
    clearTimeout(timer);
    timer = setTimeout(compute, delay);
  }

  async function compute() {
    relabel();
    writeUrl();
    const all = readTable();
    const sent = [];
    const domIndex = [];
    all.forEach((r, i) => {
      if (r.some(v => v.trim() !== '')) {
        sent.push({ class: r[0], tp: r[1], fp: r[2], fn: r[3], tn: r[4] });
        domIndex.push(i);
      }
    });
    if (controller) controller.abort();
    if (sent.length === 0) {
      clearErrors();
      showResults(null);
      return;
    }

    controller = new AbortController();
    const mine = ++sequence;
    let answer;
    try {
      answer = await postJson('/api/counts', { rows: sent }, controller.signal);
    } catch {
      return; // replaced by a newer request
    }

    if (mine !== sequence) return;
    clearErrors();
    if (answer.ok) {
      showResults(answer.data);
    } else {
      showError(answer.data, domIndex);
    }
  }

  function clearErrors() {
    body.querySelectorAll('tr.error-row').forEach(tr => tr.remove());
    body.querySelectorAll('input[aria-invalid]').forEach(i => {
      i.removeAttribute('aria-invalid');
      i.removeAttribute('aria-describedby');
    });
    rowsError.textContent = '';
    document.getElementById('results').classList.remove('stale');
  }

  /** Shows an API error next to the cell it names (field "rows[2].fp"), or under the table. */
  function showError(error, domIndex) {
    document.getElementById('results').classList.add('stale');
    const match = /^rows\[(\d+)\](?:\.(\w+))?$/.exec(error.field || '');
    const tr = match ? dataRows()[domIndex[Number(match[1])]] : null;
    if (!tr) {
      rowsError.textContent = error.error;
      return;
    }

    const col = match[2] ? Math.max(0, COLUMNS.indexOf(match[2])) : 0;
    const input = tr.querySelectorAll('input')[col];
    const id = 'cell-error';
    const message = el('p', { className: 'field-error', id, role: 'alert', text: error.error });
    tr.after(el('tr', { className: 'error-row' }, el('td', { colspan: '6' }, message)));
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
  }

  // ---- results ----

  function showResults(data) {
    document.getElementById('results-empty').hidden = data !== null;
    document.getElementById('results-body').hidden = data === null;
    if (!data) return;

    const hasTn = data.totals.tn !== null;
    set('headline-macro-f1', fmt(data.macro.f1));
    set('headline-micro-f1', fmt(data.micro.f1));
    set('headline-weighted-f1', fmt(data.weighted.f1));
    document.getElementById('headline-accuracy-box').hidden = !hasTn;
    set('headline-accuracy', hasTn ? fmt(data.micro.accuracy) : '–');

    const note = document.getElementById('example-note');
    note.hidden = !(example && EXAMPLE_NOTES[example]);
    note.textContent = example ? EXAMPLE_NOTES[example] || '' : '';
    document.getElementById('warnings').replaceChildren(...data.warnings.map(w => el('p', { className: 'warning', role: 'note' }, el('strong', {}, 'Warning: '), w)));

    document.querySelector('#per-class tbody').replaceChildren(...data.per_class.map(r =>
      el('tr', {}, el('th', { scope: 'row' }, r.class), el('td', {}, fmt(r.precision)), el('td', {}, fmt(r.recall)), el('td', {}, fmt(r.f1)), el('td', {}, String(r.support)))));
    for (const avg of ['micro', 'macro', 'weighted']) {
      for (const m of ['precision', 'recall', 'f1']) set(`${avg}-${m}`, fmt(data[avg][m]));
    }
    set('micro-accuracy', hasTn ? fmt(data.micro.accuracy) : '');
    document.getElementById('accuracy-head').textContent = hasTn ? 'accuracy' : '';

    const t = data.totals;
    set('totals', `ΣTP = ${t.tp}, ΣFP = ${t.fp}, ΣFN = ${t.fn}` + (hasTn ? `, ΣTN = ${t.tn}` : ' (no TN given)'));
    document.getElementById('undefined').replaceChildren(...data.undefined.map(u => el('li', {}, `${u} (reported as 0)`)));
    document.getElementById('formulas').replaceChildren(...formulas(data));
  }

  function set(id, text) {
    document.getElementById(id).textContent = text;
  }

  /** The formulas with the numbers of the answer substituted; every value shown comes from the API. */
  function formulas(data) {
    const rows = data.per_class;
    const t = data.totals;
    const k = rows.length;
    const f = (text) => el('span', { className: 'f' }, text);
    const line = (label, formula) => el('p', {}, label, ' ', f(formula));
    const perClass = el('details', { open: k <= 4 },
      el('summary', {}, `Per class (${k} ${k === 1 ? 'class' : 'classes'})`),
      el('dl', {}, ...rows.flatMap(r => [
        el('dt', {}, r.class),
        el('dd', {},
          line('precision =', `TP / (TP + FP) = ${r.tp} / (${r.tp} + ${r.fp}) = ${fmt(r.precision)}`),
          line('recall =', `TP / (TP + FN) = ${r.tp} / (${r.tp} + ${r.fn}) = ${fmt(r.recall)}`),
          line('F1 =', `2·TP / (2·TP + FP + FN) = 2·${r.tp} / (2·${r.tp} + ${r.fp} + ${r.fn}) = ${fmt(r.f1)}`),
          line('support =', `TP + FN = ${r.tp} + ${r.fn} = ${r.support}`)),
      ])));
    const mean = (m) => `(${rows.map(r => fmt(r[m])).join(' + ')}) / ${k}`;
    const weighted = (m) => `(${rows.map(r => `${r.support}·${fmt(r[m])}`).join(' + ')}) / (${rows.map(r => r.support).join(' + ')})`;
    const micro = el('div', {},
      el('h4', {}, 'Micro: pool the counts, then score'),
      line('precision =', `ΣTP / (ΣTP + ΣFP) = ${t.tp} / (${t.tp} + ${t.fp}) = ${fmt(data.micro.precision)}`),
      line('recall =', `ΣTP / (ΣTP + ΣFN) = ${t.tp} / (${t.tp} + ${t.fn}) = ${fmt(data.micro.recall)}`),
      line('F1 =', `2·ΣTP / (2·ΣTP + ΣFP + ΣFN) = 2·${t.tp} / (2·${t.tp} + ${t.fp} + ${t.fn}) = ${fmt(data.micro.f1)}`),
      t.tn !== null ? line('accuracy =', `(ΣTP + ΣTN) / (ΣTP + ΣFP + ΣFN + ΣTN) = (${t.tp} + ${t.tn}) / (${t.tp} + ${t.fp} + ${t.fn} + ${t.tn}) = ${fmt(data.micro.accuracy)}`) : null);
    const macro = el('div', {},
      el('h4', {}, 'Macro: score each class, then take the plain mean'),
      line('precision =', `${mean('precision')} = ${fmt(data.macro.precision)}`),
      line('recall =', `${mean('recall')} = ${fmt(data.macro.recall)}`),
      line('F1 =', `${mean('f1')} = ${fmt(data.macro.f1)}`));
    const weightedBlock = el('div', {},
      el('h4', {}, 'Weighted: the mean weighted by support (TP + FN)'),
      line('precision =', `${weighted('precision')} = ${fmt(data.weighted.precision)}`),
      line('recall =', `${weighted('recall')} = ${fmt(data.weighted.recall)}`),
      line('F1 =', `${weighted('f1')} = ${fmt(data.weighted.f1)}`));
    const rounding = el('p', { className: 'hint' }, 'Per-class values are shown rounded to 4 decimals; each average is computed from the unrounded values.');
    return [perClass, micro, macro, weightedBlock, rounding];
  }

  // ---- keyboard and paste ----

  body.addEventListener('input', () => edited());

  body.addEventListener('keydown', (event) => {
    const input = event.target.closest('input');
    if (!input) return;
    const tr = input.closest('tr');
    const col = Number(input.dataset.col);
    const rows = dataRows();
    const r = rows.indexOf(tr);
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      const next = rows[r + 1] || (event.key === 'Enter' ? addRow() : null);
      if (next) next.querySelectorAll('input')[col].focus();
    } else if (event.key === 'ArrowUp' && r > 0) {
      event.preventDefault();
      rows[r - 1].querySelectorAll('input')[col].focus();
    }
  });

  body.addEventListener('paste', (event) => {
    const input = event.target.closest('input');
    const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    if (!input || !/[\t\n]/.test(text.replace(/\s+$/, ''))) return; // one value: the browser pastes it
    event.preventDefault();
    const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
    const separator = lines.some(l => l.includes('\t')) ? '\t' : ',';
    let cells = lines.map(l => l.split(separator).map(c => c.trim().replace(/^"(.*)"$/, '$1')));
    const header = cells[0].map(c => c.toLowerCase());
    if (header.includes('tp') || header.includes('fp')) {
      // A table with a header: map its columns by name and replace the whole table.
      const index = ['class', 'tp', 'fp', 'fn', 'tn'].map(name => header.findIndex(h => h === name || (name === 'class' && (h === 'name' || h === 'label'))));
      cells = cells.slice(1).map(r => index.map(i => (i >= 0 ? r[i] ?? '' : '')));
      setTable(cells);
    } else {
      // Cells without a header: fill from the focused cell, like a spreadsheet, adding rows as needed.
      const startRow = dataRows().indexOf(input.closest('tr'));
      const startCol = Number(input.dataset.col);
      cells.forEach((r, i) => {
        const tr = dataRows()[startRow + i] || addRow();
        const inputs = tr.querySelectorAll('input');
        r.forEach((value, j) => {
          if (startCol + j < inputs.length) inputs[startCol + j].value = value;
        });
      });
    }
    edited();
  });

  // ---- buttons ----

  function loadExample(name) {
    setTable(EXAMPLES[name]);
    example = name;
    schedule(0);
  }

  document.getElementById('example-explainer').addEventListener('click', () => loadExample('explainer'));
  document.getElementById('example-totals').addEventListener('click', () => loadExample('totals'));
  document.getElementById('clear-table').addEventListener('click', () => {
    setTable([]);
    example = null;
    body.querySelector('input').focus();
    schedule(0);
  });
  document.getElementById('add-row').addEventListener('click', () => addRow(undefined, true));
  document.getElementById('copy-link').addEventListener('click', async () => {
    writeUrl();
    const status = document.getElementById('copy-status');
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = 'Link copied.';
    } catch {
      status.textContent = 'Copy the address bar: it holds the table.';
    }
    setTimeout(() => { status.textContent = ''; }, 4000);
  });

  // ---- start: the table from the URL, else the micro-vs-macro example ----

  const state = readUrl();
  if (state.rows && state.rows.length) {
    setTable(state.rows);
    example = EXAMPLES[state.example] ? state.example : null;
    schedule(0);
  } else {
    loadExample('explainer');
  }
})();
