import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CountiesService } from '../counties/counties.service';
import { OperatorUserRole } from '../operators/operator-user.entity';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../operators/operator-user.dto';
import { OperatorUsersService } from '../operators/operator-users.service';
import { CliIo } from './cli-io';
import { CliUsageError } from './cli-usage-error';
import { withServiceContext } from './service-context';

export interface UserCreateFlags {
  county: string;
  username: string;
  displayName?: string;
  role: OperatorUserRole;
  passwordStdin?: boolean;
}

/** Where the password may come from: never argv, which lands in shell history and `ps`. */
export const PASSWORD_ENV = 'CONSOLE_USER_PASSWORD';

/**
 * `user create`: a console account. The password comes from standard input (--password-stdin, first
 * line), from CONSOLE_USER_PASSWORD, or from a prompt on a terminal that does not echo it.
 */
export async function runUserCreate(flags: UserCreateFlags, io: CliIo): Promise<number> {
  const password = await readPassword(flags, io);
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new CliUsageError(`the password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, got ${password.length}`);
  }
  return withServiceContext(async (app) => {
    const county = await app.get(CountiesService).findByAdminCode(flags.county);
    if (!county) throw new CliUsageError(`no county with code ${flags.county}; create it with \`county create --county ${flags.county}\``);
    const user = await app.get(OperatorUsersService).create(county.id, { username: flags.username, displayName: flags.displayName ?? flags.username, role: flags.role, password });
    io.stdout(`created ${user.role} account ${user.username} (${user.displayName}) for ${county.name} ${county.adminCode}, id ${user.id}\n`);
    io.stdout(`sign in at /console with county ${county.adminCode}, username ${user.username} and the password\n`);
    return 0;
  });
}

async function readPassword(flags: UserCreateFlags, io: CliIo): Promise<string> {
  if (flags.passwordStdin) return (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  const fromEnv = process.env[PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new CliUsageError(`no password: pipe it with --password-stdin, or set ${PASSWORD_ENV}`);
  return promptHidden('password: ');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) =>
    reader.question('', (answer) => {
      reader.close();
      process.stderr.write('\n');
      resolve(answer);
    }),
  );
}
