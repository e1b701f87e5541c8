/** Sections 5.10-5.12 and 5.15: most-rated and most-loved movies, release decades, genres. */
import { barChart } from '../charts.ts';
import { int, lacks, maxBy, share, type FigureContext, type FigureDefinition } from '../figure.ts';
import { mostLovedMovies, mostRatedMovies, popularGenres, ratingsByReleaseDecade, type RankedMovie } from '../stats.ts';

type Ranking = 'rated' | 'loved';
type Scope = 'all' | 'gender' | 'age';

const SCOPES: Record<Scope, { label: string; section: string }> = {
  all: { label: 'all time', section: '1' },
  gender: { label: 'per gender', section: '2' },
  age: { label: 'per age group', section: '3' },
};

/** How a ranking picks and shows its movies. */
function rankingWords(ranking: Ranking, scope: Scope, ctx: FigureContext): { measure: keyof RankedMovie; measureTitle: string; format: string; rule: string } {
  if (ranking === 'rated') return { measure: 'ratings', measureTitle: 'Number of ratings', format: ',d', rule: 'ranked by number of ratings' };
  const { overall, inGroup } = ctx.minRatings;
  const rule = `highest mean rating among movies with at least ${overall} ratings` + (scope === 'all' ? '' : ` (and ${inGroup} within the group)`);
  return { measure: 'meanRating', measureTitle: 'Mean rating (stars)', format: '.2f', rule };
}

/** Figures 9-14: the top movies by ratings or by mean rating, all time or per user group. */
function rankingFigure(ranking: Ranking, scope: Scope): FigureDefinition {
  const { label, section } = SCOPES[scope];
  const id = `most-${ranking}-movies${scope === 'all' ? '' : `-by-${scope === 'age' ? 'age-group' : scope}`}`;
  return {
    id,
    section: `5.${ranking === 'rated' ? 10 : 11}.${section}`,
    question: `What are the most ${ranking} movies, ${label}?`,
    build(ctx) {
      const { ds, groupings, topMovies } = ctx;
      const grouping = groupings[scope];
      if (!grouping) return lacks(ds, `${scope} column`);
      const rows = ranking === 'rated' ? mostRatedMovies(ds, grouping, topMovies) : mostLovedMovies(ds, grouping, topMovies, ctx.minRatings);
      if (rows.length === 0) return `No movie of ${ds.name} has enough ratings for this ranking.`;
      const words = rankingWords(ranking, scope, ctx);
      const chart = barChart({
        title: `Top ${topMovies} most ${ranking} movies, ${label}`,
        subtitle: `${ds.name}; ${words.rule}`,
        values: rows,
        category: 'title',
        categoryTitle: 'Movie',
        measure: words.measure,
        measureTitle: words.measureTitle,
        measureFormat: words.format,
        horizontal: true,
        keepOrder: true,
        ...(scope === 'all' ? {} : { facet: 'group', columns: 2 }),
      });
      const firsts = grouping.labels.map((g) => rows.find((r) => r.group === g && r.rank === 1)).filter((r) => r !== undefined);
      const note = `Number one: ${firsts.map((r) => `${scope === 'all' ? '' : `${r.group}: `}${r.title} (${int(r.ratings)} ratings, mean ${r.meanRating.toFixed(2)})`).join('; ')}.`;
      return { charts: [chart], tables: [{ name: id, rows }], note };
    },
  };
}

/** Figures 9-11 (most rated) and 12-14 (most loved). */
export const rankingFigures: FigureDefinition[] = (['rated', 'loved'] as const).flatMap((r) => (['all', 'gender', 'age'] as const).map((s) => rankingFigure(r, s)));

/** Figure 15: ratings per release decade of the movie. */
export const releaseDecadeFigure: FigureDefinition = {
  id: 'ratings-by-release-decade',
  section: '5.12',
  question: 'Movies of which years did the users rate/watch the most?',
  build({ ds }) {
    const rows = ratingsByReleaseDecade(ds);
    const top = maxBy(rows, (r) => r.ratings)!;
    const chart = barChart({
      title: 'Ratings per release decade of the movie',
      subtitle: `${ds.name}; release year taken from the title`,
      values: rows,
      category: 'category',
      categoryTitle: 'Release decade',
      measure: 'ratings',
      measureTitle: 'Number of ratings',
      keepOrder: true,
    });
    const note = `Movies of the ${top.category} got ${share(top.ratings, ds.ratings.length)} of all ratings (${int(top.movies)} movies).`;
    return { charts: [chart], tables: [{ name: 'ratings-by-release-decade', rows }], note };
  },
};

/** Figure 19: ratings per genre. */
export const genreFigure: FigureDefinition = {
  id: 'popular-genres',
  section: '5.15',
  question: "What's the most popular genre in our dataset?",
  build({ ds }) {
    const rows = popularGenres(ds);
    const chart = barChart({
      title: 'Ratings per genre',
      subtitle: `${ds.name}; a rating counts once for each genre of its movie`,
      values: rows,
      category: 'category',
      categoryTitle: 'Genre',
      measure: 'ratings',
      measureTitle: 'Number of ratings',
      horizontal: true,
    });
    const [a, b, c] = rows;
    return { charts: [chart], tables: [{ name: 'popular-genres', rows }], note: `The most rated genres are ${[a, b, c].filter(Boolean).map((r) => r.category).join(', ')}.` };
  },
};
