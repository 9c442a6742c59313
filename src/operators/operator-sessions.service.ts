import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'crypto';
import { Repository } from 'typeorm';
import { Principal, SessionResolver, userPrincipal } from '../infra/auth/principal';
import { Clock } from '../infra/clock/clock';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { OperatorSession } from './operator-session.entity';
import { OperatorUser } from './operator-user.entity';

/** `lastSeenAt` is written at most this often: a page of ten requests is one write, not ten. */
const TOUCH_EVERY_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StartedSession {
  token: string;
  session: OperatorSession;
}

/** Console sessions in PostgreSQL: every API process reads the same rows (docs/security.md). */
@Injectable()
export class OperatorSessionsService implements SessionResolver {
  constructor(
    @InjectRepository(OperatorSession) private readonly sessions: Repository<OperatorSession>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get idleS(): number {
    return this.config.consoleSession.idleS;
  }

  async start(user: OperatorUser): Promise<StartedSession> {
    // 32 random bytes: a token nobody guesses, so a plain SHA-256 is enough to store it.
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session = await this.sessions.save(
      this.sessions.create({ tokenHash: hashToken(token), userId: user.id, lastSeenAt: now, expiresAt: new Date(now.getTime() + this.config.consoleSession.maxS * 1000) }),
    );
    return { token, session };
  }

  /** The session's principal while it is alive and its account enabled; an expired session is deleted on the way. */
  async resolve(token: string): Promise<Principal | null> {
    const found = await this.find(token);
    return found ? userPrincipal(found.user.id, found.user.countyId, found.user.role) : null;
  }

  /** The live session of a token, with its account; null when unknown, expired, or the account is disabled. */
  async find(token: string): Promise<(OperatorSession & { user: OperatorUser }) | null> {
    const session = await this.sessions.findOne({ where: { tokenHash: hashToken(token) }, relations: { user: true } });
    if (!session?.user || session.user.disabledAt) return null;
    const now = this.clock.now().getTime();
    if (now >= session.expiresAt.getTime() || now >= session.lastSeenAt.getTime() + this.idleS * 1000) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      session.lastSeenAt = new Date(now);
      await this.sessions.update({ id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return session as OperatorSession & { user: OperatorUser };
  }

  /** Sign-out: the row goes, so the cookie is worthless everywhere at once. */
  async end(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: hashToken(token) });
  }
}
