/** Admin: the model in use, its metrics, training history, and retraining with progress. */
/* global document, sessionStorage, setTimeout, clearTimeout */
import { api } from '../api.js';
import { errorBox } from '../components.js';
import { h, replace } from '../dom.js';

const ADMIN_TOKEN = 'maxella.adminToken';

function table(rows) {
  return h('table', { class: 'kv' }, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
}

/** What each held-out metric means (names as the trainer records them). */
const METRIC_LABELS = {
  retrieval_top10: 'Retrieval: held-out movie in the top 10',
  retrieval_top100: 'Retrieval: held-out movie in the top 100',
  popularity_top10: 'Most-popular baseline: top 10',
  popularity_top100: 'Most-popular baseline: top 100',
  ranking_rmse: 'Ranking: RMSE of predicted ratings',
  train_ratings: 'Training ratings',
  heldout_ratings: 'Held-out ratings',
};

function formatMetric(value) {
  return typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : String(value);
}

/** Renders the admin page into `root`; polls retraining progress while a run is going. */
export async function adminPage(root) {
  const info = h('div', { id: 'model-info' });
  const progress = h('progress', { id: 'retrain-progress', max: 1, value: 0 });
  const status = h('p', { id: 'retrain-status', class: 'muted' });
  const token = h('input', { type: 'password', id: 'admin-token', placeholder: 'admin token (printed at start)', 'aria-label': 'Admin token' });
  token.value = sessionStorage.getItem(ADMIN_TOKEN) ?? '';
  const button = h('button', { type: 'button', id: 'retrain', class: 'primary' }, 'Retrain now');
  const message = h('div');
  let timer;

  async function render() {
    const model = await api('/api/model');
    replace(info, table([
      ['Version', model.version], ['Trained', new Date(model.trainedAt).toLocaleString()], ['Models', model.description],
      ['Data', model.data], ['Candidate index', `${model.candidateIndex.kind} over ${model.candidateIndex.size} movies`],
    ]), h('h2', {}, 'Held-out metrics'), table(Object.entries(model.metrics).map(([k, v]) => [METRIC_LABELS[k] ?? k, formatMetric(v)])),
    h('h2', {}, 'History'), table(model.history.map((m) => [m.version, `${m.trainedAt}${m.active ? ' (active)' : ''}`])));
    showStatus(model.retraining);
  }

  function showStatus(s) {
    progress.value = s.progress;
    status.textContent = `${s.state}: ${s.message}`;
    button.disabled = s.state === 'running';
    clearTimeout(timer);
    if (s.state === 'running') timer = setTimeout(poll, 1000);
  }

  async function poll() {
    if (!root.isConnected || !document.getElementById('retrain-progress')) return;
    const s = await api('/api/admin/retrain');
    if (s.state === 'running') showStatus(s);
    else await render();
  }

  button.addEventListener('click', async () => {
    sessionStorage.setItem(ADMIN_TOKEN, token.value);
    try {
      replace(message);
      showStatus(await api('/api/admin/retrain', { method: 'POST', token: token.value }));
    } catch (error) {
      replace(message, errorBox(error));
    }
  });

  replace(root, h('h1', {}, 'Model admin'), info,
    h('section', { class: 'section' }, h('h2', {}, 'Retrain'), h('div', { class: 'filters' }, token, button), progress, status, message));
  await render();
}
