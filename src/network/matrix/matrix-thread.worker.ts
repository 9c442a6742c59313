import { parentPort } from 'node:worker_threads';
import { computeNetworkMatrices, RoadGraph } from '@rural-dispatch/routing';
import { GRAPHS_KEPT_IN_THREAD, MatrixThreadReply, MatrixThreadRequest } from './matrix-thread-messages';

/** The matrix thread's entry: road-network matrices with the library, one request at a time, off the API's event loop. */
const graphs = new Map<string, RoadGraph>();

parentPort!.on('message', ({ id, graphKey, graph, points, vehicleClass, anchorPointIndex }: MatrixThreadRequest) => {
  let reply: MatrixThreadReply;
  try {
    if (graph) {
      graphs.set(graphKey, graph);
      if (graphs.size > GRAPHS_KEPT_IN_THREAD) graphs.delete(graphs.keys().next().value!);
    }
    const held = graphs.get(graphKey);
    if (!held) throw new Error(`the matrix thread does not hold graph ${graphKey}`);
    const { byVehicleClass } = computeNetworkMatrices(held, points, [vehicleClass], anchorPointIndex !== undefined ? { anchorPointIndex } : {});
    reply = { id, matrix: byVehicleClass[vehicleClass]! };
  } catch (error) {
    reply = { id, error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } };
  }
  parentPort!.postMessage(reply);
});
