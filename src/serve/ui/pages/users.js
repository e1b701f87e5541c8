/** The user picker: MovieLens users (read-only) and users created in this app. */
/* global location */
import { api, query, setCurrentUser, tokenFor } from '../api.js';
import { h, replace } from '../dom.js';

const PAGE = 20;

function userRow(user, onPick) {
  const about = [user.age && `age ${user.age}`, user.gender, user.occupation, `${user.ratingCount ?? '?'} ratings`].filter(Boolean).join(', ');
  return h('tr', {},
    h('td', {}, user.id), h('td', {}, user.name), h('td', { class: 'muted' }, about),
    h('td', {}, h('button', { type: 'button', class: 'pick', 'data-user-id': user.id, onclick: () => onPick(user) }, 'See recommendations')));
}

/** Renders the picker into `root`. */
export async function usersPage(root, offset = 0) {
  const pick = (user) => {
    setCurrentUser(user);
    location.hash = `#/user/${user.id}`;
  };
  const [movielens, appUsers] = await Promise.all([
    api(`/api/users${query({ kind: 'movielens', limit: PAGE, offset })}`),
    api(`/api/users${query({ kind: 'app', limit: 50 })}`),
  ]);
  const table = (id, users) => h('table', { class: 'users', id }, h('tbody', {}, users.map((u) => userRow(u, pick))));
  replace(root,
    h('h1', {}, 'Choose a user'),
    h('p', {}, h('a', { class: 'button', href: '#/onboarding' }, 'Start as a new user')),
    appUsers.items.length ? [h('h2', {}, 'Users created here'), table('app-users', appUsers.items.map((u) => ({ ...u, name: tokenFor(u.id) ? `${u.name} (you)` : u.name })))] : null,
    h('h2', {}, `MovieLens users (${movielens.total})`),
    table('movielens-users', movielens.items),
    h('p', { class: 'pager' },
      offset > 0 ? h('a', { href: `#/users/${Math.max(0, offset - PAGE)}` }, '← previous') : null, ' ',
      offset + PAGE < movielens.total ? h('a', { href: `#/users/${offset + PAGE}` }, 'next →') : null));
}
