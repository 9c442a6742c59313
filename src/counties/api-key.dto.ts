import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { OPERATOR_ROLES, OperatorRole } from '../infra/auth/principal';
import { API_KEY_ROLES, ApiKey } from './api-key.entity';

export class CreateApiKeyBody {
  @ApiProperty({ example: 'hub scanner 2' }) @IsString() @Length(1, 100) name!: string;
  /** Platform keys come with their platform (POST .../platforms), never from here. */
  @ApiProperty({ enum: OPERATOR_ROLES }) @IsIn(OPERATOR_ROLES) role!: OperatorRole;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_KEY_ROLES }) role!: string;
  @ApiProperty({ example: 'rdk_Ab12Cd34', description: 'first characters, to tell keys apart' }) keyPrefix!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'the key itself: shown this once, never stored' }) secret!: string;
}

export const toApiKeyResponse = (key: ApiKey): ApiKeyResponse => ({
  id: key.id,
  name: key.name,
  role: key.role,
  keyPrefix: key.keyPrefix,
  createdAt: key.createdAt.toISOString(),
  revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
});
