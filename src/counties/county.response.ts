import { ApiProperty } from '@nestjs/swagger';
import { County } from './county.entity';

export class CountyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '西和县' }) name!: string;
  @ApiProperty({ nullable: true, example: 'Xihe County', type: String }) nameEn!: string | null;
  @ApiProperty({ example: '621225', description: '6-digit administrative division code' }) adminCode!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ example: 7, description: "plans may be requested for the county's local today up to this many days ahead" }) planningHorizonDays!: number;
  @ApiProperty({ description: 'bumped by every change to nodes or roads' }) networkVersion!: number;
}

export function toCountyResponse(county: County): CountyResponse {
  return {
    id: county.id,
    name: county.name,
    nameEn: county.nameEn,
    adminCode: county.adminCode,
    timeZone: county.timeZone,
    planningHorizonDays: county.planningHorizonDays,
    networkVersion: county.networkVersion,
  };
}
