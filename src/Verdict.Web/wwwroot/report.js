// The report page: a file (or a sample) and options go to POST /api/report; the answer holds the report JSON of
// `verdict report --format json` and the HTML report, shown in a frame. Errors appear next to the field they name.
'use strict';

(() => {
  const { el, postForm, getJson, readAnswer, download } = window.Verdict;
  const FIELDS = ['task', 'actual', 'predicted', 'score', 'scores', 'threshold', 'labels', 'positive', 'weight',
    'zero_division', 'on_bad_row', 'top_k', 'delimiter', 'digits', 'normalize'];
  const HEADER_BYTES = 1 << 20; // the first MiB of a text file is enough to read its header

  const form = document.getElementById('report-form');
  const fileInput = document.getElementById('file');
  const sampleSelect = document.getElementById('sample');
  const status = document.getElementById('status');
  const frame = document.getElementById('report-frame');
  let config = { max_upload_bytes: 200 * 1024 * 1024, max_upload: '200 MB', too_large: null };
  let source = null; // { kind: 'file', file } or { kind: 'sample', name }
  let shown = null; // the request behind the report on screen, for the downloads
  let busy = false;

  // ---- errors next to their fields ----

  function fieldElement(name) {
    return document.getElementById(name);
  }

  function clearErrors() {
    document.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; });
    document.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
    document.getElementById('form-error').textContent = '';
  }

  function showError(error) {
    const name = error.field === 'rows' ? null : error.field;
    const target = name ? fieldElement(name) : null;
    const message = name ? document.getElementById(`${name}-error`) : null;
    if (!target || !message) {
      document.getElementById('form-error').textContent = error.error;
      return;
    }

    message.textContent = error.error;
    target.setAttribute('aria-invalid', 'true');
    const details = target.closest('details');
    if (details) details.open = true;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center', behavior: 'instant' });
  }

  // ---- choosing the data ----

  function sourceName() {
    return source ? (source.kind === 'file' ? source.file.name : source.name) : '';
  }

  function appendSource(data, headerOnly) {
    if (source.kind === 'sample') {
      data.append('sample', source.name);
      return;
    }

    const file = source.file;
    const whole = !headerOnly || /\.gz$/i.test(file.name) || file.size <= HEADER_BYTES;
    data.append('file', whole ? file : file.slice(0, HEADER_BYTES), file.name);
  }

  function showColumns(name, columns) {
    document.getElementById('columns').replaceChildren(...columns.map(c => el('option', { value: c })));
    const list = document.getElementById('columns-list');
    list.replaceChildren('Columns in ', el('strong', {}, name), ': ', ...columns.flatMap((c, i) => [i ? ', ' : '', el('code', {}, c)]));
  }

  async function readColumns() {
    const data = new FormData();
    appendSource(data, true);
    const delimiter = fieldElement('delimiter').value.trim();
    if (delimiter) data.append('delimiter', delimiter);
    const answer = await postForm('/api/columns', data);
    if (answer.ok) {
      showColumns(answer.data.file, answer.data.columns);
      return answer.data.columns;
    }

    showError(answer.data);
    return null;
  }

  function resetOptions() {
    for (const name of FIELDS) {
      const e = fieldElement(name);
      if (e.type === 'checkbox') e.checked = false;
      else if (e.tagName === 'SELECT') e.selectedIndex = 0;
      else e.value = '';
    }
  }

  fileInput.addEventListener('change', async () => {
    clearErrors();
    const file = fileInput.files && fileInput.files[0];
    sampleSelect.value = '';
    source = null;
    document.getElementById('columns-list').textContent = '';
    if (!file) return;
    if (file.size > config.max_upload_bytes) {
      showError({ error: config.too_large, field: 'file' });
      return;
    }

    source = { kind: 'file', file };
    const columns = await readColumns();
    if (!columns) return;
    // Keep options that still name columns of the new file; clear the others so the defaults apply.
    for (const name of ['actual', 'predicted', 'score', 'weight']) {
      const e = fieldElement(name);
      if (e.value && !e.value.split(',').every(c => columns.includes(c.trim()))) e.value = '';
    }
    const scores = fieldElement('scores');
    if (scores.value && !scores.value.split(',').every(c => columns.includes(c.split('=').at(-1).trim()))) scores.value = '';
    await evaluate();
  });

  sampleSelect.addEventListener('change', async () => {
    clearErrors();
    fileInput.value = '';
    source = null;
    const sample = samples.find(s => s.name === sampleSelect.value);
    if (!sample) return;
    source = { kind: 'sample', name: sample.name };
    resetOptions();
    for (const [name, value] of Object.entries(sample.options)) fieldElement(name).value = value;
    await readColumns();
    await evaluate();
  });

  // ---- the report ----

  function buildForm(format) {
    const data = new FormData();
    appendSource(data, false);
    for (const name of FIELDS) {
      const e = fieldElement(name);
      const value = e.type === 'checkbox' ? (e.checked ? 'true' : '') : e.value.trim();
      if (value) data.append(name, value);
    }
    data.append('format', format);
    return data;
  }

  async function evaluate() {
    clearErrors();
    if (!source) {
      showError({ error: 'Choose a prediction file to upload, or pick a sample.', field: 'file' });
      return;
    }

    if (busy) return;
    busy = true;
    const evaluateButton = document.getElementById('evaluate');
    evaluateButton.disabled = true;
    status.textContent = `Evaluating ${sourceName()}…`;
    try {
      const data = buildForm('page');
      const request = { name: sourceName(), entries: [...data.entries()].filter(([key]) => key !== 'format') };
      const answer = await postForm('/api/report', data);
      if (!answer.ok) {
        status.textContent = '';
        showError(answer.data);
        return;
      }

      const report = answer.data.report;
      shown = request;
      showColumns(answer.data.file, answer.data.columns);
      document.getElementById('label-values').replaceChildren(...report.labels.map(l => el('option', { value: String(l) })));
      document.getElementById('result').hidden = false;
      document.getElementById('result-title').textContent = `Report of ${answer.data.file}`;
      frame.title = `Classification report of ${answer.data.file}`;
      frame.srcdoc = answer.data.html;
      document.getElementById('download-json').disabled = false;
      document.getElementById('download-html').disabled = false;
      suggestScores(report, answer.data.columns);
      status.textContent = `${answer.data.file}: ${report.task}, ${report.rows.toLocaleString('en-US')} rows, ${report.labels.length} ${report.task === 'multilabel' ? 'labels' : 'classes'}.`;
    } finally {
      busy = false;
      evaluateButton.disabled = false;
    }
  }

  /**
   * When the report was made without scores but the file has a score column per class (p_0, p_1, ... or
   * p_malignant), offers to use them: the curves and AUC need them. Only column names are compared here.
   */
  function suggestScores(report, columns) {
    const box = document.getElementById('suggestion');
    box.hidden = true;
    if (report.task === 'multilabel' || fieldElement('score').value.trim() || fieldElement('scores').value.trim()) return;
    const labels = report.labels.map(String);
    for (const prefix of ['p_', 'prob_', 'proba_', 'score_', 'p']) {
      const found = labels.map(l => columns.includes(prefix + l) ? prefix + l : null);
      if (report.task === 'multiclass' && found.every(c => c)) {
        offer(`The columns ${found[0]} … ${found.at(-1)} look like class scores; with them the report adds ROC AUC, top-k accuracy and the curves.`, { scores: found.join(',') });
        return;
      }

      if (report.task === 'binary') {
        const positive = report.positive !== undefined ? String(report.positive) : null;
        const index = positive !== null ? labels.indexOf(positive) : found.filter(c => c).length === 1 ? found.findIndex(c => c) : -1;
        if (index >= 0 && found[index]) {
          offer(`The column ${found[index]} looks like the score of '${labels[index]}'; with it the report adds ROC AUC, average precision and the curves.`, { score: found[index], positive: labels[index] });
          return;
        }
      }
    }
  }

  function offer(text, values) {
    document.getElementById('suggestion-text').textContent = text;
    document.getElementById('suggestion').hidden = false;
    document.getElementById('suggestion-use').onclick = () => {
      for (const [name, value] of Object.entries(values)) fieldElement(name).value = value;
      document.getElementById('suggestion').hidden = true;
      evaluate();
    };
  }

  function fitFrame() {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) frame.style.height = `${doc.documentElement.scrollHeight + 4}px`;
  }

  frame.addEventListener('load', fitFrame);
  window.addEventListener('resize', () => requestAnimationFrame(fitFrame));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    evaluate();
  });

  async function save(format) {
    if (!shown) return;
    const stem = shown.name.replace(/\.gz$/i, '').replace(/\.[^.]+$/, '') || 'report';
    status.textContent = `Preparing ${format.toUpperCase()}…`;
    try {
      // The downloads send the same file and options again, so they are exactly the server's output for the report shown.
      const data = new FormData();
      for (const [key, value] of shown.entries) {
        if (value instanceof File) data.append(key, value, value.name);
        else data.append(key, value);
      }
      data.append('format', format);
      const response = await fetch('/api/report', { method: 'POST', body: data });
      if (!response.ok) {
        showError((await readAnswer(response)).data);
        status.textContent = '';
        return;
      }

      download(await response.blob(), `${stem}-report.${format}`);
      status.textContent = `Saved ${stem}-report.${format}.`;
    } catch {
      status.textContent = 'The server cannot be reached. Is verdict serve still running?';
    }
  }

  document.getElementById('download-json').addEventListener('click', () => save('json'));
  document.getElementById('download-html').addEventListener('click', () => save('html'));

  // ---- start ----

  let samples = [];
  (async () => {
    const [configAnswer, samplesAnswer] = await Promise.all([getJson('/api/config'), getJson('/api/samples')]);
    if (configAnswer.ok) {
      config = configAnswer.data;
      document.getElementById('upload-limit').textContent = config.max_upload;
    }

    if (samplesAnswer.ok) {
      samples = samplesAnswer.data;
      sampleSelect.append(...samples.map(s => el('option', { value: s.name }, `${s.name}: ${s.title}`)));
    }

    document.body.dataset.ready = 'true';
  })();
})();
