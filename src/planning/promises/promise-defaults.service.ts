import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CountiesService } from '../../counties/counties.service';
import { validationFailed } from '../../infra/errors/domain-error';
import { PromiseDefault } from './promise-default.entity';
import { PromiseRuleDto } from './promise-defaults.dto';
import { DEFAULT_PROMISE_RULES, PromiseRule, ServiceLevel } from './promise-rules';

export interface CountyPromiseRule extends PromiseRule {
  source: 'county' | 'default';
}

/** The county's default promise per service level: its own rows over DEFAULT_PROMISE_RULES. */
@Injectable()
export class PromiseDefaultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counties: CountiesService,
  ) {}

  async list(countyId: string): Promise<CountyPromiseRule[]> {
    await this.counties.get(countyId);
    const own = await this.dataSource.getRepository(PromiseDefault).find({ where: { countyId } });
    return DEFAULT_PROMISE_RULES.map((fallback): CountyPromiseRule => {
      const row = own.find((candidate) => candidate.serviceLevel === fallback.serviceLevel);
      return row
        ? { serviceLevel: fallback.serviceLevel, daysAfterArrival: row.daysAfterArrival, dueTime: row.dueTime, cutoffTime: row.cutoffTime, source: 'county' }
        : { ...fallback, source: 'default' };
    });
  }

  /** Every level's rule, by level, for the planner. */
  async rulesByLevel(countyId: string): Promise<Map<string, PromiseRule>> {
    return new Map((await this.list(countyId)).map((rule) => [rule.serviceLevel, rule]));
  }

  /** Sets the listed levels in one transaction; a level listed twice is a 400 and nothing is written. */
  async set(countyId: string, rules: PromiseRuleDto[]): Promise<CountyPromiseRule[]> {
    await this.counties.get(countyId);
    const seen = new Set<ServiceLevel>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.serviceLevel))
        throw validationFailed(`service level ${rule.serviceLevel} is listed twice`, [{ field: `rules[${index}].serviceLevel`, message: 'listed twice' }]);
      seen.add(rule.serviceLevel);
    });
    await this.dataSource.transaction(async (manager) => {
      for (const rule of rules) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(PromiseDefault)
          .values({ countyId, serviceLevel: rule.serviceLevel, daysAfterArrival: rule.daysAfterArrival, dueTime: rule.dueTime, cutoffTime: rule.cutoffTime })
          .orUpdate(['days_after_arrival', 'due_time', 'cutoff_time', 'updated_at'], ['county_id', 'service_level'])
          .execute();
      }
    });
    return this.list(countyId);
  }
}
