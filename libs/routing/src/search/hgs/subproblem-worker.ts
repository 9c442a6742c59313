import { MessagePort, workerData } from 'node:worker_threads';
import { solveSubproblem } from './genetic';
import { SubproblemRequest } from './subproblem-helpers';

/** Helper-thread entry: solves each decomposition part it receives and posts the outcome back. */
const { port, ready } = workerData as { port: MessagePort; ready: Int32Array };
port.on('message', (request: SubproblemRequest) => {
  port.postMessage(solveSubproblem(request));
  Atomics.add(ready, 0, 1);
  Atomics.notify(ready, 0);
});
