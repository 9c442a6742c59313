import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** The plan's revision the dispatcher read: an edit or publish made against an older one is refused (409 `stale_version`). */
export class ExpectedRevisionDto {
  @ApiPropertyOptional({ minimum: 0, example: 7, description: "the plan's `revision` as last read; when it has moved on (another edit), 409 stale_version and nothing is written" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  expectedRevision?: number;
}

export class MoveStopDto extends ExpectedRevisionDto {
  @ApiProperty({ format: 'uuid', description: 'the route of this plan the stop goes to (the same route moves it within its route); it must start at the same depot' })
  @IsUUID()
  toRouteId!: string;

  @ApiProperty({ minimum: 1, example: 2, description: "1-based place of the stop in the target route's new order" })
  @IsInt()
  @Min(1)
  @Max(10000)
  position!: number;
}

export class ReorderStopsDto extends ExpectedRevisionDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'every stop id of the route, each once, in the new order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  stopIds!: string[];
}
