import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OperatorApi } from '../infra/auth/operator-api.decorator';
import { Roles } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { OperatorAction } from './operator-action.entity';
import { OperatorActionsService } from './operator-actions.service';

export class OperatorActionsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ format: 'uuid', description: "one console account's actions only" })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class OperatorActionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'user:0b6f…', description: '`user:<userId>` for a person, the key id for an API key' }) actor!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) userId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) apiKeyId!: string | null;
  @ApiProperty({ example: 'dispatcher' }) role!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/v1/counties/:countyId/plans/:planId/publish' }) route!: string;
  @ApiProperty({ type: Object, example: { countyId: '…', planId: '…' } }) params!: Record<string, string>;
  @ApiProperty({ example: 200, description: 'the status answered (a refused change is recorded too)' }) status!: number;
  @ApiProperty() at!: string;
}

const toOperatorActionResponse = (action: OperatorAction): OperatorActionResponse => ({
  id: action.id,
  actor: action.actor,
  userId: action.userId,
  apiKeyId: action.apiKeyId,
  role: action.role,
  method: action.method,
  route: action.route,
  params: action.params,
  status: action.status,
  at: action.at.toISOString(),
});

/** Who changed what: every write of a console account or an operator key; admins only. */
@OperatorApi('operator accounts')
@ApiProblems(400)
@Roles('admin')
@Controller('v1/counties/:countyId/operator-actions')
export class OperatorActionsController {
  constructor(private readonly actions: OperatorActionsService) {}

  @Get()
  @ApiOperation({ summary: 'The changes asked of the API by people and operator keys, newest first' })
  @ApiOkResponse({ type: [OperatorActionResponse] })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string, @Query() query: OperatorActionsQuery): Promise<OperatorActionResponse[]> {
    return (await this.actions.list(countyId, query.limit ?? 100, query.userId)).map(toOperatorActionResponse);
  }
}
