import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Repository } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { County } from '../counties/county.entity';
import { hashSecret, secretMatches } from '../infra/crypto/secret-hash';
import { uniqueViolation } from '../infra/database/unique-violation';
import { conflict, DomainError, notFound } from '../infra/errors/domain-error';
import { SignInAttemptsService } from '../infra/rate-limit/sign-in-attempts.service';
import { OperatorSession } from './operator-session.entity';
import { OperatorUser, OperatorUserRole } from './operator-user.entity';

export interface OperatorUserInput {
  username: string;
  displayName: string;
  role: OperatorUserRole;
  password: string;
}

export interface OperatorUserChanges {
  displayName?: string;
  role?: OperatorUserRole;
  password?: string;
  disabled?: boolean;
}

const WRONG_CREDENTIALS = 'wrong county code, username or password';

/** The console's accounts: created by an admin (API or CLI), checked at sign-in. */
@Injectable()
export class OperatorUsersService {
  constructor(
    @InjectRepository(OperatorUser) private readonly users: Repository<OperatorUser>,
    private readonly counties: CountiesService,
    private readonly attempts: SignInAttemptsService,
  ) {}

  /** A username already taken in the county: 409. */
  async create(countyId: string, input: OperatorUserInput): Promise<OperatorUser> {
    const passwordHash = await hashSecret(input.password);
    try {
      return await this.users.save(this.users.create({ countyId, username: input.username, displayName: input.displayName, role: input.role, passwordHash, disabledAt: null }));
    } catch (error) {
      if (uniqueViolation(error)) throw conflict(`the username ${input.username} is taken in this county`);
      throw error;
    }
  }

  /** Creates the account, or gives the existing one of that username these details and password (the demo runs again and again). */
  async upsert(countyId: string, input: OperatorUserInput): Promise<OperatorUser> {
    const existing = await this.users.findOne({ where: { countyId, username: input.username } });
    if (!existing) return this.create(countyId, input);
    return this.update(countyId, existing.id, { displayName: input.displayName, role: input.role, password: input.password, disabled: false });
  }

  list(countyId: string): Promise<OperatorUser[]> {
    return this.users.find({ where: { countyId }, order: { username: 'ASC' } });
  }

  async get(countyId: string, userId: string): Promise<OperatorUser> {
    const user = await this.users.findOne({ where: { countyId, id: userId } });
    if (!user) throw notFound('operator account', userId);
    return user;
  }

  /** A new password, a new role or disabling ends the account's sessions in the same transaction: what it could do before must not linger. */
  async update(countyId: string, userId: string, changes: OperatorUserChanges): Promise<OperatorUser> {
    const passwordHash = changes.password === undefined ? undefined : await hashSecret(changes.password);
    return this.users.manager.transaction(async (manager) => {
      const user = await manager.findOne(OperatorUser, { where: { countyId, id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('operator account', userId);
      const endsSessions = passwordHash !== undefined || (changes.role !== undefined && changes.role !== user.role) || changes.disabled === true;
      if (changes.displayName !== undefined) user.displayName = changes.displayName;
      if (changes.role !== undefined) user.role = changes.role;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      if (changes.disabled !== undefined) user.disabledAt = changes.disabled ? (user.disabledAt ?? new Date()) : null;
      if (endsSessions) await manager.delete(OperatorSession, { userId });
      return manager.save(user);
    });
  }

  /**
   * The account and its county for a sign-in; every failure answers alike (401), after as long a check,
   * and counts against the account (SIGN_IN_FAILURES_PER_15_MINUTES, then 429 for 15 minutes).
   */
  async authenticate(adminCode: string, username: string, password: string, response?: Response): Promise<{ user: OperatorUser; county: County }> {
    const account = `operator:${adminCode}:${username}`;
    await this.attempts.assertAllowed(account, response);
    const county = await this.counties.findByAdminCode(adminCode);
    const user = county ? await this.users.findOne({ where: { countyId: county.id, username } }) : null;
    const matches = await secretMatches(user?.passwordHash ?? null, password);
    if (!county || !user || !matches || user.disabledAt) {
      await this.attempts.recordFailure(account, response);
      throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    }
    await this.attempts.recordSuccess(account);
    return { user, county };
  }
}
