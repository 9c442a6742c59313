import { Solution } from '../model/problem';
import { VroomInstance, parseVroomJson } from '../parsers/vroom-json';
import { solveAsync } from '../solve';
import { InstanceFormat, registerFormat, summarizeRun } from './format';
import { usedVehicles } from './solution-text';

/** The VROOM id of a route step: the job id, or the shipment's pickup / delivery id. */
function vroomTaskId(instance: VroomInstance, shipmentIndex: Map<string, number>, type: string, id: string): number {
  if (type === 'pickup' || type === 'delivery') {
    const ids = instance.shipmentIds[shipmentIndex.get(id)!];
    return type === 'pickup' ? ids.pickup : ids.delivery;
  }
  return Number(id);
}

function shipmentIndexOf(instance: VroomInstance): Map<string, number> {
  return new Map(instance.problem.shipments.map((shipment, index) => [shipment.id, index]));
}

/** A VROOM-style answer: `code`, `summary`, `unassigned`, `routes` with steps (arrival, load ...). */
export function toVroomOutput(instance: VroomInstance, solution: Solution): unknown {
  const shipments = shipmentIndexOf(instance);
  const routes = solution.routes.map((route) => {
    let service = 0;
    let waiting = 0;
    const steps = route.steps.map((step) => {
      const out: Record<string, unknown> = { type: step.type, location_index: step.location };
      const coordinate = instance.coordinates[step.location];
      if (coordinate) out.location = coordinate;
      if (step.id !== undefined) out.id = vroomTaskId(instance, shipments, step.type, step.id);
      out.arrival = step.arrivalS;
      out.waiting_time = step.serviceStartS - step.arrivalS;
      out.service = step.departureS - step.serviceStartS;
      out.load = step.load;
      service += step.departureS - step.serviceStartS;
      waiting += step.serviceStartS - step.arrivalS;
      return out;
    });
    return { vehicle: Number(route.vehicleId), cost: route.costFen, service, waiting_time: waiting, duration: route.durationS, distance: route.distanceM, steps };
  });
  const unassigned = solution.unassigned.map((task) => {
    const shipment = shipments.get(task.id);
    if (shipment === undefined) return { id: Number(task.id), type: 'job', reason: task.reason };
    return { id: instance.shipmentIds[shipment].pickup, type: 'shipment', delivery_id: instance.shipmentIds[shipment].delivery, reason: task.reason };
  });
  return {
    code: 0,
    feasible: solution.feasible,
    summary: {
      cost: solution.cost,
      routes: usedVehicles(solution),
      unassigned: unassigned.length,
      distance: solution.distanceM,
      duration: solution.durationS,
      service: routes.reduce((sum, r) => sum + r.service, 0),
      waiting_time: routes.reduce((sum, r) => sum + r.waiting_time, 0),
      computing_times: { solving: solution.statistics.runtimeMs },
    },
    unassigned,
    routes,
    warnings: instance.warnings,
  };
}

/** VROOM's JSON problem format (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md). */
export const vroomJsonFormat: InstanceFormat<VroomInstance, Solution> = {
  id: 'vroom-json',
  description: 'VROOM JSON problem (vehicles, jobs, shipments, matrices)',
  detect(text, fileName) {
    const head = text.trimStart();
    if (!head.startsWith('{')) return 0;
    if (/"vehicles"\s*:/.test(head) && /"(jobs|shipments)"\s*:/.test(head)) return 3;
    return /\.json$/i.test(fileName) ? 1 : 0;
  },
  parse(text, fileName) {
    const instance = parseVroomJson(text, fileName);
    for (const warning of instance.warnings) process.stderr.write(`warning: ${warning}\n`);
    return instance;
  },
  describe: (instance) => ({ name: instance.name, size: instance.problem.jobs.length + 2 * instance.problem.shipments.length }),
  solve: (instance, options) => solveAsync(instance.problem, options),
  summarize: (_instance, solution) => summarizeRun(solution, solution.cost, usedVehicles(solution)),
  toCvrplibText(instance, solution) {
    const shipments = shipmentIndexOf(instance);
    const lines: string[] = [];
    for (const route of solution.routes) {
      const ids = route.steps.filter((step) => step.id !== undefined).map((step) => vroomTaskId(instance, shipments, step.type, step.id!));
      if (ids.length > 0) lines.push(`Route #${lines.length + 1}: ${ids.join(' ')}`);
    }
    lines.push(`Cost ${solution.cost}`);
    return lines.join('\n') + '\n';
  },
  toJson: (instance, solution) => toVroomOutput(instance, solution),
};

registerFormat(vroomJsonFormat);
