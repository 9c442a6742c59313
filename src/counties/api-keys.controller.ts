import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { ApiKeyResponse, CreateApiKeyBody, CreatedApiKeyResponse, toApiKeyResponse } from './api-key.dto';
import { CountiesService } from './counties.service';

/** Operator keys of one county; admins only. */
@ApiTags('api keys')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Roles('admin')
@Controller('v1/counties/:countyId/api-keys')
export class ApiKeysController {
  constructor(private readonly counties: CountiesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a key; the secret is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  async create(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: CreateApiKeyBody): Promise<CreatedApiKeyResponse> {
    const { key, secret } = await this.counties.createApiKey(countyId, body.name, body.role);
    return { ...toApiKeyResponse(key), secret };
  }

  @Get()
  @ApiOkResponse({ type: [ApiKeyResponse] })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<ApiKeyResponse[]> {
    return (await this.counties.listApiKeys(countyId)).map(toApiKeyResponse);
  }

  @Delete(':keyId')
  @ApiOperation({ summary: 'Revoke a key (it stops working at once)' })
  @ApiOkResponse({ type: ApiKeyResponse })
  @ApiProblems(404)
  async revoke(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('keyId', ParseUUIDPipe) keyId: string): Promise<ApiKeyResponse> {
    return toApiKeyResponse(await this.counties.revokeApiKey(countyId, keyId));
  }
}
