import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { OperatorApi } from '../infra/auth/operator-api.decorator';
import { Roles } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { CreateOperatorUserBody, OperatorUserResponse, toOperatorUserResponse, UpdateOperatorUserBody } from './operator-user.dto';
import { OperatorUsersService } from './operator-users.service';

/** The people who sign in to the console; admins only. */
@OperatorApi('operator accounts')
@ApiProblems(400)
@Roles('admin')
@Controller('v1/counties/:countyId/users')
export class OperatorUsersController {
  constructor(private readonly users: OperatorUsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a console account (username unique in the county)' })
  @ApiCreatedResponse({ type: OperatorUserResponse })
  @ApiProblems(409)
  async create(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: CreateOperatorUserBody): Promise<OperatorUserResponse> {
    return toOperatorUserResponse(await this.users.create(countyId, body));
  }

  @Get()
  @ApiOkResponse({ type: [OperatorUserResponse] })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<OperatorUserResponse[]> {
    return (await this.users.list(countyId)).map(toOperatorUserResponse);
  }

  @Patch(':userId')
  @ApiOperation({ summary: "Change a display name, role or password, or disable the account; a new password, role or disabling ends the account's sessions" })
  @ApiOkResponse({ type: OperatorUserResponse })
  @ApiProblems(404)
  async update(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: UpdateOperatorUserBody,
  ): Promise<OperatorUserResponse> {
    return toOperatorUserResponse(await this.users.update(countyId, userId, body));
  }
}
