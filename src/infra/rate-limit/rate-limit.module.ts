import { Global, Module } from '@nestjs/common';
import { ClientAddressGuard } from './client-address.guard';
import { RateLimitsService } from './rate-limits.service';
import { SignInAttemptsService } from './sign-in-attempts.service';

/** Request budgets and the failed-sign-in lock, for every API module (they need RequestRedisModule). */
@Global()
@Module({
  providers: [RateLimitsService, SignInAttemptsService, ClientAddressGuard],
  exports: [RateLimitsService, SignInAttemptsService, ClientAddressGuard],
})
export class RateLimitModule {}
