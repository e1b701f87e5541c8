/**
 * The zip-code map: US outline and state borders from the `us-atlas` package (through
 * topojson-client, so no network), zip-code centroids as circles coloured by mean rating.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { TopLevelSpec } from 'vega-lite';
import { withConfig } from './charts.ts';
import type { ZipRating } from './stats.ts';

type UsTopology = Topology<{ states: GeometryCollection; nation: GeometryCollection }>;

let cached: { nation: unknown; borders: unknown } | undefined;

/** The US outline and inner state borders as GeoJSON (read once from us-atlas/states-10m.json). */
function usShapes(): { nation: unknown; borders: unknown } {
  if (!cached) {
    const path = createRequire(import.meta.url).resolve('us-atlas/states-10m.json');
    const us = JSON.parse(readFileSync(path, 'utf8')) as UsTopology;
    cached = {
      nation: feature(us, us.objects.nation),
      borders: mesh(us, us.objects.states, (a, b) => a !== b),
    };
  }
  return cached;
}

/** Wording of the map. */
export interface ZipMapOptions {
  title: string;
  subtitle?: string;
  /** Mean ratings at the two ends of the colour scale (values beyond are clamped). */
  colorDomain: [number, number];
}

/** An albersUsa map of zip-code centroids: colour = mean rating, size = number of ratings. */
export function zipMap(zips: ZipRating[], o: ZipMapOptions): TopLevelSpec {
  const { nation, borders } = usShapes();
  const geo = (values: unknown, mark: object) => ({ data: { values }, mark: { type: 'geoshape', ...mark } });
  return withConfig({
    title: o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title,
    width: 860,
    height: 520,
    projection: { type: 'albersUsa' },
    layer: [
      geo((nation as { features: unknown[] }).features, { fill: '#f2f2f2', stroke: '#999', strokeWidth: 0.8 }),
      geo([borders], { filled: false, stroke: '#c8c8c8', strokeWidth: 0.5 }),
      {
        data: { values: zips },
        mark: { type: 'circle', opacity: 0.8, stroke: '#444', strokeWidth: 0.3 },
        encoding: {
          longitude: { field: 'longitude', type: 'quantitative' },
          latitude: { field: 'latitude', type: 'quantitative' },
          color: { field: 'meanRating', type: 'quantitative', title: 'Mean rating', scale: { scheme: 'redyellowgreen', domain: o.colorDomain, clamp: true } },
          size: { field: 'ratings', type: 'quantitative', title: 'Ratings', scale: { range: [6, 220] } },
          tooltip: [{ field: 'zip' }, { field: 'city' }, { field: 'state' }, { field: 'meanRating' }, { field: 'ratings' }],
        },
      },
    ],
  } as TopLevelSpec);
}
