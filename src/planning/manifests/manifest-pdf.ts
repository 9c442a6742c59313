import PDFDocument from 'pdfkit';
import { cjkFontBytes, findCjkFont } from './cjk-font';
import { code128Widths } from './code128';
import type { ManifestShipment, RouteDriverManifest } from './driver-manifest';
import type { HandoverSheet, HandoverSheetsResponse } from './handover-sheet';
import { formatYuan, ManifestLabels, manifestLabels, ManifestLanguage, wallClock } from './manifest-labels';

const MARGIN = 40;
const BARCODE_HEIGHT = 22;
const BARCODE_MAX_WIDTH = 210;
/** 1 pt ≈ 0.35 mm per narrow bar: above the 0.25 mm a handheld scanner needs, on plain office print. */
const BARCODE_MODULE = 1;
const PARCEL_ROW_HEIGHT = BARCODE_HEIGHT + 16;
const TEXT_COLUMN = MARGIN + BARCODE_MAX_WIDTH + 16;

/** An A4 document in the CJK font, written as it is drawn, with a page break wherever the next block would not fit. */
class ManifestDocument {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly finished: Promise<Buffer>;
  private pages = 0;

  constructor(
    readonly labels: ManifestLabels,
    title: string,
  ) {
    this.doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, info: { Title: title, Creator: 'Rural Dispatch' } });
    const font = findCjkFont();
    this.doc.registerFont('cjk', cjkFontBytes(font), font.family);
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.finished = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.font('cjk');
    this.pages += 1;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  room(height: number): void {
    if (this.pages === 0 || this.doc.y + height > this.doc.page.height - MARGIN) this.newPage();
  }

  text(value: string, size: number, options: PDFKit.Mixins.TextOptions = {}): void {
    this.room(size * 1.6);
    this.doc.fontSize(size).text(value, MARGIN, this.doc.y, { width: this.doc.page.width - 2 * MARGIN, ...options });
  }

  rule(): void {
    const y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(this.doc.page.width - MARGIN, y)
      .lineWidth(0.5)
      .stroke();
    this.doc.y = y + 4;
  }

  /** Code 128 bars as filled rectangles, narrowed to fit when a long barcode would run past the column. */
  barcode(value: string, x: number, y: number): void {
    const widths = code128Widths(value);
    const modules = widths.reduce((sum, width) => sum + width, 0);
    const module = Math.min(BARCODE_MODULE, BARCODE_MAX_WIDTH / modules);
    let cursor = x;
    widths.forEach((width, index) => {
      if (index % 2 === 0) this.doc.rect(cursor, y, width * module, BARCODE_HEIGHT);
      cursor += width * module;
    });
    this.doc.fill('black');
    this.doc.fontSize(8).text(value, x, y + BARCODE_HEIGHT + 2, { width: BARCODE_MAX_WIDTH, lineBreak: false });
  }

  /** A titled list of shipments: one line per parcel with its barcode, contact and cash to collect. */
  shipments(title: string, contactLabel: string, shipments: ManifestShipment[], showVillage = false): void {
    const parcels = shipments.reduce((sum, shipment) => sum + shipment.parcels.length, 0);
    this.text(`${title}${this.labels.open}${parcels} ${this.labels.parcels}${this.labels.close}${parcels === 0 ? `${this.labels.colon}${this.labels.nothing}` : ''}`, 10);
    for (const shipment of shipments) {
      for (const parcel of shipment.parcels) {
        this.room(PARCEL_ROW_HEIGHT + 4);
        const y = this.doc.y + 2;
        this.barcode(parcel.barcode, MARGIN + 8, y);
        const village = showVillage && shipment.village ? `${shipment.village.name} · ` : '';
        const lines = [`${village}${contactLabel}${this.labels.colon}${shipment.contact.name}  ${shipment.contact.phone}`, `${shipment.platformShipmentId} · ${parcel.weightG} g`];
        if (parcel.cashOnDeliveryFen > 0) lines.push(`${this.labels.cod}${this.labels.colon}${formatYuan(parcel.cashOnDeliveryFen)}`);
        this.doc.fontSize(9).text(lines.join('\n'), TEXT_COLUMN, y, { width: this.doc.page.width - MARGIN - TEXT_COLUMN });
        this.doc.y = y + PARCEL_ROW_HEIGHT;
      }
    }
  }

  signatures(names: string[]): void {
    this.room(60);
    this.doc.y += 18;
    const width = (this.doc.page.width - 2 * MARGIN) / names.length;
    const y = this.doc.y;
    names.forEach((name, index) => {
      this.doc.fontSize(10).text(`${name}${this.labels.colon}________________`, MARGIN + index * width, y, { width, lineBreak: false });
    });
    this.doc.y = y + 24;
    this.doc.fontSize(10).text(`${this.labels.signedAt}${this.labels.colon}________________`, MARGIN, this.doc.y);
  }

  finish(): Promise<Buffer> {
    if (this.pages === 0) this.newPage();
    this.doc.end();
    return this.finished;
  }
}

function routeSection(pdf: ManifestDocument, manifest: RouteDriverManifest): void {
  const { labels } = pdf;
  pdf.newPage();
  pdf.text(`${manifest.county.name} · ${labels.routeManifest}`, 18);
  const echelon = manifest.route.echelon === 'trunk' ? labels.trunk : labels.lastMile;
  const driver = manifest.driver ? `${manifest.driver.name}  ${manifest.driver.phone}` : labels.noDriver;
  pdf.text(
    [
      `${labels.date}${labels.colon}${manifest.plan.serviceDate}    ${labels.wave}${labels.colon}${manifest.plan.wave}    ${labels.route}${labels.colon}${manifest.route.routeNumber}${labels.open}${echelon}${labels.close}`,
      `${labels.vehicle}${labels.colon}${manifest.vehicle.code}    ${labels.driver}${labels.colon}${driver}`,
      `${labels.start}${labels.colon}${manifest.start.name}    ${labels.departure}${labels.colon}${wallClock(manifest.route.departureAt)}    ${labels.return}${labels.colon}${wallClock(manifest.route.returnAt)}${labels.open}UTC${manifest.route.departureAt.slice(19)}${labels.close}`,
      `${labels.total}${labels.colon}${labels.deliveries} ${manifest.totals.parcelsToDeliver} ${labels.parcels} · ${labels.pickups} ${manifest.totals.parcelsToPickUp} ${labels.parcels} · ${labels.cod} ${formatYuan(manifest.totals.cashOnDeliveryFen)}`,
    ].join('\n'),
    10,
  );
  pdf.rule();
  for (const stop of manifest.stops) {
    pdf.room(60);
    const [longitude, latitude] = stop.place.coordinates;
    const cod = stop.cashOnDeliveryFen > 0 ? ` · ${labels.cod} ${formatYuan(stop.cashOnDeliveryFen)}` : '';
    pdf.text(
      `${labels.stop} ${stop.sequence}${labels.colon}${stop.place.name}${labels.open}${stop.place.code}${labels.close} · ${labels.eta} ${wallClock(stop.arrivalAt)}${cod}`,
      12,
    );
    pdf.text(`${longitude!.toFixed(5)}, ${latitude!.toFixed(5)}`, 8);
    pdf.shipments(labels.deliveries, labels.recipient, stop.deliveries);
    if (stop.pickups.length > 0) pdf.shipments(labels.pickups, labels.sender, stop.pickups);
    pdf.rule();
  }
  pdf.signatures([labels.driverSignature, labels.receiverSignature]);
}

/** One route per page run (a wave's PDF is every route of the plan, each starting on its own page). */
export function renderRouteManifestsPdf(manifests: RouteDriverManifest[], language: ManifestLanguage, emptyTitle: string): Promise<Buffer> {
  const labels = manifestLabels(language);
  const pdf = new ManifestDocument(labels, manifests.length === 1 ? `${labels.routeManifest} ${manifests[0]!.route.routeNumber}` : labels.routeManifest);
  for (const manifest of manifests) routeSection(pdf, manifest);
  if (manifests.length === 0) pdf.text(`${emptyTitle}\n${labels.noRoutes}`, 14);
  return pdf.finish();
}

function handoverSection(pdf: ManifestDocument, response: HandoverSheetsResponse, sheet: HandoverSheet): void {
  const { labels } = pdf;
  pdf.newPage();
  pdf.text(`${response.county.name} · ${labels.handoverSheet}`, 18);
  const driver = sheet.trunk.driver ? `${sheet.trunk.driver.name}  ${sheet.trunk.driver.phone}` : labels.noDriver;
  pdf.text(
    [
      `${labels.station}${labels.colon}${sheet.station.name}${labels.open}${sheet.station.code}${labels.close}`,
      `${labels.date}${labels.colon}${response.plan.serviceDate}    ${labels.wave}${labels.colon}${response.plan.wave}    ${labels.route}${labels.colon}${sheet.trunk.routeNumber}${labels.open}${labels.trunk}${labels.close}    ${labels.eta} ${wallClock(sheet.arrivalAt)}${labels.open}UTC${sheet.arrivalAt.slice(19)}${labels.close}`,
      `${labels.vehicle}${labels.colon}${sheet.trunk.vehicleCode}    ${labels.driver}${labels.colon}${driver}`,
    ].join('\n'),
    10,
  );
  pdf.rule();
  pdf.shipments(labels.drops, labels.recipient, sheet.drops, true);
  pdf.rule();
  pdf.shipments(labels.takesBack, labels.sender, sheet.takesBack, true);
  pdf.rule();
  pdf.text(
    `${labels.total}${labels.colon}${sheet.totals.parcelsDropped} / ${sheet.totals.parcelsTakenBack} ${labels.parcels} · ${labels.cod} ${formatYuan(sheet.totals.cashOnDeliveryFen)}`,
    10,
  );
  pdf.signatures([labels.driverSignature, labels.stationSignature]);
}

export function renderHandoverSheetsPdf(response: HandoverSheetsResponse, language: ManifestLanguage): Promise<Buffer> {
  const labels = manifestLabels(language);
  const pdf = new ManifestDocument(labels, labels.handoverSheet);
  for (const sheet of response.sheets) handoverSection(pdf, response, sheet);
  if (response.sheets.length === 0) pdf.text(`${response.county.name} · ${labels.handoverSheet}\n${labels.noRoutes}`, 14);
  return pdf.finish();
}
