import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimitsService } from './rate-limits.service';

/**
 * The first guard of every route: the client address's budget, before the key is looked up or a
 * byte of the body is read. `request.ip` follows TRUST_PROXY behind a load balancer.
 */
@Injectable()
export class ClientAddressGuard implements CanActivate {
  constructor(private readonly limits: RateLimitsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    await this.charge(http.getRequest<Request>(), http.getResponse<Response>());
    return true;
  }

  /** Counts the request against its address's budget; refuses it (429) when the budget is spent. */
  charge(request: Request, response: Response): Promise<void> {
    return this.limits.consume('ip', request.ip ?? request.socket.remoteAddress ?? 'unknown', response);
  }
}
