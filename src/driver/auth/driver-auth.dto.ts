import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsPhoneNumberText } from '../../infra/validation/phone-number';
import { PIN_PATTERN, PIN_RULE } from './pin-hash';

export class DeviceDto {
  @ApiProperty({ example: '0b7c6a52-7d1e-4c55-9f0e-2f8f3c1d9a10', description: 'made by the app once at installation and kept; the refresh token is bound to it' })
  @IsString()
  @Length(8, 100)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'id may hold letters, digits and . _ : -' })
  id!: string;

  @ApiPropertyOptional({ example: '红米 Note 12', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ example: 'android 13', maxLength: 40 })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  platform?: string;
}

class DriverIdentityDto {
  @ApiProperty({ example: '621225', description: "the county's 6-digit administrative code: a phone number is unique only within a county" })
  @Matches(/^\d{6}$/, { message: 'county must be the 6-digit county code' })
  county!: string;

  @ApiProperty({ example: '138 0013 8001' })
  @IsPhoneNumberText()
  phone!: string;

  @ApiProperty({ type: DeviceDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DeviceDto)
  device!: DeviceDto;
}

export class SignInDto extends DriverIdentityDto {
  @ApiProperty({ example: '246810', description: `the driver's PIN; ${PIN_RULE}` })
  @Matches(PIN_PATTERN, { message: `pin ${PIN_RULE}` })
  pin!: string;
}

export class SetPinWithCodeDto extends SignInDto {
  @ApiProperty({ example: '123456', description: 'the one-time code the county centre had sent' })
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refresh token of the last sign-in or refresh' })
  @IsString()
  @Length(10, 200)
  refreshToken!: string;

  @ApiProperty({ description: "the app's own device id, the one given at sign-in" })
  @IsString()
  @Length(8, 100)
  deviceId!: string;
}

export class SetPinDto {
  @ApiProperty({ example: '246810', description: PIN_RULE })
  @Matches(PIN_PATTERN, { message: `pin ${PIN_RULE}` })
  pin!: string;
}

export class EnabledDto {
  @ApiProperty({ description: 'false: no sign-in and no runs from now on; what was recorded before still syncs' })
  @IsBoolean()
  enabled!: boolean;
}
