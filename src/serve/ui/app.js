/** The single-page app: a hash router over the pages, and the "acting as" indicator. */
/* global document, window, location */
import { currentUser } from './api.js';
import { errorBox } from './components.js';
import { h, replace } from './dom.js';
import { adminPage } from './pages/admin.js';
import { homePage } from './pages/home.js';
import { moviePage } from './pages/movie.js';
import { onboardingPage } from './pages/onboarding.js';
import { recommendationsPage } from './pages/recommendations.js';
import { usersPage } from './pages/users.js';

const ROUTES = [
  [/^#?\/?$/, (root) => homePage(root)],
  [/^#\/movie\/(\d+)$/, (root, id) => moviePage(root, Number(id))],
  [/^#\/users(?:\/(\d+))?$/, (root, offset) => usersPage(root, Number(offset ?? 0))],
  [/^#\/user\/(\d+)$/, (root, id) => recommendationsPage(root, Number(id))],
  [/^#\/onboarding$/, (root) => onboardingPage(root)],
  [/^#\/admin$/, (root) => adminPage(root)],
];

function showWho() {
  const user = currentUser();
  const who = document.getElementById('who');
  replace(who, user ? h('a', { href: `#/user/${user.id}` }, `Acting as ${user.name}`) : 'Not signed in');
}

async function route() {
  const root = document.getElementById('app');
  document.title = 'Maxella movies';
  const hash = location.hash || '#/';
  const match = ROUTES.map(([pattern, page]) => [pattern.exec(hash), page]).find(([m]) => m);
  try {
    if (!match) throw new Error(`no page ${hash}`);
    await match[1](root, ...match[0].slice(1));
  } catch (error) {
    replace(root, errorBox(error));
  }
  showWho();
  root.dataset.ready = hash;
}

window.addEventListener('hashchange', route);
document.addEventListener('maxella:user', showWho);
route();
