import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Principal } from '../infra/auth/principal';
import { OperatorActionsService } from './operator-actions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Records every change an operator asks of the API — a person's with their user id, a key's with its
 * id — once the answer is sent, whatever its status: publishing a plan, resolving a destination, a
 * hub scan, a calendar, a PIN, an account, a platform. Reads are not recorded. A record that cannot
 * be written is logged and does not change the answer.
 *
 * It is the last global guard (app.module.ts), so only requests that passed authentication, the role
 * check and the body's reading are recorded (a 401 or a 403 is not an action). A guard that always
 * lets the request through, not an interceptor: one global interceptor puts every request of the API
 * through Nest's observable chain, which the intake profile showed costing a fifth of a push's CPU.
 */
@Injectable()
export class OperatorActionsGuard implements CanActivate {
  private readonly logger = new Logger(OperatorActionsGuard.name);

  constructor(private readonly actions: OperatorActionsService) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = request.principal;
    if (principal && principal.role !== 'platform' && !SAFE_METHODS.has(request.method)) {
      const response = context.switchToHttp().getResponse<Response>();
      const route = String((request.route as { path?: string } | undefined)?.path ?? request.path).slice(0, 300);
      const params = { ...(request.params as Record<string, string>) };
      response.once('finish', () => {
        this.actions.record(principal, { method: request.method, route, params, status: response.statusCode }).catch((error: unknown) => {
          this.logger.warn({ countyId: principal.countyId, actor: principal.actor, route, error }, 'operator action not recorded');
        });
      });
    }
    return true;
  }
}
