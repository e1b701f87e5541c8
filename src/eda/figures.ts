/** Every figure of the EDA report, in the seed report's order (section 5). */
import type { FigureDefinition } from './figure.ts';
import { genreFigure, rankingFigures, releaseDecadeFigure } from './figures/movies.ts';
import { peopleFigures } from './figures/people.ts';
import { summaryFigure } from './figures/summary.ts';
import { monthFigure, weekdayFigure } from './figures/when.ts';
import { zipCodeFigure } from './figures/where.ts';
import { ageFigure, genderFigure, occupationByAgeFigure, occupationFigure, ratingDistributionFigure } from './figures/who.ts';
import { worstMoviesFigure } from './figures/worst.ts';

/** The report's figures, seed sections 5.3 to 5.19. */
export const FIGURES: readonly FigureDefinition[] = [
  summaryFigure,
  monthFigure,
  weekdayFigure,
  genderFigure,
  ageFigure,
  occupationFigure,
  occupationByAgeFigure,
  ratingDistributionFigure,
  ...rankingFigures,
  releaseDecadeFigure,
  worstMoviesFigure,
  zipCodeFigure,
  genreFigure,
  ...peopleFigures,
];
