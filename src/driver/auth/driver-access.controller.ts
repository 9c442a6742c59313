import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { Roles, WRITE_ROLES } from '../../infra/auth/principal';
import { Clock } from '../../infra/clock/clock';
import { ApiProblems } from '../../infra/errors/api-problems';
import { maskPhone } from '../../shipments/shipment.response';
import { AppAccessResponse, DeviceResponse, SignInCodeResponse, toAppAccessResponse, toDeviceResponse } from './driver-access.responses';
import { DriverAccountsService } from './driver-accounts.service';
import { EnabledDto, SetPinDto } from './driver-auth.dto';
import { DriverDevicesService } from './driver-devices.service';
import { SignInCodesService } from './sign-in-codes.service';

/** What the county centre does about a driver's app: the PIN, a one-time code, the on/off switch, the phones. */
@OperatorApi('driver access')
@Controller('v1/counties/:countyId/drivers/:driverId')
export class DriverAccessController {
  constructor(
    private readonly accounts: DriverAccountsService,
    private readonly codes: SignInCodesService,
    private readonly devices: DriverDevicesService,
    private readonly clock: Clock,
  ) {}

  @Put('pin')
  @HttpCode(204)
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: "Set the driver's PIN (also lifts a lockout); tell it to the driver in person" })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  async setPin(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('driverId', ParseUUIDPipe) driverId: string, @Body() body: SetPinDto): Promise<void> {
    await this.accounts.setPin(countyId, driverId, body.pin);
  }

  @Post('sign-in-code')
  @HttpCode(202)
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: 'Send the driver a one-time code (15 minutes) with which the app sets a PIN' })
  @ApiAcceptedResponse({ type: SignInCodeResponse })
  @ApiProblems(404)
  async sendCode(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('driverId', ParseUUIDPipe) driverId: string): Promise<SignInCodeResponse> {
    const { expiresAt } = await this.codes.issue(countyId, driverId);
    const { driver } = await this.accounts.account(countyId, driverId);
    return { expiresAt: expiresAt.toISOString(), sentTo: maskPhone(driver.phone) };
  }

  @Get('app-access')
  @ApiOkResponse({ type: AppAccessResponse })
  @ApiProblems(404)
  appAccess(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('driverId', ParseUUIDPipe) driverId: string): Promise<AppAccessResponse> {
    return this.accessOf(countyId, driverId);
  }

  @Patch('app-access')
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: "Turn the driver's app access off or on" })
  @ApiOkResponse({ type: AppAccessResponse })
  @ApiProblems(400, 404)
  async setAppAccess(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('driverId', ParseUUIDPipe) driverId: string, @Body() body: EnabledDto): Promise<AppAccessResponse> {
    await this.accounts.setEnabled(countyId, driverId, body.enabled);
    return this.accessOf(countyId, driverId);
  }

  @Get('devices')
  @ApiOkResponse({ type: [DeviceResponse] })
  @ApiProblems(404)
  async listDevices(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('driverId', ParseUUIDPipe) driverId: string): Promise<DeviceResponse[]> {
    return (await this.devices.list(countyId, driverId)).map(toDeviceResponse);
  }

  @Patch('devices/:deviceId')
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: 'Disable a phone (lost, replaced) or enable it again' })
  @ApiOkResponse({ type: DeviceResponse })
  @ApiProblems(400, 404)
  async setDevice(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('driverId', ParseUUIDPipe) driverId: string,
    @Param('deviceId', ParseUUIDPipe) deviceId: string,
    @Body() body: EnabledDto,
  ): Promise<DeviceResponse> {
    await this.devices.setEnabled(countyId, driverId, deviceId, body.enabled);
    const device = (await this.devices.list(countyId, driverId)).find((entry) => entry.id === deviceId)!;
    return toDeviceResponse(device);
  }

  private async accessOf(countyId: string, driverId: string): Promise<AppAccessResponse> {
    const { driver, account } = await this.accounts.account(countyId, driverId);
    return toAppAccessResponse(driver, account, this.clock.now(), this.accounts.disabledSince(driver, account));
  }
}
