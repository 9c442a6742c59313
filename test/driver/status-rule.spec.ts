import { canReach } from '../../src/shipments/shipment-status';
import { clockOffsetS } from '../../src/driver/events/event-judge';
import { parcelStatus, shipmentStatus, StatusEvidence } from '../../src/driver/events/status-rule';

const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+08:00`);
const evidence = (eventId: string, hhmm: string, status: StatusEvidence['status'], parcelId: string | null = 'p1'): StatusEvidence => ({
  eventId,
  occurredAtMs: at(hhmm),
  parcelId,
  status,
});

describe('the status rule: a function of the set of events', () => {
  it('takes the furthest stage, then the latest event in it', () => {
    const events = [evidence('a', '08:00', 'in_transit', null), evidence('b', '09:00', 'at_township'), evidence('c', '07:00', 'out_for_delivery', null)];
    expect(parcelStatus('inbound', events)?.status).toBe('out_for_delivery');
    expect(parcelStatus('inbound', [...events].reverse())?.eventId).toBe('c');
  });

  it('decides between out for delivery and failed by time, the id breaking a tie', () => {
    const departed = evidence('d', '09:00', 'out_for_delivery', null);
    const failed = evidence('f', '10:00', 'failed');
    const retried = evidence('r', '11:00', 'out_for_delivery', null);
    expect(parcelStatus('inbound', [departed, failed])?.status).toBe('failed');
    expect(parcelStatus('inbound', [retried, failed, departed])?.status).toBe('out_for_delivery');
    const tieA = evidence('a-1', '10:00', 'failed');
    const tieB = evidence('b-1', '10:00', 'out_for_delivery', null);
    expect(parcelStatus('inbound', [tieA, tieB])?.eventId).toBe('b-1');
    expect(parcelStatus('inbound', [tieB, tieA])?.eventId).toBe('b-1');
  });

  it('keeps delivered when a failure is reported after it', () => {
    const events = [evidence('d', '10:00', 'delivered'), evidence('f', '11:00', 'failed')];
    expect(parcelStatus('inbound', events)?.status).toBe('delivered');
    expect(parcelStatus('inbound', [...events].reverse())?.status).toBe('delivered');
  });

  it('gives a shipment the status of its least advanced parcel, and none while a parcel has no event', () => {
    const departed = evidence('d', '09:00', 'out_for_delivery', null);
    const one = evidence('1', '10:00', 'delivered', 'p1');
    const two = evidence('2', '10:05', 'failed', 'p2');
    expect(shipmentStatus('inbound', ['p1', 'p2'], [departed, one])?.status).toBe('out_for_delivery');
    expect(shipmentStatus('inbound', ['p1', 'p2'], [departed, one, two])?.status).toBe('failed');
    expect(shipmentStatus('inbound', ['p1', 'p2'], [one])).toBeNull();
    expect(shipmentStatus('inbound', ['p1', 'p2'], [one, evidence('3', '10:10', 'delivered', 'p2')])?.status).toBe('delivered');
  });

  it('moves produce pickups village → station → hub, never back', () => {
    const events = [evidence('h', '16:00', 'at_hub'), evidence('p', '10:00', 'picked_up'), evidence('s', '12:00', 'at_township')];
    expect(parcelStatus('outbound_pickup', events)?.status).toBe('at_hub');
  });

  it('only ever asks the lifecycle for a status ahead of the current one', () => {
    expect(canReach('inbound', 'planned', 'delivered')).toBe(true);
    expect(canReach('inbound', 'planned', 'out_for_delivery')).toBe(true);
    expect(canReach('inbound', 'failed', 'out_for_delivery')).toBe(true);
    expect(canReach('inbound', 'delivered', 'failed')).toBe(false);
    expect(canReach('inbound', 'at_township', 'in_transit')).toBe(false);
    expect(canReach('outbound_pickup', 'requested', 'at_hub')).toBe(true);
    expect(canReach('inbound', 'cancelled', 'delivered')).toBe(false);
  });
});

describe('the clock correction', () => {
  it('is whole minutes, so a sync’s network delay never moves an event', () => {
    const server = new Date('2026-11-30T17:00:00.000+08:00');
    expect(clockOffsetS(server, new Date('2026-11-30T17:00:00.400+08:00'))).toBe(0);
    expect(clockOffsetS(new Date(server.getTime() + 4_000), new Date('2026-11-30T16:53:00+08:00'))).toBe(7 * 60);
    expect(clockOffsetS(new Date(server.getTime() + 9_000), new Date('2026-11-30T17:12:00+08:00'))).toBe(-12 * 60);
  });
});
