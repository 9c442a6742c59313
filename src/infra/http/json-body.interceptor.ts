import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BodyRequest, checkQueryText, readJsonBody, SMALL_BODY_LIMIT_BYTES } from './json-body';
import { LARGE_BODY } from './large-body.decorator';

/**
 * Reads the JSON body of every route, after the guards: interceptors run once authentication has
 * passed and before the pipes read `@Body()`. The route's limit comes from @LargeBody(). Routes with
 * their own reader (the signed webhook, multipart uploads) have read it already or take another type.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<BodyRequest>();
    checkQueryText(request.query);
    await readJsonBody(request, http.getResponse<Response>(), this.limitOf(context));
    return next.handle();
  }

  private limitOf(context: ExecutionContext): number {
    const large = this.reflector.getAllAndOverride<boolean>(LARGE_BODY, [context.getHandler(), context.getClass()]);
    return large ? this.config.bodyLimitBytes : Math.min(SMALL_BODY_LIMIT_BYTES, this.config.bodyLimitBytes);
  }
}
