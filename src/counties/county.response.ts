import { ApiProperty } from '@nestjs/swagger';
import { County } from './county.entity';

export class CountyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '西和县' }) name!: string;
  @ApiProperty({ nullable: true, example: 'Xihe County', type: String }) nameEn!: string | null;
  @ApiProperty({ example: '621225', description: '6-digit administrative division code' }) adminCode!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ example: 7, description: "plans may be requested for the county's local today up to this many days ahead" }) planningHorizonDays!: number;
  @ApiProperty({ example: 15, description: 'fen per parcel sorted at the county hub (charged to the consolidated plan)' }) hubSortFenPerParcel!: number;
  @ApiProperty({ example: 10, description: 'fen per parcel handed over at a township station (charged to the consolidated plan)' }) townshipHandoverFenPerParcel!: number;
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
    hubSortFenPerParcel: county.hubSortFenPerParcel,
    townshipHandoverFenPerParcel: county.townshipHandoverFenPerParcel,
    networkVersion: county.networkVersion,
  };
}
