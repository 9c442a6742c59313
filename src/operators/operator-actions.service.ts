import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Principal } from '../infra/auth/principal';
import { OperatorAction } from './operator-action.entity';

export interface RequestedChange {
  method: string;
  route: string;
  params: Record<string, string>;
  status: number;
}

/** The county's record of who changed what through the API (OperatorActionsGuard, operator-actions.guard.ts, has it written). */
@Injectable()
export class OperatorActionsService {
  constructor(@InjectRepository(OperatorAction) private readonly actions: Repository<OperatorAction>) {}

  async record(principal: Principal, change: RequestedChange): Promise<void> {
    await this.actions.insert({
      countyId: principal.countyId,
      actor: principal.actor,
      userId: principal.userId,
      apiKeyId: principal.apiKeyId,
      role: principal.role,
      ...change,
    });
  }

  /** Newest first; one account's only when `userId` is given. */
  list(countyId: string, limit: number, userId?: string): Promise<OperatorAction[]> {
    return this.actions.find({ where: { countyId, ...(userId ? { userId } : {}) }, order: { at: 'DESC', id: 'ASC' }, take: limit });
  }
}
