import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { County } from '../../counties/county.entity';

/** When a delivery needs proof (a photo, a signature or the recipient's code): never, for cash on delivery, or always. */
export const DELIVERY_PROOF_RULES = ['never', 'cash_on_delivery', 'always'] as const;
export type DeliveryProofRule = (typeof DELIVERY_PROOF_RULES)[number];

/** A county's rule for proof of delivery; a county without a row asks for none. */
@Entity()
export class DriverProofPolicy {
  @PrimaryColumn({ type: 'uuid' })
  countyId!: string;

  @OneToOne(() => County, { onDelete: 'CASCADE' })
  @JoinColumn()
  county?: County;

  @Column({ type: 'varchar', length: 20, default: 'never' })
  delivered!: DeliveryProofRule;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
