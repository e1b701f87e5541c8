/** Admin: the model in use, its metrics, training history, and retraining with progress. */
/* global document, sessionStorage, setTimeout, clearTimeout */
import { api } from '../api.js';
import { errorBox } from '../components.js';
import { h, replace } from '../dom.js';

const ADMIN_TOKEN = 'maxella.adminToken';

function table(rows) {
  return h('table', { class: 'kv' }, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
}

/** What each metric means (names as the trainer records them). */
const METRIC_LABELS = {
  topk_precision10: 'Recommended for you: Precision@10',
  topk_ndcg10: 'Recommended for you: nDCG@10',
  topk_recall10: 'Recommended for you: Recall@10',
  topk_map10: 'Recommended for you: MAP@10',
  topk_coverage10: 'Recommended for you: catalogue coverage of the top 10s',
  popular_precision10: 'Most-popular baseline: Precision@10',
  popular_ndcg10: 'Most-popular baseline: nDCG@10',
  popular_recall10: 'Most-popular baseline: Recall@10',
  popular_map10: 'Most-popular baseline: MAP@10',
  validation_users: 'Validation users',
  validation_ratings: 'Validation ratings (held out for choosing the model)',
  train_ratings: 'Ratings the served models were trained on',
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
    ]), h('h2', {}, 'List quality on the validation split'),
    h('p', { class: 'muted' }, 'Each user\'s served top 10 (rated movies excluded) against a held-out quarter of their ratings, next to most-popular on the same split; the served model is then refitted on all ratings.'),
    table(Object.entries(model.metrics).map(([k, v]) => [METRIC_LABELS[k] ?? k, formatMetric(v)])),
    h('h2', {}, 'Online, since this server started'),
    table([
      ['Ratings received', String(model.online.ratings)],
      ['… of a movie in that user\'s last served top 10', `${model.online.inLastTop10}${model.online.afterAList ? ` (${(100 * model.online.inLastTop10 / model.online.afterAList).toFixed(1)} % of the ${model.online.afterAList} rated after a list)` : ''}`],
    ]),
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
