import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CountiesService } from '../counties/counties.service';
import { County } from '../counties/county.entity';
import { csrfTokenFor, SESSION_COOKIE, sessionCookie, sessionTokenOf } from '../infra/auth/console-session-cookie';
import { Public } from '../infra/auth/principal';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { ApiProblems } from '../infra/errors/api-problems';
import { DomainError } from '../infra/errors/domain-error';
import { OperatorSession } from './operator-session.entity';
import { OperatorUser } from './operator-user.entity';
import { ConsoleSessionResponse, SignInBody, toOperatorUserResponse } from './operator-user.dto';
import { OperatorSessionsService } from './operator-sessions.service';
import { OperatorUsersService } from './operator-users.service';

/**
 * The console's way in: county code, username and password give an httpOnly SameSite=Strict session
 * cookie (Secure over https) and the session's CSRF token, which every write must send as X-CSRF-Token.
 */
@ApiTags('console session')
@ApiCookieAuth(SESSION_COOKIE)
@Controller('v1/console')
export class ConsoleSessionController {
  constructor(
    private readonly users: OperatorUsersService,
    private readonly sessions: OperatorSessionsService,
    private readonly counties: CountiesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in to the console: sets the session cookie; the answer carries the CSRF token' })
  @ApiOkResponse({ type: ConsoleSessionResponse })
  @ApiProblems(400, 401, 429)
  async signIn(@Body() body: SignInBody, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ConsoleSessionResponse> {
    const { user, county } = await this.users.authenticate(body.county, body.username, body.password, response);
    const { token, session } = await this.sessions.start(user);
    response.setHeader('Set-Cookie', sessionCookie(token, Math.round((session.expiresAt.getTime() - session.lastSeenAt.getTime()) / 1000), request.secure));
    response.setHeader('Cache-Control', 'no-store');
    return this.toResponse(token, session, user, county);
  }

  @Get('session')
  @ApiOperation({ summary: "Who is signed in, and the session's CSRF token (for a page loaded again)" })
  @ApiOkResponse({ type: ConsoleSessionResponse })
  @ApiProblems(401)
  async current(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ConsoleSessionResponse> {
    const token = sessionTokenOf(request.headers.cookie);
    const session = token && !request.headers.authorization ? await this.sessions.find(token) : null;
    if (!token || !session) throw new DomainError('unauthenticated', 'no console session: sign in at POST /v1/console/sign-in (an API key has no session)');
    response.setHeader('Cache-Control', 'no-store');
    return this.toResponse(token, session, session.user, await this.counties.get(session.user.countyId));
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session everywhere and clear its cookie' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403)
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = sessionTokenOf(request.headers.cookie);
    if (token) await this.sessions.end(token);
    response.setHeader('Set-Cookie', sessionCookie('', 0, request.secure));
  }

  private toResponse(token: string, session: OperatorSession, user: OperatorUser, county: County): ConsoleSessionResponse {
    return {
      user: toOperatorUserResponse(user),
      county: { id: county.id, name: county.name, adminCode: county.adminCode, timeZone: county.timeZone },
      csrfToken: csrfTokenFor(token),
      expiresAt: session.expiresAt.toISOString(),
      idleTimeoutS: this.sessions.idleS,
      map: this.config.consoleMap,
    };
  }
}
