import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { PlatformCredentialsResponse, PlatformResponse, RegisterPlatformBody, SubscribeBody, SubscriptionResponse } from './integrations.responses';
import { Platform } from './platform.entity';
import { PlatformsService } from './platforms.service';
import { WebhookSubscription } from './webhook-subscription.entity';

const toPlatformResponse = (platform: Platform): PlatformResponse => ({
  id: platform.id,
  name: platform.name,
  apiKeyId: platform.apiKeyId,
  rotationInProgress: (platform.previousSecretExpiresAt?.getTime() ?? 0) > Date.now(),
  createdAt: platform.createdAt.toISOString(),
});

/**
 * A subscription URL may carry credentials (`https://user:pass@…`, `?token=…`): only an admin, who
 * set them, sees them; other roles get the URL with the user info and every query value masked.
 */
export function urlForRole(url: string, role: Principal['role']): string {
  if (role === 'admin') return url;
  const masked = new URL(url);
  if (masked.username) masked.username = '***';
  if (masked.password) masked.password = '***';
  for (const key of [...masked.searchParams.keys()]) masked.searchParams.set(key, '***');
  return masked.toString();
}

const toSubscriptionResponse = (subscription: WebhookSubscription, role: Principal['role']): SubscriptionResponse => ({
  id: subscription.id,
  url: urlForRole(subscription.url, role),
  eventTypes: subscription.eventTypes,
  active: subscription.active,
  failingSince: subscription.failingSince?.toISOString() ?? null,
});

/** Platforms of a county and their outbound subscriptions. Secrets are admin business. */
@ApiTags('platforms')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/counties/:countyId/platforms')
export class PlatformsController {
  constructor(private readonly platforms: PlatformsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a platform: returns its webhook secret and its feed API key (shown once)' })
  @ApiCreatedResponse({ type: PlatformCredentialsResponse })
  @ApiProblems(409)
  async register(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: RegisterPlatformBody): Promise<PlatformCredentialsResponse> {
    const { platform, webhookSecret, apiKeySecret } = await this.platforms.register(countyId, body.name);
    return { ...toPlatformResponse(platform), webhookSecret, apiKey: apiKeySecret };
  }

  @Get()
  @ApiOkResponse({ type: [PlatformResponse] })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<PlatformResponse[]> {
    return (await this.platforms.list(countyId)).map(toPlatformResponse);
  }

  @Post(':platformId/rotate-secret')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'New webhook secret; the previous one keeps verifying inbound signatures for 24 h' })
  @ApiOkResponse({ type: PlatformCredentialsResponse })
  @ApiProblems(404)
  async rotate(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('platformId', ParseUUIDPipe) platformId: string): Promise<PlatformCredentialsResponse> {
    const { platform, webhookSecret } = await this.platforms.rotateSecret(countyId, platformId);
    return { ...toPlatformResponse(platform), webhookSecret, apiKey: null };
  }

  @Post(':platformId/subscriptions')
  @Roles('admin')
  @ApiOperation({ summary: 'Subscribe a URL to event types (shipment.created, shipment.updated, shipment.status_changed)' })
  @ApiCreatedResponse({ type: SubscriptionResponse })
  @ApiProblems(404)
  async subscribe(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('platformId', ParseUUIDPipe) platformId: string,
    @Body() body: SubscribeBody,
  ): Promise<SubscriptionResponse> {
    return toSubscriptionResponse(await this.platforms.subscribe(countyId, platformId, body.url, body.eventTypes), 'admin');
  }

  @Get(':platformId/subscriptions')
  @ApiOkResponse({ type: [SubscriptionResponse] })
  async subscriptions(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('platformId', ParseUUIDPipe) platformId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubscriptionResponse[]> {
    return (await this.platforms.listSubscriptions(countyId, platformId)).map((subscription) => toSubscriptionResponse(subscription, principal.role));
  }

  @Delete(':platformId/subscriptions/:subscriptionId')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Deactivate a subscription (its pending deliveries stop)' })
  @ApiProblems(404)
  async unsubscribe(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('platformId', ParseUUIDPipe) platformId: string,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
  ): Promise<void> {
    await this.platforms.unsubscribe(countyId, platformId, subscriptionId);
  }
}
