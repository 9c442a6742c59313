/** The words printed on manifests and hand-over sheets: Simplified Chinese first, English with ?lang=en. */
export const MANIFEST_LANGUAGES = ['zh', 'en'] as const;
export type ManifestLanguage = (typeof MANIFEST_LANGUAGES)[number];

const ZH = {
  colon: '：',
  open: '（',
  close: '）',
  routeManifest: '配送路线单',
  handoverSheet: '乡镇交接单',
  county: '县',
  date: '日期',
  wave: '波次',
  route: '路线',
  trunk: '干线',
  lastMile: '末端',
  vehicle: '车辆',
  driver: '司机',
  noDriver: '未指派',
  departure: '出发',
  return: '返回',
  start: '起点',
  stop: '站点',
  eta: '预计到达',
  deliveries: '送达',
  pickups: '揽收',
  recipient: '收件人',
  sender: '寄件人',
  cod: '代收货款',
  parcels: '件',
  total: '合计',
  station: '乡镇服务站',
  drops: '干线卸下（交给服务站）',
  takesBack: '干线带回（交给县中心）',
  nothing: '无',
  noRoutes: '本计划没有路线',
  driverSignature: '司机签名',
  receiverSignature: '收货人签名',
  stationSignature: '服务站签名',
  signedAt: '时间',
};

export type ManifestLabels = typeof ZH;

const EN: ManifestLabels = {
  colon: ': ',
  open: ' (',
  close: ')',
  routeManifest: 'Route manifest',
  handoverSheet: 'Township hand-over sheet',
  county: 'County',
  date: 'Date',
  wave: 'Wave',
  route: 'Route',
  trunk: 'trunk',
  lastMile: 'last mile',
  vehicle: 'Vehicle',
  driver: 'Driver',
  noDriver: 'not assigned',
  departure: 'Departs',
  return: 'Returns',
  start: 'Start',
  stop: 'Stop',
  eta: 'ETA',
  deliveries: 'Deliveries',
  pickups: 'Pickups',
  recipient: 'Recipient',
  sender: 'Sender',
  cod: 'Cash on delivery',
  parcels: 'parcels',
  total: 'Total',
  station: 'Township station',
  drops: 'Trunk drops (to the station)',
  takesBack: 'Trunk takes back (to the county hub)',
  nothing: 'none',
  noRoutes: 'This plan has no routes',
  driverSignature: 'Driver signature',
  receiverSignature: 'Receiver signature',
  stationSignature: 'Station signature',
  signedAt: 'Time',
};

export function manifestLabels(language: ManifestLanguage): ManifestLabels {
  return language === 'en' ? EN : ZH;
}

/** Fen as yuan with two decimals, integer arithmetic only: 1250 → ¥12.50. */
export function formatYuan(fen: number): string {
  return `¥${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
}

/** "HH:MM" of a local ISO time (2026-11-30T08:12:00+08:00 → 08:12): the sheet prints the county's wall clock. */
export const wallClock = (localIso: string) => localIso.slice(11, 16);
