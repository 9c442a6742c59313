import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { CountiesService } from '../../counties/counties.service';
import { DriversService } from '../../fleet/drivers.service';
import { Clock } from '../../infra/clock/clock';
import { FAILURE_REASONS } from '../events/driver-event-types';
import { DELIVERY_PROOF_RULES, DeliveryProofRule } from '../proofs/proof-policy.entity';
import { ProofPolicyService } from '../proofs/proof-policy.service';
import { DriverPrincipal } from './access-tokens';
import { CurrentDriver, DriverApi } from './driver-auth.guard';

export class DriverProfileResponse {
  @ApiProperty() driver!: { id: string; name: string; phone: string };
  @ApiProperty() county!: { id: string; name: string; adminCode: string; timeZone: string; today: string };
  @ApiProperty() device!: { id: string };
  @ApiProperty({ enum: DELIVERY_PROOF_RULES, description: 'when a delivered event must carry proof' }) deliveryProof!: DeliveryProofRule;
  @ApiProperty({ type: [String], description: 'the reasonCode values of a failed event' }) failureReasons!: string[];
  @ApiProperty({ format: 'date-time', description: "the server's clock: the phone may show how far off its own is" }) serverTime!: string;
}

@DriverApi('driver')
@Controller('v1/driver/me')
export class DriverProfileController {
  constructor(
    private readonly drivers: DriversService,
    private readonly counties: CountiesService,
    private readonly policy: ProofPolicyService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who is signed in, the county (its date today), its proof rule and the failure reasons' })
  @ApiOkResponse({ type: DriverProfileResponse })
  async get(@CurrentDriver() principal: DriverPrincipal): Promise<DriverProfileResponse> {
    const driver = await this.drivers.get(principal.countyId, principal.driverId);
    const county = await this.counties.get(principal.countyId);
    return {
      driver: { id: driver.id, name: driver.name, phone: driver.phone },
      county: { id: county.id, name: county.name, adminCode: county.adminCode, timeZone: county.timeZone, today: this.clock.today(county.timeZone) },
      device: { id: principal.deviceId },
      deliveryProof: await this.policy.rule(principal.countyId),
      failureReasons: [...FAILURE_REASONS],
      serverTime: this.clock.now().toISOString(),
    };
  }
}
