import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountiesModule } from '../counties/counties.module';
import { SESSION_RESOLVER } from '../infra/auth/principal';
import { ConsoleSessionController } from './console-session.controller';
import { OperatorAction } from './operator-action.entity';
import { OperatorActionsController } from './operator-actions.controller';
import { OperatorActionsGuard } from './operator-actions.guard';
import { OperatorActionsService } from './operator-actions.service';
import { OperatorSession } from './operator-session.entity';
import { OperatorUser } from './operator-user.entity';
import { OperatorUsersController } from './operator-users.controller';
import { OperatorSessionsService } from './operator-sessions.service';
import { OperatorUsersService } from './operator-users.service';

/**
 * People who sign in to the console: their accounts and sessions (the guard resolves sessions through
 * SESSION_RESOLVER), and the record of every change an operator asks of the API.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OperatorUser, OperatorSession, OperatorAction]), CountiesModule],
  controllers: [ConsoleSessionController, OperatorUsersController, OperatorActionsController],
  providers: [OperatorUsersService, OperatorSessionsService, OperatorActionsService, { provide: SESSION_RESOLVER, useExisting: OperatorSessionsService }, OperatorActionsGuard],
  exports: [OperatorUsersService, SESSION_RESOLVER, OperatorActionsGuard],
})
export class OperatorsModule {}
