import type { Feature, FeatureCollection } from 'geojson';

/** Builders for small, valid network FeatureCollections (docs/network-geojson.md); tests break one feature at a time. */
export function nodeFeature(
  code: string,
  tier: 'county_hub' | 'township_station' | 'village_point',
  coordinates: [number, number],
  properties: Record<string, unknown> = {},
): Feature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { kind: 'node', tier, code, name: `Node ${code}`, ...properties } };
}

export function roadFeature(id: string, from: string, to: string, coordinates: Array<[number, number]>, properties: Record<string, unknown> = {}): Feature {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates },
    properties: { kind: 'road', id, from, to, roadClass: 'tertiary', surface: 'paved', ...properties },
  };
}

/**
 * A hub, two township stations and three villages on a small road tree, around (105.0, 34.0).
 * Node points sit exactly on road vertices, so matrix access legs are zero.
 */
export function smallNetwork(): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      nodeFeature('HUB', 'county_hub', [105.0, 34.0], { adminCode: '621225000000', elevationM: 900 }),
      nodeFeature('T1', 'township_station', [105.02, 34.0], { parent: 'HUB' }),
      nodeFeature('T2', 'township_station', [105.0, 34.02], { parent: 'HUB' }),
      nodeFeature('V11', 'village_point', [105.03, 34.0], { parent: 'T1', adminCode: '621225100201', name: '石门村' }),
      nodeFeature('V12', 'village_point', [105.02, 34.01], { parent: 'T1', adminCode: '621225100202', name: '柳林村委会' }),
      nodeFeature('V21', 'village_point', [105.0, 34.03], { parent: 'T2', adminCode: '621225101201', name: '河口社区' }),
      roadFeature(
        'R1',
        'a',
        'b',
        [
          [105.0, 34.0],
          [105.01, 34.0],
          [105.02, 34.0],
        ],
        { lengthM: 2000 },
      ),
      roadFeature(
        'R2',
        'b',
        'c',
        [
          [105.02, 34.0],
          [105.03, 34.0],
        ],
        { lengthM: 1000 },
      ),
      roadFeature(
        'R3',
        'b',
        'd',
        [
          [105.02, 34.0],
          [105.02, 34.01],
        ],
        { lengthM: 1200, surface: 'gravel', climbM: 30 },
      ),
      roadFeature(
        'R4',
        'a',
        'e',
        [
          [105.0, 34.0],
          [105.0, 34.02],
        ],
        { lengthM: 2300, roadClass: 'secondary' },
      ),
      roadFeature(
        'R5',
        'e',
        'f',
        [
          [105.0, 34.02],
          [105.0, 34.03],
        ],
        { lengthM: 1100, roadClass: 'track', surface: 'dirt' },
      ),
    ],
  };
}

/** Deep copy with one feature changed, for the validation table. */
export function withFeature(collection: FeatureCollection, index: number, change: (feature: Feature) => Feature): FeatureCollection {
  const copy = JSON.parse(JSON.stringify(collection)) as FeatureCollection;
  copy.features[index] = change(copy.features[index]!);
  return copy;
}
