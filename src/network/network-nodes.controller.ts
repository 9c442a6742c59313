import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { CreateNetworkNodeDto, UpdateNetworkNodeDto } from './dto/create-network-node.dto';
import { ListNetworkNodesQueryDto } from './dto/network-queries.dto';
import { NetworkNodePageResponse, NetworkNodeResponse, toNetworkNodeResponse } from './network-node.response';
import { NetworkNodesService } from './network-nodes.service';
import { NetworkQueryService } from './network-query.service';
import { OperatorApi } from '../infra/auth/operator-api.decorator';

@OperatorApi('network')
@Controller('v1/counties/:countyId/nodes')
export class NetworkNodesController {
  constructor(
    private readonly nodes: NetworkNodesService,
    private readonly query: NetworkQueryService,
  ) {}

  @Post()
  @Roles(...WRITE_ROLES)
  @ApiCreatedResponse({ type: NetworkNodeResponse })
  @ApiBadRequestResponse({ description: 'invalid field, coordinates out of range, or a parent of the wrong tier (problem+json)' })
  @ApiConflictResponse({ description: 'code already used, or a second county_hub' })
  async create(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: CreateNetworkNodeDto): Promise<NetworkNodeResponse> {
    return toNetworkNodeResponse(await this.nodes.create(countyId, body));
  }

  @Get()
  @ApiOkResponse({ type: NetworkNodePageResponse, description: 'ordered by code' })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string, @Query() query: ListNetworkNodesQueryDto): Promise<NetworkNodePageResponse> {
    const page = await this.query.listNodes(countyId, query);
    return { items: page.items.map(toNetworkNodeResponse), nextCursor: page.nextCursor };
  }

  @Get(':nodeId')
  @ApiOkResponse({ type: NetworkNodeResponse })
  @ApiNotFoundResponse({ description: 'no such node in the county' })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('nodeId', ParseUUIDPipe) nodeId: string): Promise<NetworkNodeResponse> {
    return toNetworkNodeResponse(await this.query.getNode(countyId, nodeId));
  }

  @Patch(':nodeId')
  @Roles(...WRITE_ROLES)
  @ApiOkResponse({ type: NetworkNodeResponse })
  @ApiBadRequestResponse({ description: 'invalid field or parent (problem+json)' })
  @ApiNotFoundResponse({ description: 'no such node in the county' })
  @ApiConflictResponse({ description: 'code already used in the county' })
  async update(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('nodeId', ParseUUIDPipe) nodeId: string,
    @Body() body: UpdateNetworkNodeDto,
  ): Promise<NetworkNodeResponse> {
    return toNetworkNodeResponse(await this.nodes.update(countyId, nodeId, body));
  }
}
