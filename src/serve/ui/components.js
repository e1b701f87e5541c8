/** Reusable pieces of the pages: posters, movie cards, star ratings, histograms, reasons. */
import { api, currentUser, tokenFor } from './api.js';
import { h } from './dom.js';

/** A hue from a string, so each placeholder poster keeps its colour. */
function hue(text) {
  let x = 0;
  for (const c of text) x = (x * 31 + c.charCodeAt(0)) >>> 0;
  return x % 360;
}

/** A drawn poster (title initials and year) used when there is no image or it cannot load. */
export function placeholderPoster(movie) {
  const initials = movie.title.split(/\s+/).filter((w) => /\w/.test(w)).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
  const el = h('div', { class: 'poster placeholder', role: 'img', 'aria-label': `${movie.title} (no poster)` },
    h('span', { class: 'initials' }, initials || '?'), h('span', { class: 'year' }, movie.year ?? ''));
  el.style.background = `linear-gradient(160deg, hsl(${hue(movie.title)} 45% 42%), hsl(${(hue(movie.title) + 40) % 360} 50% 22%))`;
  return el;
}

/** The poster image, replaced by the placeholder when it fails (e.g. offline). */
export function poster(movie) {
  if (!movie.posterUrl) return placeholderPoster(movie);
  const img = h('img', { class: 'poster', src: movie.posterUrl, alt: `Poster of ${movie.title}`, loading: 'lazy', referrerpolicy: 'no-referrer' });
  img.addEventListener('error', () => img.replaceWith(placeholderPoster(movie)), { once: true });
  return img;
}

/** "Comedy · Drama · 1995". */
export function movieMeta(movie) {
  return [movie.genres.join(' · '), movie.year].filter(Boolean).join(' · ');
}

/** A card linking to the movie page; `extra` nodes go under the title. */
export function movieCard(movie, ...extra) {
  return h('article', { class: 'card', 'data-movie-id': movie.id },
    h('a', { href: `#/movie/${movie.id}`, class: 'card-link' }, poster(movie), h('h3', {}, movie.title)),
    h('p', { class: 'meta' }, movieMeta(movie)),
    movie.meanRating !== null ? h('p', { class: 'meta' }, `★ ${movie.meanRating.toFixed(2)} (${movie.ratingCount})`) : null,
    extra);
}

/**
 * Five star buttons that rate `movieId` as the current user. `onRated(rating)` runs after the server
 * accepted the rating. Without a token for the current user the stars are disabled, with a hint.
 */
export function stars(movieId, { initial = 0, onRated, onChange } = {}) {
  const user = currentUser();
  const token = user ? tokenFor(user.id) : undefined;
  const status = h('span', { class: 'star-status' });
  const buttons = [1, 2, 3, 4, 5].map((value) =>
    h('button', { type: 'button', class: 'star', 'data-value': value, title: `${value} star${value > 1 ? 's' : ''}`, 'aria-label': `${value} stars` }, '★'));
  const show = (rating) => buttons.forEach((b, i) => b.classList.toggle('on', i < rating));
  show(initial);
  const local = Boolean(onChange);
  if (!local && !token) {
    buttons.forEach((b) => (b.disabled = true));
    status.textContent = user ? 'read-only user' : 'pick or create a user to rate';
  }
  buttons.forEach((button, i) => button.addEventListener('click', async () => {
    const rating = i + 1;
    show(rating);
    if (local) return onChange(rating);
    try {
      await api(`/api/users/${user.id}/ratings`, { method: 'POST', body: { movieId, rating }, token });
      status.textContent = 'saved';
      onRated?.(rating);
    } catch (error) {
      status.textContent = error.message;
    }
  }));
  return h('div', { class: 'rate' }, h('div', { class: 'stars', role: 'group', 'aria-label': 'Rate this movie' }, buttons), status);
}

/** Horizontal bars of the 1★ … 5★ counts. */
export function histogram(counts) {
  const max = Math.max(1, ...counts);
  return h('div', { class: 'histogram', 'aria-label': 'Rating histogram' }, counts.map((count, i) => {
    const bar = h('span', { class: 'bar' });
    bar.style.width = `${(100 * count) / max}%`;
    return h('div', { class: 'hist-row' }, h('span', { class: 'hist-label' }, `${i + 1}★`), h('span', { class: 'bar-track' }, bar), h('span', { class: 'hist-count' }, count));
  }));
}

/** One sentence per reason a movie was recommended. */
export function reasonText(reason) {
  switch (reason.kind) {
    case 'because-you-rated': return `Because you rated ${reason.title} ${reason.rating}★`;
    case 'same-director': return `Directed by ${reason.director}, like ${reason.title}`;
    case 'genres': return `Your genres: ${reason.genres.join(', ')}`;
    case 'similar-users': return `${reason.liked} of ${reason.of} users similar to you liked it`;
    default: return '';
  }
}

/** The list of reasons. */
export function reasons(list) {
  return list.length ? h('ul', { class: 'reasons' }, list.map((r) => h('li', { 'data-kind': r.kind }, reasonText(r)))) : null;
}

/** An error message box. */
export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' }, error.message ?? String(error));
}

/** A grid of cards. */
export function grid(cards) {
  return h('div', { class: 'grid' }, cards);
}
