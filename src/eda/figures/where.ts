/** Section 5.14: mean rating per zip code on a US map, with occupations of the top zip codes (Tables 5-6). */
import { zipMap } from '../map.ts';
import { int, lacks, type FigureDefinition } from '../figure.ts';
import { meanRatingByZip, occupantsPerZip, roundTo, type ZipRating } from '../stats.ts';

/** The p-quantile of sorted numbers. */
function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Colour-scale ends: the 5th and 95th percentile of the zip means, to 0.1 star. */
function colorDomain(zips: ZipRating[]): [number, number] {
  const means = zips.map((z) => z.meanRating).sort((a, b) => a - b);
  return [Math.floor(quantile(means, 0.05) * 10) / 10, Math.ceil(quantile(means, 0.95) * 10) / 10];
}

const DRILL_DOWN_ZIPS = 5;

/** Figure 17 and Tables 5-6. */
export const zipCodeFigure: FigureDefinition = {
  id: 'mean-rating-by-zip-code',
  section: '5.14',
  question: 'Is there any relation between the user rating and location?',
  build({ ds, minRatings }) {
    const placed = meanRatingByZip(ds);
    const occupations = occupantsPerZip(ds);
    if (!placed || !occupations) return lacks(ds, 'zip code or occupation columns');
    const { zips } = placed;
    if (zips.length === 0) return `No zip code of ${ds.name} is a known US zip code.`;
    const chart = zipMap(zips, {
      title: 'Mean rating by zip code',
      subtitle: `${ds.name}; ${int(zips.length)} US zip-code centroids (zipcodes package), circle area = number of ratings`,
      colorDomain: colorDomain(zips),
    });
    const min = minRatings.overall;
    const top = zips.filter((z) => z.ratings >= min).sort((a, b) => b.meanRating - a.meanRating || b.ratings - a.ratings).slice(0, DRILL_DOWN_ZIPS);
    const drillDown = top.flatMap((z) =>
      occupations
        .filter((o) => o.first === z.zip)
        .map((o) => ({ zip: z.zip, place: `${z.city}, ${z.state}`, zipMeanRating: z.meanRating, occupation: o.second, users: o.users, ratings: o.ratings, meanRating: roundTo(o.meanRating) })),
    );
    const left = placed.usersWithoutCentroid ? ` ${int(placed.usersWithoutCentroid)} users whose zip codes are unknown or outside the 50 states and DC (${int(placed.ratingsWithoutCentroid)} ratings) are not on the map.` : '';
    const best = top[0];
    const note = (best ? `Among zip codes with at least ${min} ratings, ${best.zip} (${best.city}, ${best.state}) rates highest: mean ${best.meanRating.toFixed(2)}.` : '') + left;
    return {
      charts: [chart],
      tables: [
        { name: 'mean-rating-by-zip-code', rows: zips },
        { name: 'occupations-of-top-zip-codes', rows: drillDown },
      ],
      shown: { caption: `Tables 5-6: occupations in the ${top.length} zip codes with the highest mean rating (at least ${min} ratings)`, rows: drillDown },
      note,
    };
  },
};
