import type { KeyObject } from 'node:crypto';
import type { JwtModuleOptions } from '@nestjs/jwt';

/** Claims of a driver's access token; `scp` is what it may do. */
export interface DriverAccessClaims {
  sub: string;
  /** county id */
  cty: string;
  /** device id (ours, not the app's) */
  dev: string;
  /** refresh-token family: the sign-in it comes from */
  fam: string;
  /** `driver`: the app; `sync`: a disabled device or driver, which may only send what it recorded before `snc` */
  scp: 'driver' | 'sync';
  /** for `sync`: epoch seconds after which recorded events are refused */
  snc?: number;
  iat: number;
  exp: number;
  /** the refresh token row it was issued with */
  jti: string;
  iss: string;
  aud: string;
}

/** Who is calling a driver endpoint, from a verified access token. */
export interface DriverPrincipal {
  driverId: string;
  countyId: string;
  deviceId: string;
  familyId: string;
  scope: 'driver' | 'sync';
  syncUntil: Date | null;
}

export const ACCESS_TOKEN_ISSUER = 'rural-dispatch';
export const ACCESS_TOKEN_AUDIENCE = 'rural-dispatch-driver';
/** Pinned: a token naming any other algorithm (none, RS256, HS512 ...) is refused before its signature is looked at. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/** The JWT settings of drivers' access tokens: the key, and on every check the algorithm, issuer and audience. */
export function accessTokenJwtOptions(key: KeyObject): JwtModuleOptions {
  return {
    secret: key,
    signOptions: { algorithm: ACCESS_TOKEN_ALGORITHM },
    verifyOptions: { algorithms: [ACCESS_TOKEN_ALGORITHM], issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE },
  };
}
