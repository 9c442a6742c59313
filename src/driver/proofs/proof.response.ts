import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DriverProof } from './driver-proof.entity';

export class ProofResponse {
  @ApiProperty() sha256!: string;
  @ApiProperty({ example: 'image/jpeg' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export function toProofResponse(proof: DriverProof): ProofResponse {
  return { sha256: proof.sha256, contentType: proof.contentType, sizeBytes: proof.sizeBytes, uploadedAt: proof.uploadedAt.toISOString() };
}

/** The file itself; content-addressed, so it never changes and may be kept. */
export function sendProofBytes(response: Response, { proof, bytes }: { proof: DriverProof; bytes: Buffer }): void {
  response.type(proof.contentType);
  response.setHeader('ETag', `"${proof.sha256}"`);
  response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
  response.send(bytes);
}
