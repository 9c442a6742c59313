import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../infra/config/app-config';
import { Clock } from '../../infra/clock/clock';
import { DomainError } from '../../infra/errors/domain-error';
import { accessTokenJwtOptions, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, DriverAccessClaims, DriverPrincipal } from './access-tokens';
import { TokenKeysService } from './token-keys.service';

export type AccessTokenSubject = Pick<DriverAccessClaims, 'sub' | 'cty' | 'dev' | 'fam' | 'scp' | 'snc' | 'jti'>;

/**
 * Signs and checks drivers' access tokens (JWT, HS256 and nothing else). Signing is deterministic:
 * the same subject at the same `issuedAt` gives the same token, which is how a lost refresh answer
 * is given again byte for byte. Times come from the Clock, on both sides.
 */
@Injectable()
export class AccessTokensService {
  private jwt?: Promise<JwtService>;

  constructor(
    private readonly keys: TokenKeysService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sign(subject: AccessTokenSubject, issuedAt: Date): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const exp = iat + this.config.driverApp.accessTokenTtlS;
    // Fixed key order: the JSON, hence the token, depends only on the values.
    const claims: DriverAccessClaims = {
      sub: subject.sub,
      cty: subject.cty,
      dev: subject.dev,
      fam: subject.fam,
      scp: subject.scp,
      ...(subject.snc === undefined ? {} : { snc: subject.snc }),
      jti: subject.jti,
      iss: ACCESS_TOKEN_ISSUER,
      aud: ACCESS_TOKEN_AUDIENCE,
      iat,
      exp,
    };
    const token = (await this.service()).sign(claims);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** One JWT service with the key and the pinned algorithm, issuer and audience, made once the key is loaded. */
  private service(): Promise<JwtService> {
    this.jwt ??= this.keys.signingKey().then((key) => new JwtService(accessTokenJwtOptions(key)));
    return this.jwt;
  }

  /** The caller, or 401 for anything but an unexpired HS256 token of ours with every claim in place. */
  async verify(token: string): Promise<DriverPrincipal> {
    let claims: DriverAccessClaims;
    try {
      claims = (await this.service()).verify<DriverAccessClaims>(token, { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch (error) {
      const reason = (error as Error).name === 'TokenExpiredError' ? 'the access token has expired; refresh it' : 'the access token is not valid';
      throw new DomainError('unauthenticated', reason);
    }
    if (typeof claims.sub !== 'string' || typeof claims.cty !== 'string' || typeof claims.dev !== 'string' || typeof claims.fam !== 'string') {
      throw new DomainError('unauthenticated', 'the access token is not valid');
    }
    if (claims.scp !== 'driver' && claims.scp !== 'sync') throw new DomainError('unauthenticated', 'the access token is not valid');
    return {
      driverId: claims.sub,
      countyId: claims.cty,
      deviceId: claims.dev,
      familyId: claims.fam,
      scope: claims.scp,
      syncUntil: typeof claims.snc === 'number' ? new Date(claims.snc * 1000) : null,
    };
  }
}
