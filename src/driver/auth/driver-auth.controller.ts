import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../infra/auth/principal';
import { ApiProblems } from '../../infra/errors/api-problems';
import { DriverPrincipal } from './access-tokens';
import { DriverAccountsService } from './driver-accounts.service';
import { CurrentDriver, DriverToken, SyncAllowed } from './driver-auth.guard';
import { RefreshDto, SetPinWithCodeDto, SignInDto } from './driver-auth.dto';
import { DriverSessionsService } from './driver-sessions.service';
import { SignInCodesService } from './sign-in-codes.service';
import { TokenPairResponse } from './token-pair';

/** The phone app's way in: county code, phone and PIN (or a one-time code to set the PIN), then refresh. */
@ApiTags('driver')
@Public()
@Controller('v1/driver')
export class DriverAuthController {
  constructor(
    private readonly accounts: DriverAccountsService,
    private readonly codes: SignInCodesService,
    private readonly sessions: DriverSessionsService,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with the county code, phone and PIN: an access token and a refresh token bound to this device' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiProblems(400, 401, 403, 429)
  async signIn(@Body() body: SignInDto): Promise<TokenPairResponse> {
    const driver = await this.accounts.authenticate(body.county, body.phone, body.pin);
    return this.sessions.start(driver, body.device);
  }

  @Post('pin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the PIN with the one-time code the county centre sent, and sign in' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiProblems(400, 401, 403)
  async setPin(@Body() body: SetPinWithCodeDto): Promise<TokenPairResponse> {
    const driver = await this.codes.consume(body.county, body.phone, body.code);
    await this.accounts.writePin(driver, body.pin);
    return this.sessions.start(driver, body.device);
  }

  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new token pair for the refresh token (rotated on every use)',
    description: 'Retrying with the same refresh token within about 60 s returns the same new pair; later, a used refresh token revokes the device session.',
  })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiProblems(400, 401)
  refresh(@Body() body: RefreshDto): Promise<TokenPairResponse> {
    return this.sessions.refresh(body.refreshToken, body.deviceId);
  }

  @Post('sign-out')
  @HttpCode(204)
  @DriverToken()
  @SyncAllowed()
  @ApiOperation({ summary: "End this device's session: its refresh token stops working" })
  @ApiProblems(401)
  async signOut(@CurrentDriver() driver: DriverPrincipal): Promise<void> {
    await this.sessions.signOut(driver.familyId);
  }
}
