import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountiesModule } from '../counties/counties.module';
import { SESSION_RESOLVER } from '../infra/auth/principal';
import { ConsoleSessionController } from './console-session.controller';
import { OperatorSession } from './operator-session.entity';
import { OperatorUser } from './operator-user.entity';
import { OperatorUsersController } from './operator-users.controller';
import { OperatorSessionsService } from './operator-sessions.service';
import { OperatorUsersService } from './operator-users.service';

/** People who sign in to the console: their accounts and sessions (the guard resolves sessions through SESSION_RESOLVER). */
@Module({
  imports: [TypeOrmModule.forFeature([OperatorUser, OperatorSession]), CountiesModule],
  controllers: [ConsoleSessionController, OperatorUsersController],
  providers: [OperatorUsersService, OperatorSessionsService, { provide: SESSION_RESOLVER, useExisting: OperatorSessionsService }],
  exports: [OperatorUsersService, SESSION_RESOLVER],
})
export class OperatorsModule {}
