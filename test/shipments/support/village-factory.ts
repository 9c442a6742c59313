import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NetworkNode } from '../../../src/network/network-node.entity';

export interface TestVillage {
  id: string;
  adminCode: string;
  name: string;
  lon: number;
  lat: number;
}

/**
 * A hub, one township and `count` villages 0.05° apart in a row, written straight into network_node
 * (the network module's import endpoint is not needed to test intake).
 */
export async function createVillages(
  app: INestApplicationContext,
  countyId: string,
  countyCode: string,
  count = 5,
  origin: [number, number] = [105.3, 34.0],
): Promise<TestVillage[]> {
  const nodes = app.get(DataSource).getRepository(NetworkNode);
  const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });
  const hub = await nodes.save(nodes.create({ countyId, tier: 'county_hub', parentId: null, code: 'HUB', adminCode: null, name: 'Hub', location: point(...origin) }));
  const township = await nodes.save(
    nodes.create({
      countyId,
      tier: 'township_station',
      parentId: hub.id,
      code: `${countyCode}100000`,
      adminCode: `${countyCode}100000`,
      name: '长道镇',
      location: point(origin[0] + 0.01, origin[1]),
    }),
  );
  const villages: TestVillage[] = [];
  for (let index = 0; index < count; index++) {
    const adminCode = `${countyCode}100${String(201 + index).padStart(3, '0')}`;
    const lon = origin[0] + 0.05 * (index + 1);
    const lat = origin[1] + 0.02;
    const node = await nodes.save(
      nodes.create({ countyId, tier: 'village_point', parentId: township.id, code: adminCode, adminCode, name: `测试${index}村`, location: point(lon, lat) }),
    );
    villages.push({ id: node.id, adminCode, name: node.name, lon, lat });
  }
  return villages;
}
