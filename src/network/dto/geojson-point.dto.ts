import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber } from 'class-validator';

/** A GeoJSON Point; the range of longitude and latitude is checked by the service (see field-checks.ts). */
export class GeoJsonPointDto {
  @ApiProperty({ enum: ['Point'] })
  @IsIn(['Point'])
  type!: 'Point';

  @ApiProperty({ type: [Number], minItems: 2, maxItems: 2, example: [105.72, 34.05], description: '[longitude, latitude], WGS 84' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  coordinates!: number[];
}
