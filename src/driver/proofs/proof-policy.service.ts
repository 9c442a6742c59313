import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DeliveryProofRule, DriverProofPolicy } from './proof-policy.entity';

/** The county's rule for proof of delivery, and what it asks of one parcel. */
@Injectable()
export class ProofPolicyService {
  constructor(@InjectRepository(DriverProofPolicy) private readonly policies: Repository<DriverProofPolicy>) {}

  async rule(countyId: string): Promise<DeliveryProofRule> {
    return (await this.policies.findOneBy({ countyId }))?.delivered ?? 'never';
  }

  async setRule(countyId: string, delivered: DeliveryProofRule): Promise<DeliveryProofRule> {
    await this.policies.upsert({ countyId, delivered }, ['countyId']);
    return delivered;
  }
}

export function deliveryNeedsProof(rule: DeliveryProofRule, cashOnDeliveryFen: number): boolean {
  return rule === 'always' || (rule === 'cash_on_delivery' && cashOnDeliveryFen > 0);
}
