/** A movie page: details, poster, rating histogram, similar movies, and rating it. */
/* global document */
import { api } from '../api.js';
import { grid, histogram, movieCard, movieMeta, poster, stars } from '../components.js';
import { h, replace } from '../dom.js';

/** Renders movie `id` into `root`. */
export async function moviePage(root, id) {
  const movie = await api(`/api/movies/${id}`);
  document.title = `${movie.title} · Maxella`;
  const facts = h('dl', { class: 'facts' },
    movie.director ? [h('dt', {}, 'Director'), h('dd', {}, movie.director)] : null,
    movie.cast.length ? [h('dt', {}, 'Cast'), h('dd', {}, movie.cast.join(', '))] : null,
    h('dt', {}, 'Ratings'), h('dd', {}, movie.meanRating === null ? 'none yet' : `★ ${movie.meanRating.toFixed(2)} from ${movie.ratingCount} ratings`));
  replace(root,
    h('div', { class: 'movie-page' },
      h('div', { class: 'movie-poster' }, poster(movie)),
      h('div', { class: 'movie-body' },
        h('h1', {}, movie.title),
        h('p', { class: 'meta' }, movieMeta(movie)),
        movie.plot ? h('p', { class: 'plot' }, movie.plot) : h('p', { class: 'muted' }, 'No plot summary in this dataset.'),
        facts,
        h('h2', {}, 'Your rating'), stars(movie.id),
        h('h2', {}, 'Rating histogram'), histogram(movie.histogram))),
    h('section', { class: 'section' }, h('h2', {}, 'Similar movies'),
      grid(movie.similar.map((s) => movieCard(s.movie, h('p', { class: 'meta' }, `similarity ${s.similarity.toFixed(2)}`))))));
}
