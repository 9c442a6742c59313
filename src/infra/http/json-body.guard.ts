import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BodyRequest, checkQueryText, readJsonBody, SMALL_BODY_LIMIT_BYTES } from './json-body';
import { LARGE_BODY } from './large-body.decorator';

export const BODY_READ_BY_ROUTE = 'http:body-read-by-route';

/**
 * The route's own guard authenticates it and then reads the body itself (the signed webhook reads the
 * raw bytes for its HMAC): JsonBodyGuard leaves the body alone.
 */
export const BodyReadByRoute = () => SetMetadata(BODY_READ_BY_ROUTE, true);

/**
 * Reads the JSON body of every route, as the last of the global guards: after the client address's
 * budget and the caller's authentication (operator key or session, driver token), so that nothing of an
 * unauthenticated request is parsed, and before the pipes read `@Body()`. The route's limit comes from
 * @LargeBody(). A guard rather than an interceptor: an interceptor puts every request of the API through
 * Nest's observable chain and two AsyncResource bindings, which the intake profile showed costing a
 * fifth of a push's CPU.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(BODY_READ_BY_ROUTE, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<BodyRequest>();
    checkQueryText(request.query);
    const large = this.reflector.getAllAndOverride<boolean>(LARGE_BODY, targets);
    await readJsonBody(request, http.getResponse<Response>(), large ? this.config.bodyLimitBytes : Math.min(SMALL_BODY_LIMIT_BYTES, this.config.bodyLimitBytes));
    return true;
  }
}
