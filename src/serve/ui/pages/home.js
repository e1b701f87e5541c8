/** Home: search (typo-tolerant), genre and year filters, popular and top-rated lists. */
/* global setTimeout, clearTimeout */
import { api, query } from '../api.js';
import { errorBox, grid, movieCard } from '../components.js';
import { h, replace } from '../dom.js';

let genresCache;

async function genreOptions() {
  genresCache ??= (await api('/api/genres')).genres;
  return genresCache;
}

function section(title, movies) {
  return h('section', { class: 'section' }, h('h2', {}, title), grid(movies.map((m) => movieCard(m))));
}

/** Renders the home page into `root`. */
export async function homePage(root) {
  const q = h('input', { type: 'search', id: 'search', placeholder: 'Search titles… (typos are fine)', 'aria-label': 'Search by title', maxlength: 100 });
  const genre = h('select', { id: 'genre', 'aria-label': 'Genre' }, h('option', { value: '' }, 'All genres'),
    (await genreOptions()).map((g) => h('option', { value: g.name }, `${g.name} (${g.movies})`)));
  const yearFrom = h('input', { type: 'number', id: 'year-from', placeholder: 'from year', min: 1900, max: 2100, 'aria-label': 'From year' });
  const yearTo = h('input', { type: 'number', id: 'year-to', placeholder: 'to year', min: 1900, max: 2100, 'aria-label': 'To year' });
  const results = h('div', { id: 'results' });
  replace(root, h('div', { class: 'filters' }, q, genre, yearFrom, yearTo), results);

  let timer;
  const refresh = async () => {
    const filters = { q: q.value.trim(), genre: genre.value, yearFrom: yearFrom.value, yearTo: yearTo.value };
    try {
      if (!filters.q && !filters.genre && !filters.yearFrom && !filters.yearTo) {
        const [popular, top] = await Promise.all([api(`/api/movies${query({ limit: 12 })}`), api(`/api/movies${query({ sort: 'top-rated', limit: 12 })}`)]);
        replace(results, section('Popular', popular.items), section('Top rated', top.items));
        return;
      }
      const found = await api(`/api/movies${query({ ...filters, limit: 24 })}`);
      replace(results, section(`${found.total} movie${found.total === 1 ? '' : 's'} found`, found.items));
    } catch (error) {
      replace(results, errorBox(error));
    }
  };
  for (const input of [q, genre, yearFrom, yearTo]) input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  });
  await refresh();
}
