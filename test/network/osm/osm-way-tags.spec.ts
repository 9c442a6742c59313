import { drivableWayAttributes, maxSpeedKmh } from '../../../src/network/osm/osm-way-tags';

describe('OSM way tags → travel-time attributes', () => {
  it('maps highway classes, links and the ambiguous ones', () => {
    expect(drivableWayAttributes({ highway: 'primary_link' })?.roadClass).toBe('primary');
    expect(drivableWayAttributes({ highway: 'living_street' })?.roadClass).toBe('residential');
    expect(drivableWayAttributes({ highway: 'road' })?.roadClass).toBe('unclassified');
    expect(drivableWayAttributes({ highway: 'track' })?.roadClass).toBe('track');
  });

  it('leaves out what a van cannot drive', () => {
    for (const highway of ['footway', 'path', 'steps', 'cycleway', 'pedestrian', 'bridleway', 'construction', 'proposed']) {
      expect(drivableWayAttributes({ highway })).toBeNull();
    }
    expect(drivableWayAttributes({ name: 'no highway tag' })).toBeNull();
    expect(drivableWayAttributes({ highway: 'service', access: 'private' })).toBeNull();
    expect(drivableWayAttributes({ highway: 'track', motor_vehicle: 'no' })).toBeNull();
    expect(drivableWayAttributes({ highway: 'residential', area: 'yes' })).toBeNull();
  });

  it('lets the most specific access tag win', () => {
    expect(drivableWayAttributes({ highway: 'residential', access: 'no', motor_vehicle: 'yes' })).not.toBeNull();
    expect(drivableWayAttributes({ highway: 'residential', access: 'yes', motor_vehicle: 'private' })).toBeNull();
    expect(drivableWayAttributes({ highway: 'residential', access: 'destination' })).not.toBeNull();
  });

  it('reads surface, and tracktype when the surface is not tagged', () => {
    expect(drivableWayAttributes({ highway: 'track', surface: 'asphalt', tracktype: 'grade4' })?.surface).toBe('paved');
    expect(drivableWayAttributes({ highway: 'track', tracktype: 'grade1' })?.surface).toBe('paved');
    expect(drivableWayAttributes({ highway: 'track', tracktype: 'grade2' })?.surface).toBe('gravel');
    expect(drivableWayAttributes({ highway: 'track', tracktype: 'grade5' })?.surface).toBe('dirt');
    expect(drivableWayAttributes({ highway: 'track' })?.surface).toBe('unknown');
    expect(drivableWayAttributes({ highway: 'tertiary', surface: 'compacted' })?.surface).toBe('gravel');
  });

  it('reads one-way tags, and the one-way roads that need no tag', () => {
    const direction = (tags: Record<string, string>) => drivableWayAttributes(tags)?.direction;
    expect(direction({ highway: 'primary', oneway: 'yes' })).toBe('forward');
    expect(direction({ highway: 'primary', oneway: '1' })).toBe('forward');
    expect(direction({ highway: 'primary', oneway: '-1' })).toBe('backward');
    expect(direction({ highway: 'primary', oneway: 'no' })).toBe('both');
    expect(direction({ highway: 'primary' })).toBe('both');
    expect(direction({ highway: 'motorway' })).toBe('forward');
    expect(direction({ highway: 'motorway', oneway: 'no' })).toBe('both');
    expect(direction({ highway: 'secondary', junction: 'roundabout' })).toBe('forward');
  });

  it('reads numeric speed limits in km/h and mph', () => {
    expect(maxSpeedKmh('50')).toBe(50);
    expect(maxSpeedKmh('50 km/h')).toBe(50);
    expect(maxSpeedKmh('30 mph')).toBe(48);
    expect(maxSpeedKmh('FR:urban')).toBeNull();
    expect(maxSpeedKmh('none')).toBeNull();
    expect(maxSpeedKmh(undefined)).toBeNull();
  });
});
