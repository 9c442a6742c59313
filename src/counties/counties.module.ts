import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { API_KEY_RESOLVER } from '../infra/auth/principal';
import { ApiKey } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { CountiesController } from './counties.controller';
import { CountiesService } from './counties.service';
import { County } from './county.entity';

@Module({
  imports: [TypeOrmModule.forFeature([County, ApiKey])],
  controllers: [CountiesController, ApiKeysController],
  providers: [CountiesService, { provide: API_KEY_RESOLVER, useExisting: CountiesService }],
  exports: [CountiesService, API_KEY_RESOLVER],
})
export class CountiesModule {}
