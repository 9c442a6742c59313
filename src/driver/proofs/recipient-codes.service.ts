import { Injectable } from '@nestjs/common';
import { TokenKeysService } from '../auth/token-keys.service';

/**
 * The recipient's one-time code for a shipment: six digits derived from the shipment id under the
 * server's secret, so nothing is stored and every process agrees. The county centre (or the platform,
 * through it) gives it to the recipient; the driver types what the recipient says as proof of delivery.
 */
@Injectable()
export class RecipientCodesService {
  constructor(private readonly keys: TokenKeysService) {}

  async codeFor(shipmentId: string): Promise<string> {
    const digest = await this.keys.keyedHash('recipient-code', shipmentId);
    return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }
}
