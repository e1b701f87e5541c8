/** Section 5.13: the worst-rated movies, as a word cloud (seed Figures 2 and 16) and a bar chart. */
import { fixArticleTitle, splitTitleYear } from '../../data/wrangle.ts';
import { barChart } from '../charts.ts';
import type { FigureContent, FigureDefinition } from '../figure.ts';
import { worstRatedMovies } from '../stats.ts';
import { layoutWordCloud, wordCloudChart } from '../wordcloud.ts';

const CLOUD = { width: 860, height: 420 };

/** "Crow: City of Angels, The (1996)" → "The Crow: City of Angels". */
function shortTitle(title: string): string {
  return splitTitleYear(fixArticleTitle(title)).title;
}

/** Figure 16: the 50 lowest mean ratings as a word cloud (bigger = worse), the 15 lowest as bars. */
export const worstMoviesFigure: FigureDefinition = {
  id: 'worst-rated-movies',
  section: '5.13',
  question: 'What are the worst movies per rating?',
  async build({ ds, minRatings }) {
    const min = Math.ceil(minRatings.overall / 2);
    const rows = worstRatedMovies(ds, 50, min);
    if (rows.length === 0) return `No movie of ${ds.name} has ${min} ratings or more.`;
    const rule = `${ds.name}; lowest mean rating among movies with at least ${min} ratings`;
    const bars = barChart({
      title: `The ${Math.min(15, rows.length)} worst-rated movies`,
      subtitle: rule,
      values: rows.slice(0, 15),
      category: 'title',
      categoryTitle: 'Movie',
      measure: 'meanRating',
      measureTitle: 'Mean rating (stars)',
      measureFormat: '.2f',
      horizontal: true,
      keepOrder: true,
    });
    const content: FigureContent = { charts: [bars], tables: [{ name: 'worst-rated-movies', rows }] };
    try {
      const words = rows.map((r) => ({ text: shortTitle(r.title), weight: -r.meanRating, colorValue: r.meanRating }));
      const placed = await layoutWordCloud(words, CLOUD);
      const cloud = wordCloudChart(placed, { ...CLOUD, title: `Word cloud of the ${rows.length} worst-rated movies`, subtitle: `${rule}; bigger = lower mean rating`, colorTitle: 'Mean rating' });
      content.charts.unshift(cloud);
      content.note = `The cloud places ${placed.length} of ${rows.length} titles; the worst is ${rows[0].title} (mean ${rows[0].meanRating.toFixed(2)} from ${rows[0].ratings} ratings).`;
    } catch (error) {
      content.note = `The word cloud needs the @napi-rs/canvas package, which did not load (${(error as Error).message}); the bar chart shows the same movies.`;
    }
    return content;
  },
};
