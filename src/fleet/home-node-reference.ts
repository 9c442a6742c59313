import { validationFailed } from '../infra/errors/domain-error';
import { NetworkQueryService } from '../network/network-query.service';

/** The node named by id or code in the county, or a 400 naming the field. */
export async function resolveHomeNode(network: NetworkQueryService, countyId: string, ref: { homeNodeId?: string; homeNodeCode?: string }): Promise<string> {
  if (ref.homeNodeId !== undefined) {
    const node = await network.getNode(countyId, ref.homeNodeId).catch(() => null);
    if (!node) throw validationFailed(`home node ${ref.homeNodeId} is not a node of this county`, [{ field: 'homeNodeId', message: 'no such node in this county' }]);
    return node.id;
  }
  const node = ref.homeNodeCode === undefined ? null : await network.findNodeByCode(countyId, ref.homeNodeCode);
  if (!node) throw validationFailed(`home node ${ref.homeNodeCode ?? '(none)'} is not a node of this county`, [{ field: 'homeNodeCode', message: 'no such node in this county' }]);
  return node.id;
}
