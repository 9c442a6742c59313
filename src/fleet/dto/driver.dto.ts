import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsPhoneNumberText } from '../../infra/validation/phone-number';
import { NODE_CODE } from '../../infra/validation/input-rules';

export class UpdateDriverDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({
    example: '138 0000 1234',
    description:
      'digits, spaces or dashes allowed, +86 / 0086 or another country prefix optional; stored and returned in E.164 (+8613800001234); unique in the county; never logged',
  })
  @IsOptional()
  @IsPhoneNumberText()
  phone?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'assigned vehicle id; null to unassign' })
  @IsOptional()
  @IsUUID()
  vehicleId?: string | null;

  @ApiPropertyOptional({ description: 'assigned vehicle code, instead of vehicleId' })
  @IsOptional()
  @Length(1, 32)
  vehicleCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  homeNodeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(NODE_CODE)
  @Length(1, 32)
  homeNodeCode?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateDriverDto extends UpdateDriverDto {
  @ApiProperty({ maxLength: 100 })
  declare name: string;

  @ApiProperty({ example: '13800001234' })
  declare phone: string;
}
