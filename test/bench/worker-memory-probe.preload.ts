/**
 * Loaded into the real worker process by `npm run bench:worker-memory` (`node --expose-gc -r <this> dist/src/worker.js`),
 * never by the product: on a message `{ probe: 'sample' }` over the IPC channel it collects garbage in
 * the main isolate and in every worker thread it could reach, and answers with the memory of each
 * (heap used after that collection, external, array buffers) and the process's RSS split as Linux
 * counts it (anonymous memory against file-backed pages such as the node binary's code). On
 * `{ probe: 'snapshot', path }` it writes a heap snapshot of the main isolate and of each thread
 * (`path` with `.main` / `.thread-N` before the extension). This is the only way in: the worker's
 * own code is left as it runs in production.
 *
 * The threads are reached by wrapping `worker_threads.Worker` before the worker's code loads: a thread
 * started from a file with no workerData (the solver thread) starts through a small entry that joins a
 * BroadcastChannel and then loads the file; a thread started any other way is only counted.
 */
import { readFileSync } from 'node:fs';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself (an `import *` namespace is read-only), so that its Worker can be replaced
import threads = require('node:worker_threads');

export const PROBE_CHANNEL = 'worker-memory-probe';

/** What one isolate reports, bytes. */
export interface IsolateMemory {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Memory V8 itself allocated with malloc (outside the heap). */
  mallocedMemory: number;
}

/** One sample of the worker process. */
export interface ProcessMemorySample {
  rss: number;
  rssAnon: number;
  rssFile: number;
  main: IsolateMemory;
  /** The threads that answered within the wait, in the order they started. */
  threads: Array<IsolateMemory & { thread: number }>;
  threadsStarted: number;
  threadsUnprobed: number;
  threadsAlive: number;
}

const THREAD_ENTRY = `
const { BroadcastChannel, workerData, threadId } = require('node:worker_threads');
const { getHeapStatistics, writeHeapSnapshot } = require('node:v8');
const channel = new BroadcastChannel(${JSON.stringify(PROBE_CHANNEL)});
channel.unref();
channel.onmessage = ({ data }) => {
  if (data.probe === 'sample') {
    globalThis.gc?.();
    globalThis.gc?.();
    const usage = process.memoryUsage();
    const heap = getHeapStatistics();
    channel.postMessage({ reply: data.id, thread: threadId, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers, mallocedMemory: heap.malloced_memory });
  } else if (data.probe === 'snapshot') {
    writeHeapSnapshot(data.path.replace(/(\\.heapsnapshot)?$/, '.thread-' + threadId + '.heapsnapshot'));
    channel.postMessage({ reply: data.id, thread: threadId });
  }
};
require(workerData.probeEntry);
`;

let threadsStarted = 0;
let threadsUnprobed = 0;
let threadsAlive = 0;
let probedAlive = 0;
const OriginalWorker = threads.Worker;

class ProbedWorker extends OriginalWorker {
  constructor(filename: string | URL, options?: threads.WorkerOptions) {
    const probed = typeof filename === 'string' && !options?.eval && options?.workerData === undefined;
    super(probed ? THREAD_ENTRY : filename, probed ? { ...options, eval: true, workerData: { probeEntry: filename } } : options);
    threadsStarted += 1;
    threadsAlive += 1;
    if (probed) probedAlive += 1;
    else threadsUnprobed += 1;
    this.once('exit', () => {
      threadsAlive -= 1;
      if (probed) probedAlive -= 1;
    });
  }
}
threads.Worker = ProbedWorker;

function isolateMemory(): IsolateMemory {
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers, mallocedMemory: getHeapStatistics().malloced_memory };
}

function statusKb(field: string): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((row) => row.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) * 1024 : NaN;
}

/**
 * Sends `message` to the threads and gathers their replies until every probed thread alive has
 * answered or `waitMs` has passed (a thread busy solving answers only after its solve).
 */
function askThreads(message: Record<string, unknown>, waitMs: number): Promise<Array<Record<string, number>>> {
  const expected = probedAlive;
  const id = Math.random();
  const channel = new threads.BroadcastChannel(PROBE_CHANNEL);
  const replies: Array<Record<string, number>> = [];
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      channel.close();
      resolve(replies);
    };
    const timer = setTimeout(done, waitMs);
    channel.onmessage = (event) => {
      const data = (event as MessageEvent).data as Record<string, number>;
      if (data.reply !== id) return;
      replies.push(data);
      if (replies.length >= expected) done();
    };
    if (expected <= 0) done();
    else channel.postMessage({ ...message, id });
  });
}

async function sample(): Promise<ProcessMemorySample> {
  const replies = await askThreads({ probe: 'sample' }, 1_000);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return {
    rss: process.memoryUsage.rss(),
    rssAnon: statusKb('RssAnon'),
    rssFile: statusKb('RssFile'),
    main: isolateMemory(),
    threads: replies.map((reply) => ({
      thread: reply.thread!,
      heapUsed: reply.heapUsed!,
      heapTotal: reply.heapTotal!,
      external: reply.external!,
      arrayBuffers: reply.arrayBuffers!,
      mallocedMemory: reply.mallocedMemory!,
    })),
    threadsStarted,
    threadsUnprobed,
    threadsAlive,
  };
}

if (process.send) {
  process.on('message', (message: { probe?: string; path?: string }) => {
    if (message.probe === 'sample') void sample().then((memory) => process.send!({ probe: 'sample', memory }));
    if (message.probe === 'snapshot' && message.path) {
      const path = message.path;
      writeHeapSnapshot(path.replace(/(\.heapsnapshot)?$/, '.main.heapsnapshot'));
      void askThreads({ probe: 'snapshot', path }, 30_000).then(() => process.send!({ probe: 'snapshot' }));
    }
  });
  // The IPC channel must not keep a worker alive that was told to stop.
  process.channel?.unref();
}
