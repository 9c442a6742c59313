import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository, EntityManager } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { conflict, notFound, validationFailed } from '../infra/errors/domain-error';
import { CreateNetworkNodeDto, UpdateNetworkNodeDto } from './dto/create-network-node.dto';
import { ProblemCollector } from './import/field-checks';
import { readOpeningHours } from './import/node-feature';
import { NetworkNode, NodeTier } from './network-node.entity';
import { PARENT_TIER } from './tier-rules';

function throwIfProblems(problems: ProblemCollector): void {
  if (problems.count === 0) return;
  throw validationFailed(`invalid node: ${problems.problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`, problems.problems);
}

/**
 * Creates and edits single nodes with the same tier rules as the import. Each write locks the county
 * row (so "one hub per county" holds under concurrency) and bumps the network version.
 */
@Injectable()
export class NetworkNodesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counties: CountiesService,
  ) {}

  create(countyId: string, input: CreateNetworkNodeDto): Promise<NetworkNode> {
    const position = checkNodeInput(input, ['name', 'location']);
    return this.dataSource.transaction(async (manager) => {
      await this.counties.lockCounty(manager, countyId);
      const repository = manager.getRepository(NetworkNode);
      await assertCodeFree(repository, countyId, input.code);
      if (input.tier === 'county_hub' && (await repository.exist({ where: { countyId, tier: 'county_hub' } }))) {
        throw conflict('the county already has a county_hub');
      }
      const parentId = await this.resolveParent(manager, countyId, input.tier, input);
      const node = repository.create({
        countyId,
        tier: input.tier,
        code: input.code,
        parentId,
        name: input.name,
        adminCode: input.adminCode ?? null,
        location: { type: 'Point', coordinates: position! },
        elevationM: input.elevationM ?? null,
        openingHours: input.openingHours ?? null,
        serviceTimeS: input.serviceTimeS ?? 300,
        storageCapacityParcels: input.storageCapacityParcels ?? null,
        syntheticLocation: input.syntheticLocation ?? false,
      });
      const saved = await repository.save(node);
      await this.counties.bumpNetworkVersion(manager, countyId);
      return repository.findOneByOrFail({ id: saved.id });
    });
  }

  update(countyId: string, id: string, input: UpdateNetworkNodeDto): Promise<NetworkNode> {
    const position = checkNodeInput(input, []);
    return this.dataSource.transaction(async (manager) => {
      await this.counties.lockCounty(manager, countyId);
      const repository = manager.getRepository(NetworkNode);
      const node = await repository.findOne({ where: { countyId, id } });
      if (!node) throw notFound('network node', id);
      if (input.code !== undefined && input.code !== node.code) await assertCodeFree(repository, countyId, input.code);
      if (input.parentId !== undefined || input.parentCode !== undefined) node.parentId = await this.resolveParent(manager, countyId, node.tier, input);
      if (input.code !== undefined) node.code = input.code;
      if (input.name !== undefined) node.name = input.name;
      if (input.adminCode !== undefined) node.adminCode = input.adminCode;
      if (position) node.location = { type: 'Point', coordinates: position };
      if (input.elevationM !== undefined) node.elevationM = input.elevationM;
      if (input.openingHours !== undefined) node.openingHours = input.openingHours;
      if (input.serviceTimeS !== undefined) node.serviceTimeS = input.serviceTimeS;
      if (input.storageCapacityParcels !== undefined) node.storageCapacityParcels = input.storageCapacityParcels;
      if (input.syntheticLocation !== undefined) node.syntheticLocation = input.syntheticLocation;
      await repository.save(node);
      await this.counties.bumpNetworkVersion(manager, countyId);
      return repository.findOneByOrFail({ id });
    });
  }

  /** The parent named by id or code, checked against the tier rules (village → station → hub). */
  private async resolveParent(manager: EntityManager, countyId: string, tier: NodeTier, input: { parentId?: string; parentCode?: string }): Promise<string | null> {
    const expected = PARENT_TIER[tier];
    const named = input.parentId ?? input.parentCode;
    const field = input.parentId !== undefined ? 'parentId' : 'parentCode';
    if (expected === null) {
      if (named !== undefined) throw validationFailed('a county_hub has no parent', [{ field, message: 'must be absent for a county_hub' }]);
      return null;
    }
    if (named === undefined) throw validationFailed(`a ${tier} needs a parent ${expected}`, [{ field: 'parentId', message: `a ${expected} of this county is required` }]);
    const parent = await manager
      .getRepository(NetworkNode)
      .findOne({ where: input.parentId !== undefined ? { countyId, id: input.parentId } : { countyId, code: input.parentCode } });
    if (!parent) throw validationFailed(`parent ${named} is not a node of this county`, [{ field, message: 'no such node in this county' }]);
    if (parent.tier !== expected) {
      throw validationFailed(`the parent of a ${tier} must be a ${expected}; ${parent.code} is a ${parent.tier}`, [{ field, message: `must be a ${expected}` }]);
    }
    return parent.id;
  }
}

/**
 * Checks done in TypeScript before the database sees the node (PostGIS would silently wrap a
 * longitude of 200): the required fields, the position and the opening hours. Returns the position.
 */
function checkNodeInput(input: Pick<UpdateNetworkNodeDto, 'name' | 'location' | 'openingHours'>, required: Array<'name' | 'location'>): [number, number] | undefined {
  const problems = new ProblemCollector();
  for (const field of required) if (!input[field]) problems.add(field, 'is required');
  const position = input.location ? problems.position('location.coordinates', input.location.coordinates) : undefined;
  readOpeningHours(problems, 'openingHours', input.openingHours);
  throwIfProblems(problems);
  return position;
}

async function assertCodeFree(repository: Repository<NetworkNode>, countyId: string, code: string): Promise<void> {
  if (await repository.exist({ where: { countyId, code } })) throw conflict(`a node with code ${code} already exists in this county`);
}
