/** Sections 5.6-5.9: who rates (gender, age group, occupation) and how they rate by gender. */
import { barChart } from '../charts.ts';
import { int, lacks, maxBy, share, type FigureContext, type FigureDefinition } from '../figure.ts';
import { ratingDistributionByGender, ratingsByGroup, ratingsByGroupPair, type UserGrouping } from '../stats.ts';

type GroupingName = 'gender' | 'age' | 'occupation';

/** A figure of ratings per user group. */
function groupFigure(id: string, section: string, question: string, name: GroupingName, title: string, sorted: boolean): FigureDefinition {
  return {
    id,
    section,
    question,
    build({ ds, groupings }: FigureContext) {
      const grouping: UserGrouping | undefined = groupings[name];
      if (!grouping) return lacks(ds, `${name} column`);
      const rows = ratingsByGroup(ds, grouping);
      const top = maxBy(rows, (r) => r.ratings)!;
      const chart = barChart({
        title: `Ratings per ${title.toLowerCase()}`,
        subtitle: `${ds.name}; bars labelled with the number of ratings`,
        values: rows,
        category: 'group',
        categoryTitle: title,
        measure: 'ratings',
        measureTitle: 'Number of ratings',
        horizontal: sorted,
        keepOrder: !sorted,
      });
      const note = `${top.group} users gave the most ratings: ${int(top.ratings)} (${share(top.ratings, ds.ratings.length)}) from ${int(top.users)} users.`;
      return { charts: [chart], tables: [{ name: id, rows }], note };
    },
  };
}

/** Figure 5: ratings by gender. */
export const genderFigure = groupFigure('ratings-by-gender', '5.6', 'Who watches/rates more movies, men or women?', 'gender', 'Gender', false);

/** Figure 6: ratings by age group. */
export const ageFigure = groupFigure('ratings-by-age-group', '5.7', 'What age group watches more movies?', 'age', 'Age group', false);

/** Figure 7: ratings by occupation. */
export const occupationFigure = groupFigure('ratings-by-occupation', '5.8', 'What kind of occupant watches/rates more movies?', 'occupation', 'Occupation', true);

/** Table 4: the most active occupation's ratings per age group (full occupation x age table as CSV). */
export const occupationByAgeFigure: FigureDefinition = {
  id: 'occupation-by-age-group',
  section: '5.8',
  question: 'Drill-down: which ages within the most active occupation rate?',
  build({ ds, groupings }) {
    const { occupation, age } = groupings;
    if (!occupation || !age) return lacks(ds, 'occupation or age columns');
    const pairs = ratingsByGroupPair(ds, occupation, age);
    const rows = pairs.map((p) => ({ occupation: p.first, ageGroup: p.second, users: p.users, ratings: p.ratings, meanRating: p.meanRating }));
    const topOccupation = rows[0].occupation;
    const shownRows = rows.filter((r) => r.occupation === topOccupation);
    const chart = barChart({
      title: `Ratings by age group of ${topOccupation} users`,
      subtitle: `${ds.name}; the most active occupation, split by age group`,
      values: shownRows,
      category: 'ageGroup',
      categoryTitle: 'Age group',
      measure: 'ratings',
      measureTitle: 'Number of ratings',
    });
    const note = `Within "${topOccupation}", the ${shownRows[0].ageGroup} group gave ${int(shownRows[0].ratings)} ratings, the most of any occupation and age pair.`;
    return {
      charts: [chart],
      tables: [{ name: 'occupation-by-age-group', rows }],
      shown: { caption: `Table 4: ${topOccupation} ratings per age group`, rows: shownRows },
      note,
    };
  },
};

/** Figure 8: the distribution of rating values, split by gender. */
export const ratingDistributionFigure: FigureDefinition = {
  id: 'rating-distribution-by-gender',
  section: '5.9',
  question: 'How much rating do people give mostly? Distributed between genders?',
  build({ ds }) {
    const rows = ratingDistributionByGender(ds);
    if (!rows) return lacks(ds, 'gender column');
    const chart = barChart({
      title: 'Rating values by gender',
      subtitle: `${ds.name}; share of each gender's ratings`,
      values: rows,
      category: 'rating',
      categoryTitle: 'Rating (stars)',
      measure: 'share',
      measureTitle: "Share of the gender's ratings",
      measureFormat: '.0%',
      keepOrder: true,
      color: 'gender',
      colorTitle: 'Gender',
    });
    const modes = ['Male', 'Female'].map((g) => `${g.toLowerCase()}: ${maxBy(rows.filter((r) => r.gender === g), (r) => r.ratings)?.rating}`);
    return { charts: [chart], tables: [{ name: 'rating-distribution-by-gender', rows }], note: `The most frequent rating by gender is ${modes.join(', ')} stars.` };
  },
};
