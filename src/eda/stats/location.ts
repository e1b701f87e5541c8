/** Where people rate: mean rating per zip code with its centroid, and occupations per zip code. */
import { lookup } from 'zipcodes';
import type { MovieLensDataset } from '../../data/schema.ts';
import { ratingsByGroup, ratingsByGroupPair, type CrossCount } from './demographics.ts';
import { byOccupation, byZipCode } from './groupings.ts';

/** The centroid and place of a zip code. */
export interface ZipCentroid {
  latitude: number;
  longitude: number;
  city: string;
  state: string;
}

/** Finds a 5-digit zip code's centroid, undefined when unknown. */
export type ZipLookup = (zip: string) => ZipCentroid | undefined;

/** The 50 states and DC: what an albersUsa map can draw. */
const STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);

/** Centroids of zip codes in the 50 states and DC, from the `zipcodes` package (offline). */
export const usZipCentroid: ZipLookup = (zip) => {
  if (!/^\d{5}$/.test(zip)) return undefined;
  const info = lookup(zip);
  return info && info.country === 'US' && STATES.has(info.state) ? info : undefined;
};

/** The mean rating of one zip code's users, placed at its centroid. */
export interface ZipRating extends ZipCentroid {
  zip: string;
  users: number;
  ratings: number;
  meanRating: number;
}

/** Mean rating per zip code, with what could not be placed on the map. */
export interface ZipRatings {
  zips: ZipRating[];
  usersWithoutCentroid: number;
  ratingsWithoutCentroid: number;
}

/** Mean rating per zip code that `locate` places (seed Figure 17), or undefined without zip codes. */
export function meanRatingByZip(ds: MovieLensDataset, locate: ZipLookup = usZipCentroid): ZipRatings | undefined {
  const grouping = byZipCode(ds.users);
  if (!grouping) return undefined;
  const out: ZipRatings = { zips: [], usersWithoutCentroid: 0, ratingsWithoutCentroid: 0 };
  for (const g of ratingsByGroup(ds, grouping)) {
    const place = locate(g.group);
    if (!place) {
      out.usersWithoutCentroid += g.users;
      out.ratingsWithoutCentroid += g.ratings;
      continue;
    }
    const { latitude, longitude, city, state } = place;
    out.zips.push({ zip: g.group, city, state, latitude, longitude, users: g.users, ratings: g.ratings, meanRating: g.meanRating });
  }
  return out;
}

/** Users and ratings per zip code and occupation (seed Table 5), by zip code then most ratings. */
export function occupantsPerZip(ds: MovieLensDataset): CrossCount[] | undefined {
  const zip = byZipCode(ds.users);
  const occupation = byOccupation(ds.users);
  if (!zip || !occupation) return undefined;
  return ratingsByGroupPair(ds, zip, occupation).sort((a, b) => a.first.localeCompare(b.first) || b.ratings - a.ratings);
}
