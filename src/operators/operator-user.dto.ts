import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OPERATOR_USER_ROLES, OperatorUser, OperatorUserRole } from './operator-user.entity';
import { USERNAME_PATTERN, USERNAME_RULE } from './username';

/** Long enough that a guess per 15 minutes (the sign-in lock) gets nowhere; no composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateOperatorUserBody {
  @ApiProperty({ example: 'wang.li', description: USERNAME_RULE })
  @Transform(lowerCase)
  @IsString()
  @Matches(USERNAME_PATTERN, { message: `username ${USERNAME_RULE}` })
  username!: string;

  @ApiProperty({ example: '王丽' }) @IsString() @Length(1, 100) displayName!: string;
  @ApiProperty({ enum: OPERATOR_USER_ROLES }) @IsIn(OPERATOR_USER_ROLES) role!: OperatorUserRole;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: 'only its argon2id hash is stored' })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` })
  password!: string;
}

export class UpdateOperatorUserBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) displayName?: string;
  @ApiPropertyOptional({ enum: OPERATOR_USER_ROLES }) @IsOptional() @IsIn(OPERATOR_USER_ROLES) role?: OperatorUserRole;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, description: "a new password; the account's sessions end" })
  @IsOptional()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` })
  password?: string;

  @ApiPropertyOptional({ description: 'true: the account cannot sign in and its sessions end; false: enabled again' }) @IsOptional() @IsBoolean() disabled?: boolean;
}

export class SignInBody {
  @ApiProperty({ example: '621225', description: "the county's 6-digit administrative code" })
  @Matches(/^\d{6}$/, { message: 'county must be the 6-digit county code' })
  county!: string;

  @ApiProperty({ example: 'wang.li' }) @Transform(lowerCase) @IsString() @Length(1, 64) username!: string;
  @ApiProperty() @IsString() @Length(1, PASSWORD_MAX_LENGTH) password!: string;
}

export class OperatorUserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) countyId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: OPERATOR_USER_ROLES }) role!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) disabledAt!: string | null;
}

export const toOperatorUserResponse = (user: OperatorUser): OperatorUserResponse => ({
  id: user.id,
  countyId: user.countyId,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  createdAt: user.createdAt.toISOString(),
  disabledAt: user.disabledAt ? user.disabledAt.toISOString() : null,
});

class SessionCountyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '西和县' }) name!: string;
  @ApiProperty({ example: '621225' }) adminCode!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
}

export class ConsoleSessionResponse {
  @ApiProperty({ type: OperatorUserResponse }) user!: OperatorUserResponse;
  @ApiProperty({ type: SessionCountyResponse }) county!: SessionCountyResponse;
  @ApiProperty({ description: 'send it as X-CSRF-Token on every write made with the session cookie' }) csrfToken!: string;
  @ApiProperty({ description: 'the session ends at this instant whatever happens' }) expiresAt!: string;
  @ApiProperty({ description: 'and after this long without a request' }) idleTimeoutS!: number;
  @ApiProperty({ description: '{ tileUrl, tileAttribution }: the base map the deployment configured (CONSOLE_TILE_URL), or nulls' })
  map!: { tileUrl: string | null; tileAttribution: string | null };
}
