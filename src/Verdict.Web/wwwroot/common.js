// Shared helpers of the Verdict pages. No computation of metrics happens here: the pages send input to the
// server's API and show what it answers.
'use strict';

window.Verdict = (() => {
  /**
   * A number with `digits` decimals as Python's format(x, '.4f') writes it: correctly rounded, ties (values exactly
   * halfway, which only binary fractions such as 0.03125 can be) to the even digit. null (NaN in JSON) is "nan".
   */
  function fmt(x, digits = 4) {
    if (x === null || x === undefined || Number.isNaN(x)) return 'nan';
    if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
    const rounded = x.toFixed(digits); // correctly rounded, but ties go away from zero
    const exact = Math.abs(x).toFixed(Math.min(100, digits + 30));
    const dot = exact.indexOf('.');
    const tail = exact.slice(dot + 1 + digits);
    if (/^50*$/.test(tail)) {
      const truncated = exact.slice(0, dot + 1 + digits).replace(/\.$/, '');
      const last = truncated.replace('.', '').slice(-1);
      if (Number(last) % 2 === 0) return (x < 0 ? '-' : '') + truncated;
    }
    return rounded;
  }

  /** An element with attributes and children (strings become text nodes, never HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Reads an API answer: {ok, status, data} with data the parsed JSON (or {error} when the body is not JSON). */
  async function readAnswer(response) {
    let data;
    const text = await response.text();
    try {
      data = JSON.parse(text);
    } catch {
      data = { error: response.ok ? 'The server sent an answer that is not JSON.' : `The server answered ${response.status} ${response.statusText}.`, field: null };
    }
    return { ok: response.ok, status: response.status, data, text };
  }

  /** A network failure as an answer, so callers handle one shape. */
  function networkError(error) {
    if (error && error.name === 'AbortError') throw error;
    return { ok: false, status: 0, data: { error: 'The server cannot be reached. Is verdict serve still running?', field: null } };
  }

  async function postJson(url, body, signal) {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal });
      return await readAnswer(response);
    } catch (error) {
      return networkError(error);
    }
  }

  async function postForm(url, form, signal) {
    try {
      const response = await fetch(url, { method: 'POST', body: form, signal });
      return await readAnswer(response);
    } catch (error) {
      return networkError(error);
    }
  }

  async function getJson(url) {
    try {
      return await readAnswer(await fetch(url));
    } catch (error) {
      return networkError(error);
    }
  }

  /** Saves a Blob as a download named `name`. */
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  return { fmt, el, postJson, postForm, getJson, readAnswer, download };
})();
