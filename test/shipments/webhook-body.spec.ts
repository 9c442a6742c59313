import { DomainError } from '../../src/infra/errors/domain-error';
import { intakeOpenApiSchemas } from '../../src/shipments/dto/intake-openapi';
import { parseWebhookBody } from '../../src/shipments/dto/webhook-body.dto';
import { shipmentInput } from './support/platform-client';

const NOW = new Date('2026-11-30T06:00:00+08:00');

function problems(body: unknown): Array<{ field: string; message: string }> {
  try {
    parseWebhookBody(body, NOW);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation_failed') return error.problems;
    throw error;
  }
  throw new Error('expected validation_failed');
}

describe('webhook body parsing (one zod schema for validation, types and OpenAPI)', () => {
  it('reads a batch, an event and a cancel, storing phone numbers in E.164', () => {
    const batch = parseWebhookBody({ shipments: [shipmentInput({ id: 'A', contact: { name: '王', phone: '+86 138-0013-8000' } }), shipmentInput({ id: 'B' })] }, NOW);
    expect(batch.type).toBe('create');
    if (batch.type !== 'create') return;
    expect(batch.shipments.map((shipment) => shipment.contact.phone)).toEqual(['+8613800138000', '+8613800138000']);
    expect(parseWebhookBody({ type: 'update', shipment: shipmentInput({ id: 'C' }) }, NOW)).toMatchObject({ type: 'update', shipment: { id: 'C' } });
    expect(parseWebhookBody({ type: 'cancel', shipment: { id: 'C', reason: 'gone' } }, NOW)).toEqual({ type: 'cancel', cancel: { id: 'C', reason: 'gone' } });
  });

  it('names every bad field of a batch by its path', () => {
    const bad = problems({
      shipments: [
        shipmentInput({ id: 'A', parcels: [{ barcode: 'A-1', weightG: -5, dimensions: { length: 1, width: 1, height: 1, unit: 'in' } }] }),
        shipmentInput({ id: 'B', contact: { name: '李', phone: 'call me' }, destination: {}, colour: 'red' }),
        shipmentInput({ id: 'C', promisedBy: '2026-13-01T10:00:00+08:00', destination: { coordinate: [105.3, 95] } }),
      ],
    });
    expect(bad.map((problem) => problem.field).sort()).toEqual(
      [
        'shipments[0].parcels[0].weightG',
        'shipments[0].parcels[0].dimensions.unit',
        'shipments[1].contact.phone',
        'shipments[1].destination',
        'shipments[1].colour',
        'shipments[2].promisedBy',
        'shipments[2].destination.coordinate[1]',
      ].sort(),
    );
    expect(bad.find((problem) => problem.field === 'shipments[1].colour')!.message).toBe('property colour should not exist');
    expect(bad.find((problem) => problem.field === 'shipments[1].destination')!.message).toBe('needs a villageCode, a coordinate or an address');
    expect(bad.find((problem) => problem.field === 'shipments[2].promisedBy')!.message).toBe('is not a real date');
  });

  it('refuses a promisedBy before 2000 or more than a year after the clock, and accepts one already past', () => {
    expect(problems({ shipments: [shipmentInput({ id: 'A', promisedBy: '1999-12-31T23:59:59+08:00' })] })).toEqual([
      { field: 'shipments[0].promisedBy', message: 'must be 2000-01-01 or later' },
    ]);
    expect(problems({ type: 'update', shipment: shipmentInput({ id: 'A', promisedBy: '2027-12-01T08:00:00+08:00' }) })).toEqual([
      { field: 'shipment.promisedBy', message: 'must be at most a year ahead (2027-11-29T22:00:00.000Z or earlier)' },
    ]);
    expect(
      parseWebhookBody(
        { shipments: [shipmentInput({ id: 'A', promisedBy: '2026-11-01T18:00:00+08:00' }), shipmentInput({ id: 'B', promisedBy: '2027-11-29T18:00:00+08:00' })] },
        NOW,
      ),
    ).toMatchObject({
      type: 'create',
    });
  });

  it('refuses repeated ids and barcodes inside one batch, and bodies of no known shape', () => {
    expect(problems({ shipments: [shipmentInput({ id: 'A' }), shipmentInput({ id: 'A', parcels: shipmentInput({ id: 'A' }).parcels })] }).map((problem) => problem.field)).toEqual([
      'shipments[1].id',
      'shipments[1].parcels[0].barcode',
    ]);
    expect(problems({ shipments: [] })).toEqual([{ field: 'shipments', message: expect.stringMatching(/1\.\.500/) }]);
    expect(problems({ type: 'delete', shipment: {} })).toEqual([{ field: 'type', message: expect.stringMatching(/create, update, cancel/) }]);
    expect(problems([1, 2])).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    expect(problems({ type: 'cancel', shipment: { id: 'A', extra: 1 } })).toEqual([{ field: 'shipment.extra', message: 'property extra should not exist' }]);
  });

  it('documents the same rules in OpenAPI', () => {
    const schemas = intakeOpenApiSchemas() as Record<string, { properties?: Record<string, { pattern?: string; $ref?: string }>; anyOf?: unknown[] }>;
    expect(Object.keys(schemas).sort()).toEqual(['CancelInput', 'ShipmentInput', 'WebhookShipmentsBody']);
    expect(schemas.ShipmentInput!.properties!.id!.pattern).toBe('^[A-Za-z0-9._:-]{1,100}$');
    expect(schemas.WebhookShipmentsBody!.anyOf).toHaveLength(3);
    expect(JSON.stringify(schemas.WebhookShipmentsBody)).toContain('"$ref":"#/components/schemas/ShipmentInput"');
  });
});
