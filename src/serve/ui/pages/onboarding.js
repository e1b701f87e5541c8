/** Onboarding: a name, some genres, a few ratings → a new user with recommendations at once. */
/* global location */
import { api, query, saveToken, setCurrentUser } from '../api.js';
import { errorBox, grid, movieCard, stars } from '../components.js';
import { h, replace } from '../dom.js';

/** Ratings needed before recommendations can be personal. */
const MIN_RATINGS = 3;

/** Renders the onboarding flow into `root`. */
export async function onboardingPage(root) {
  const { genres } = await api('/api/genres');
  const chosen = new Set();
  const ratings = new Map();
  const name = h('input', { type: 'text', id: 'name', maxlength: 40, placeholder: 'Your name', 'aria-label': 'Your name' });
  const chips = h('div', { class: 'chips' }, genres.map((g) => h('button', {
    type: 'button', class: 'chip', 'data-genre': g.name,
    onclick: (event) => {
      if (chosen.has(g.name)) chosen.delete(g.name);
      else chosen.add(g.name);
      event.currentTarget.classList.toggle('on', chosen.has(g.name));
      void loadMovies();
    },
  }, g.name)));
  const counter = h('p', { class: 'counter' });
  const movies = h('div', { id: 'onboarding-movies' });
  const message = h('div');
  const finish = h('button', { type: 'button', id: 'finish', class: 'primary', disabled: true }, 'Show my recommendations');
  const update = () => {
    counter.textContent = `${ratings.size} rated${ratings.size < MIN_RATINGS ? ` (rate at least ${MIN_RATINGS})` : ''}`;
    finish.disabled = ratings.size < MIN_RATINGS || !name.value.trim();
  };
  name.addEventListener('input', update);

  async function loadMovies() {
    const found = await api(`/api/onboarding/movies${query({ genres: [...chosen], limit: 18 })}`);
    replace(movies, grid(found.items.map((m) => movieCard(m, stars(m.id, {
      initial: ratings.get(m.id) ?? 0,
      onChange: (rating) => {
        ratings.set(m.id, rating);
        update();
      },
    })))));
  }

  finish.addEventListener('click', async () => {
    finish.disabled = true;
    try {
      const body = { name: name.value.trim(), genres: [...chosen], ratings: [...ratings].map(([movieId, rating]) => ({ movieId, rating })) };
      const created = await api('/api/users', { method: 'POST', body });
      saveToken(created.user.id, created.token);
      setCurrentUser(created.user);
      location.hash = `#/user/${created.user.id}`;
    } catch (error) {
      replace(message, errorBox(error));
      update();
    }
  });

  replace(root,
    h('h1', {}, 'Welcome! Tell us what you like'),
    h('section', { class: 'section' }, h('h2', {}, '1. Your name'), name),
    h('section', { class: 'section' }, h('h2', {}, '2. Genres you enjoy'), chips),
    h('section', { class: 'section' }, h('h2', {}, '3. Rate a few movies you have seen'), counter, movies),
    h('div', { class: 'actions' }, finish, message));
  update();
  await loadMovies();
}
