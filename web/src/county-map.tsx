import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import type { FeatureCollection, Geometry } from 'geojson';
import type { NodeItem, PlanRoute } from './plan-types';

/** Road classes from widest to narrowest: colour and width on the map. */
const ROAD_STYLE: Record<string, { color: string; weight: number }> = {
  motorway: { color: '#b35806', weight: 4 },
  trunk: { color: '#e08214', weight: 3.5 },
  primary: { color: '#fdb863', weight: 3 },
  secondary: { color: '#8c8c8c', weight: 2.5 },
  tertiary: { color: '#a6a6a6', weight: 2 },
  unclassified: { color: '#bdbdbd', weight: 1.5 },
  residential: { color: '#cfcfcf', weight: 1.2 },
  service: { color: '#d9d9d9', weight: 1 },
  track: { color: '#c2a57a', weight: 1 },
};

const NODE_STYLE: Record<string, L.CircleMarkerOptions> = {
  county_hub: { radius: 9, color: '#7f0000', fillColor: '#d7301f', fillOpacity: 1, weight: 2 },
  township_station: { radius: 6, color: '#08306b', fillColor: '#2171b5', fillOpacity: 1, weight: 1.5 },
  village_point: { radius: 3, color: '#00441b', fillColor: '#41ab5d', fillOpacity: 0.9, weight: 1 },
};

/** One colour per route, told apart in order; trunk routes are drawn solid and thick, last-mile dashed. */
const ROUTE_COLOURS = ['#e41a1c', '#377eb8', '#4daf4a', '#984ea3', '#ff7f00', '#a65628', '#f781bf', '#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02'];
export const routeColour = (routeNumber: number) => ROUTE_COLOURS[(routeNumber - 1) % ROUTE_COLOURS.length]!;

interface Props {
  network: FeatureCollection<Geometry, Record<string, unknown>> | null;
  nodes: Map<string, NodeItem>;
  routes: PlanRoute[];
  selectedRouteId: string | null;
  onSelectRoute: (routeId: string) => void;
  /** A click on a node, by its code (the needs-attention queue picks a village so). */
  onSelectNode?: (code: string) => void;
  tileUrl: string | null;
  tileAttribution: string | null;
}

/**
 * The county on a Leaflet map (SVG renderer: every road, node and route is a DOM path the browser
 * tests can count). No base tiles unless the deployment configures a tile URL.
 */
export function CountyMap({ network, nodes, routes, selectedRouteId, onSelectRoute, onSelectNode, tileUrl, tileAttribution }: Props) {
  // The network layer is drawn once per network; its click handler reads the current callback.
  const selectNode = useRef(onSelectNode);
  selectNode.current = onSelectNode;
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const networkLayer = useRef<L.GeoJSON | null>(null);
  const routeLayer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (!container.current) return;
    map.current = L.map(container.current, { preferCanvas: false, zoomControl: true, attributionControl: Boolean(tileUrl) });
    if (tileUrl) L.tileLayer(tileUrl, { attribution: tileAttribution ?? '' }).addTo(map.current);
    routeLayer.current = L.layerGroup().addTo(map.current);
    return () => map.current?.remove();
  }, [tileUrl, tileAttribution]);

  useEffect(() => {
    if (!map.current || !network) return;
    networkLayer.current?.remove();
    networkLayer.current = L.geoJSON(network, {
      // Leaflet applies `style` to the points' circle markers too: they keep their own.
      style: (feature) => {
        if (feature?.geometry.type === 'Point') return NODE_STYLE[String(feature.properties?.tier)] ?? {};
        const style = ROAD_STYLE[String(feature?.properties?.roadClass)] ?? ROAD_STYLE.unclassified!;
        return { ...style, className: `road road-${String(feature?.properties?.roadClass)}`, interactive: false };
      },
      pointToLayer: (feature, latlng) => {
        const tier = String(feature.properties?.tier);
        const code = String(feature.properties?.code);
        return (
          L.circleMarker(latlng, { ...NODE_STYLE[tier], className: `node node-${tier}` })
            .bindTooltip(`${String(feature.properties?.name)} (${code})`)
            .on('click', () => selectNode.current?.(code))
            // The node's code on its SVG path: a browser test (or an operator's tool) finds a village's marker by it.
            .on('add', (event) => (event.target as L.CircleMarker).getElement()?.setAttribute('data-node-code', code))
        );
      },
    }).addTo(map.current);
    // Roads below nodes and routes.
    networkLayer.current.eachLayer((layer) => {
      if (layer instanceof L.Polyline && !(layer instanceof L.Polygon)) layer.bringToBack();
    });
    const bounds = networkLayer.current.getBounds();
    if (bounds.isValid()) map.current.fitBounds(bounds, { padding: [12, 12] });
  }, [network]);

  useEffect(() => {
    const layer = routeLayer.current;
    if (!layer) return;
    layer.clearLayers();
    for (const route of routes) {
      const points = [route.startNodeId, ...route.stops.map((stop) => stop.nodeId), route.startNodeId]
        .map((id) => nodes.get(id)?.location.coordinates)
        .filter((position): position is [number, number] => position !== undefined)
        .map(([lon, lat]) => L.latLng(lat, lon));
      if (points.length < 2) continue;
      const selected = route.id === selectedRouteId;
      const trunk = route.echelon === 'trunk';
      L.polyline(points, {
        color: routeColour(route.routeNumber),
        weight: (trunk ? 5 : 3) + (selected ? 3 : 0),
        opacity: selectedRouteId && !selected ? 0.35 : 0.9,
        dashArray: trunk ? undefined : '6 5',
        className: `route route-${route.echelon}${selected ? ' route-selected' : ''}`,
      })
        .on('click', () => onSelectRoute(route.id))
        .addTo(layer);
    }
    layer.eachLayer((route) => (route as L.Polyline).bringToFront());
  }, [routes, nodes, selectedRouteId, onSelectRoute]);

  return <div ref={container} class="county-map" data-testid="county-map" />;
}
