/** The console's words: Simplified Chinese first, English as a switch (kept in localStorage). */
const zh = {
  title: '县级物流调度台',
  signIn: '登录',
  signOut: '退出',
  county: '县代码',
  username: '用户名',
  password: '密码',
  today: '今日',
  plans: '计划',
  serviceDate: '日期',
  wave: '波次',
  version: '版本',
  status: '状态',
  lifecycle: '阶段',
  noPlan: '该日期和波次没有计划',
  requestPlan: '生成计划',
  publish: '发布',
  replan: '重新规划',
  lock: '锁定',
  unlock: '解锁',
  locked: '已锁定',
  figures: '指标',
  costPerParcel: '每件成本',
  saving: '比各自配送节省',
  loadFactor: '装载率',
  distance: '里程',
  parcels: '件数',
  routes: '线路',
  trunk: '干线',
  lastMile: '末端',
  stops: '站点',
  manifest: '路单 (PDF)',
  printWave: '打印本波次全部路单',
  handover: '乡镇交接单',
  unassigned: '未分配',
  deferred: '延后配送',
  late: '晚于承诺',
  reason: '原因',
  none: '无',
  loading: '加载中…',
  computing: '计算中',
  mapNote: '线路按停靠顺序连线（非实际道路走向）',
  hub: '县级中心',
  station: '乡镇服务站',
  village: '村级服务点',
  roads: '道路',
  weight: '重量',
  language: 'English',
  role: '角色',
  scheduledWaves: '定时波次',
  noneScheduled: '没有定时波次',
  open: '打开',
  published: '已发布',
  draft: '草稿',
  runs: '在途',
  live: '实时',
  offline: '未连接',
  noPublishedPlan: '该日期没有已发布的计划',
  stopsDone: '已完成站点',
  lateStops: '晚点站点',
  failed: '失败',
  onBoard: '车上件数',
  delivered: '已投递',
  lastPosition: '最后位置',
  needsAttention: '待处理',
  chooseVillage: '选择村级服务点（搜索或在地图上点击）',
  searchVillage: '搜索村名或代码',
  resolve: '确定目的地',
  hubScan: '中心扫描入库',
  scanBarcode: '扫描条码（扫码枪输入后回车）',
  scanned: '已入库',
  alreadyScanned: '重复扫描',
  notExpected: '非预期包裹',
};

type Messages = typeof zh;
export type MessageKey = keyof Messages;

const en: Messages = {
  title: 'County dispatch console',
  signIn: 'Sign in',
  signOut: 'Sign out',
  county: 'County code',
  username: 'Username',
  password: 'Password',
  today: 'Today',
  plans: 'Plans',
  serviceDate: 'Date',
  wave: 'Wave',
  version: 'Version',
  status: 'Status',
  lifecycle: 'Stage',
  noPlan: 'No plan for this date and wave',
  requestPlan: 'Plan it',
  publish: 'Publish',
  replan: 'Replan',
  lock: 'Lock',
  unlock: 'Unlock',
  locked: 'locked',
  figures: 'Figures',
  costPerParcel: 'Cost per parcel',
  saving: 'Saving vs each carrier alone',
  loadFactor: 'Load factor',
  distance: 'Distance',
  parcels: 'Parcels',
  routes: 'Routes',
  trunk: 'Trunk',
  lastMile: 'Last mile',
  stops: 'Stops',
  manifest: 'Manifest (PDF)',
  printWave: 'Print every manifest of the wave',
  handover: 'Station hand-over sheets',
  unassigned: 'Unassigned',
  deferred: 'Deferred',
  late: 'Late against the promise',
  reason: 'Reason',
  none: 'none',
  loading: 'Loading…',
  computing: 'computing',
  mapNote: 'Routes join their stops in order (not the road geometry)',
  hub: 'County hub',
  station: 'Township station',
  village: 'Village point',
  roads: 'Roads',
  weight: 'Weight',
  language: '中文',
  role: 'Role',
  scheduledWaves: 'Scheduled waves',
  noneScheduled: 'No scheduled waves',
  open: 'Open',
  published: 'published',
  draft: 'draft',
  runs: 'Runs',
  live: 'live',
  offline: 'not connected',
  noPublishedPlan: 'No published plan on this date',
  stopsDone: 'Stops done',
  lateStops: 'Late stops',
  failed: 'Failed',
  onBoard: 'On board',
  delivered: 'Delivered',
  lastPosition: 'Last position',
  needsAttention: 'Needs attention',
  chooseVillage: 'choose the village point (search, or click it on the map)',
  searchVillage: 'Search a village by name or code',
  resolve: 'Set the destination',
  hubScan: 'Hub scan-in',
  scanBarcode: 'Scan a barcode (the gun types it and Enter)',
  scanned: 'Scanned in',
  alreadyScanned: 'Scanned before',
  notExpected: 'Not expected',
};

export type Language = 'zh' | 'en';
const CATALOGUES: Record<Language, Messages> = { zh, en };
const STORAGE_KEY = 'rd-console-language';

export function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

export type Translate = (key: MessageKey) => string;
export const translator =
  (language: Language): Translate =>
  (key) =>
    CATALOGUES[language][key];

/** Fen as yuan with two decimals, e.g. 1234 → ¥12.34. */
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `¥${(fen / 100).toFixed(2)}`);
export const km = (metres: number | null | undefined) => (metres === null || metres === undefined ? '—' : `${(metres / 1000).toFixed(1)} km`);
export const percent = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`);

/** HH:MM in the county's time zone, whatever the browser's. */
export const clockTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
