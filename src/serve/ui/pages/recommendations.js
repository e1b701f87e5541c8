/** A user's recommendations with reasons, and their ratings. Rating a movie refreshes the list. */
/* global document, Event */
import { api, currentUser, setCurrentUser, tokenFor } from '../api.js';
import { grid, movieCard, reasons, stars } from '../components.js';
import { h, replace } from '../dom.js';

const STRATEGY = {
  trained: 'from the trained model',
  'fold-in': 'folded in from your latest ratings (no retraining)',
  popular: 'popular in your genres (rate movies to personalise)',
};

/** Renders user `id`'s page into `root`. */
export async function recommendationsPage(root, id) {
  const user = await api(`/api/users/${id}`, { token: tokenFor(Number(id)) });
  if (currentUser()?.id !== user.id) setCurrentUser(user);
  document.dispatchEvent(new Event('maxella:user'));
  const list = h('div', { id: 'recommendations' });
  const rated = h('div', { id: 'rated' });
  const summary = h('p', { class: 'muted', id: 'rec-summary' });

  async function refresh() {
    const [recs, ratings] = await Promise.all([api(`/api/users/${id}/recommendations?k=12`), api(`/api/users/${id}/ratings?limit=12`)]);
    summary.textContent = `${STRATEGY[recs.strategy] ?? recs.strategy} · ${recs.recommender} over ${recs.candidates} movies · model ${recs.modelVersion}`;
    replace(list, grid(recs.items.map((r) => movieCard(r.movie,
      h('p', { class: 'predicted' }, `predicted ★ ${r.predictedRating.toFixed(1)}`),
      reasons(r.reasons),
      stars(r.movie.id, { onRated: refresh })))));
    replace(rated, grid(ratings.items.map((r) => movieCard(r.movie, h('p', { class: 'predicted' }, `rated ${r.rating}★`)))));
  }

  replace(root,
    h('h1', {}, `Recommended for ${user.name}`),
    h('p', { class: 'muted' }, `${user.ratingCount} ratings`, user.genres.length ? ` · likes ${user.genres.join(', ')}` : '',
      tokenFor(user.id) ? ' · you can rate as this user' : ' · read-only (ratings need this user\'s token)'),
    summary, list,
    h('h2', {}, 'Rated highest'), rated);
  await refresh();
}
