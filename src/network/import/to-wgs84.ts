import { CoordinateSystem, toWgs84 } from '../../infra/geo/coordinate-system';
import { ValidatedNetworkImport } from './network-import.types';

/**
 * A validated import with every position in WGS 84, the only system stored. Conversion follows
 * validation so that range errors name the positions as the user wrote them.
 */
export function validatedInWgs84(validated: ValidatedNetworkImport, system: CoordinateSystem): ValidatedNetworkImport {
  if (system === 'wgs84') return validated;
  return {
    nodes: validated.nodes.map((node) => {
      const [lon, lat] = toWgs84([node.lon, node.lat], system);
      return { ...node, lon, lat };
    }),
    roads: validated.roads.map((road) => ({ ...road, coordinates: road.coordinates.map((position) => toWgs84(position, system)) })),
  };
}
