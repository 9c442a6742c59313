/** What a shipment event (and a platform's status subscription) is about; apart from the entity so the console can use it. */
export const SHIPMENT_EVENT_TYPES = ['shipment.created', 'shipment.updated', 'shipment.status_changed'] as const;
export type ShipmentEventType = (typeof SHIPMENT_EVENT_TYPES)[number];
