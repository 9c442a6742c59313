import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { Roles, WRITE_ROLES } from '../../infra/auth/principal';
import { ApiProblems } from '../../infra/errors/api-problems';
import { ShipmentsQueryService } from '../../shipments/shipments-query.service';
import { DELIVERY_PROOF_RULES, DeliveryProofRule } from './proof-policy.entity';
import { ProofPolicyService } from './proof-policy.service';
import { sendProofBytes } from './proof.response';
import { ProofsService } from './proofs.service';
import { RecipientCodesService } from './recipient-codes.service';

export class ProofPolicyDto {
  @ApiProperty({ enum: DELIVERY_PROOF_RULES, description: 'when a delivered event must carry proof: never, for parcels with cash on delivery, or always' })
  @IsIn(DELIVERY_PROOF_RULES)
  delivered!: DeliveryProofRule;
}

export class RecipientCodeResponse {
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ example: '042917', description: 'the recipient tells it to the driver at the door' }) code!: string;
}

/** The county centre's side of proof: the county's rule, the proofs themselves, and recipients' codes. */
@OperatorApi('driver proof')
@Controller('v1/counties/:countyId')
export class CountyProofsController {
  constructor(
    private readonly proofs: ProofsService,
    private readonly policy: ProofPolicyService,
    private readonly recipientCodes: RecipientCodesService,
    private readonly shipments: ShipmentsQueryService,
  ) {}

  @Get('driver-proof-policy')
  @ApiOkResponse({ type: ProofPolicyDto })
  async getPolicy(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<ProofPolicyDto> {
    return { delivered: await this.policy.rule(countyId) };
  }

  @Put('driver-proof-policy')
  @Roles(...WRITE_ROLES)
  @ApiOkResponse({ type: ProofPolicyDto })
  @ApiProblems(400)
  async setPolicy(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: ProofPolicyDto): Promise<ProofPolicyDto> {
    return { delivered: await this.policy.setRule(countyId, body.delivered) };
  }

  @Get('proofs/:sha256')
  @ApiOperation({ summary: "A proof photo or signature any of the county's drivers uploaded" })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiProblems(400, 404)
  async proof(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('sha256') sha256: string, @Res() response: Response): Promise<void> {
    sendProofBytes(response, await this.proofs.readInCounty(countyId, sha256));
  }

  @Get('shipments/:shipmentId/recipient-code')
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: "The recipient's one-time code for a shipment, to pass on to the recipient (by SMS, or through the platform)" })
  @ApiOkResponse({ type: RecipientCodeResponse })
  @ApiProblems(404)
  async recipientCode(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('shipmentId', ParseUUIDPipe) shipmentId: string): Promise<RecipientCodeResponse> {
    await this.shipments.get(countyId, shipmentId);
    return { shipmentId, code: await this.recipientCodes.codeFor(shipmentId) };
  }
}
