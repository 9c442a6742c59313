import { APP_GUARD } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { DriverAuthGuard } from '../../src/driver/auth/driver-auth.guard';
import { ApiKeyGuard } from '../../src/infra/auth/api-key.guard';
import { loadAppConfig } from '../../src/infra/config/app-config';
import { JsonBodyGuard } from '../../src/infra/http/json-body.guard';
import { ClientAddressGuard } from '../../src/infra/rate-limit/client-address.guard';
import { OperatorActionsGuard } from '../../src/operators/operator-actions.guard';

/**
 * WebhookFastLane serves platform pushes ahead of Nest's router, running by hand what the global
 * guards would do on that route. A global guard added later would be skipped there silently: this
 * list is the lane's review of them, and a new one fails here until the lane has been looked at.
 */
describe('WebhookFastLane and the global guards', () => {
  it('knows every global guard', () => {
    const module = AppModule.forRoot({ ...loadAppConfig(), logLevel: 'silent' });
    const guards = (module.providers ?? [])
      .filter((provider) => typeof provider === 'object' && 'provide' in provider && provider.provide === APP_GUARD)
      .map((provider) => {
        const entry = provider as { useClass?: unknown; useExisting?: unknown };
        return entry.useClass ?? entry.useExisting;
      });
    // ClientAddressGuard: run by the lane. ApiKeyGuard: the route is public to operator keys. DriverAuthGuard:
    // not a driver route. JsonBodyGuard: the webhook reads its own body. OperatorActionsGuard: no operator principal.
    expect(guards).toEqual([ClientAddressGuard, ApiKeyGuard, DriverAuthGuard, JsonBodyGuard, OperatorActionsGuard]);
  });
});
