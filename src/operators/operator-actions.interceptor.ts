import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { Principal } from '../infra/auth/principal';
import { OperatorActionsService } from './operator-actions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Records every change an operator asks of the API — a person's with their user id, a key's with its
 * id — once the answer is sent, whatever its status: publishing a plan, resolving a destination, a
 * hub scan, a calendar, a PIN, an account, a platform. It runs after the guard, so only requests that
 * reached their handler are recorded (a 401 or a 403 of the guard is not an action). Reads are not
 * recorded. A record that cannot be written is logged and does not change the answer.
 */
@Injectable()
export class OperatorActionsInterceptor implements NestInterceptor {
  private readonly logger = new Logger(OperatorActionsInterceptor.name);

  constructor(private readonly actions: OperatorActionsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
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
    return next.handle();
  }
}
