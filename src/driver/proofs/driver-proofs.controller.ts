import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems } from '../../infra/errors/api-problems';
import { DriverPrincipal } from '../auth/access-tokens';
import { CurrentDriver, DriverApi } from '../auth/driver-auth.guard';
import { PROOF_CONTENT_TYPES, ProofsService } from './proofs.service';
import { ProofResponse, sendProofBytes, toProofResponse } from './proof.response';

@DriverApi('driver')
@Controller('v1/driver/proofs')
export class DriverProofsController {
  constructor(private readonly proofs: ProofsService) {}

  @Put(':sha256')
  @ApiOperation({ summary: 'Upload a proof photo or signature under the SHA-256 of its bytes; the same bytes again are a no-op (200)' })
  @ApiConsumes(...Object.keys(PROOF_CONTENT_TYPES))
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: ProofResponse, description: 'stored (200 when it was already)' })
  @ApiProblems(400, 401, 413, 415)
  async upload(
    @CurrentDriver() driver: DriverPrincipal,
    @Param('sha256') sha256: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProofResponse> {
    const { created, proof } = await this.proofs.upload(driver, sha256, contentType, body);
    response.status(created ? 201 : 200);
    return toProofResponse(proof);
  }

  @Get(':sha256')
  @ApiOperation({ summary: 'A proof this driver uploaded (to check an upload went through); another driver’s is 404' })
  @ApiProduces(...Object.keys(PROOF_CONTENT_TYPES))
  @ApiOkResponse({ description: 'the file' })
  @ApiProblems(400, 401, 404)
  async read(@CurrentDriver() driver: DriverPrincipal, @Param('sha256') sha256: string, @Res() response: Response): Promise<void> {
    sendProofBytes(response, await this.proofs.readOwn(driver, sha256));
  }
}
