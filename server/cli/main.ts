import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadConfig } from '../platform/config';
import { AGENCY_TYPES, ZCreateAgencyRequest, ZEmail, ROLES, type Role } from '../../common';
import { unsafeWithOwner } from '../platform/db';
import { checkpoint, verifyChain } from '../platform/audit';
import { loadAuditKey } from '../platform/crypto';
import { passwordProblem } from '../platform/auth';
import { openRuntime, DataDirBusyError } from '../runtime';
import { loadDemoData } from '../demo';
import { serve } from './serve';
import { issueEnrolmentLink } from '../modules/identity/commands/enrolment';
import { CliError, readStdin } from './io';
import { addScreeningCommands } from './screening';
import { addKeyCommands } from './keys';

function roleList(v: string): Role[] {
  const roles = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0) throw new InvalidArgumentError(`Unknown role(s) ${bad.join(', ') || '(none)'}. Roles: ${ROLES.join(', ')}.`);
  return roles as Role[];
}

async function withRuntime<T>(fn: (rt: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>, opts: { needAuditKey?: boolean } = {}): Promise<T> {
  const rt = await openRuntime(loadConfig(), opts);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

async function agencyId(rt: Awaited<ReturnType<typeof openRuntime>>, code: string): Promise<string> {
  const a = await rt.db.unsafeOwner.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirst();
  if (!a) throw new CliError(`No agency with the code "${code}". List them with the web app, or create it with: npx tansiq create-agency`);
  return a.id;
}

/** Builds the command tree. Exported for tests. */
export function program(): Command {
  const p = new Command('tansiq')
    .description('Tansiq (تنسيق): cross-border police cooperation.\nSettings come from the environment: PORT, TANSIQ_DATA_DIR, DATABASE_URL, TANSIQ_AUDIT_KEY_FILE, TANSIQ_MASTER_KEY_FILE.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  p.command('serve').description('Start the web application and API (migrates first; loads demo data on a first embedded start)').action(async () => serve(loadConfig()));

  p.command('migrate').description('Apply database migrations').action(async () => {
    await withRuntime(async () => process.stdout.write('Database is up to date.\n'));
  });

  p.command('create-agency')
    .description('Create an agency')
    .requiredOption('--code <code>', 'short code, e.g. dgsn')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--country <cc>', 'ISO 3166 two-letter country code')
    .requiredOption('--type <type>', `one of ${AGENCY_TYPES.join(', ')}`)
    .option('--languages <list>', 'working languages, comma-separated', 'en')
    .action(async (o: { code: string; name: string; country: string; type: string; languages: string }) => {
      const parsed = ZCreateAgencyRequest.safeParse({ ...o, languages: o.languages.split(',').map((s) => s.trim()) });
      if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
      const a = parsed.data;
      await withRuntime(async (rt) => {
        const id = await unsafeWithOwner(rt.db, 'cli', async (ctx) => {
          if (await ctx.tx.selectFrom('agencies').select('id').where('code', '=', a.code).executeTakeFirst()) throw new CliError(`An agency with the code "${a.code}" already exists.`);
          const row = await ctx.tx.insertInto('agencies').values(a).returning('id').executeTakeFirstOrThrow();
          ctx.audit({ action: 'agency.created', objectType: 'agency', objectId: row.id, subjectAgencyId: row.id, details: { code: a.code, type: a.type } });
          return row.id;
        });
        process.stdout.write(`Created agency ${a.code} (${id}). Issue its first administrator's link with: npx tansiq enrol-link --agency ${a.code} --email …\n`);
      });
    });

  p.command('create-user')
    .description('Create a user; the password is read from standard input')
    .requiredOption('--agency <code>', 'agency code')
    .requiredOption('--email <email>', 'e-mail address (the login)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--roles <list>', `comma-separated: ${ROLES.join(', ')}`, roleList)
    .action(async (o: { agency: string; email: string; name: string; roles: Role[] }) => {
      const email = ZEmail.safeParse(o.email);
      if (!email.success) throw new CliError(`--email: ${email.error.issues[0]?.message}`);
      const password = await readStdin('password');
      const problem = passwordProblem(password, email.data);
      if (problem) throw new CliError(`The password is not acceptable (${problem.replace('_', ' ')}): use at least 12 characters that are not a common password.`);
      await withRuntime(async (rt) => {
        const aid = await agencyId(rt, o.agency);
        const hash = await rt.deps.hasher.hash(password);
        const id = await unsafeWithOwner(rt.db, 'cli', async (ctx) => {
          if (await ctx.tx.selectFrom('users').select('id').where('email', '=', email.data).executeTakeFirst()) throw new CliError(`A user with the e-mail ${email.data} already exists.`);
          const row = await ctx.tx.insertInto('users').values({ agency_id: aid, email: email.data, display_name: o.name, roles: o.roles, password_hash: hash, password_changed_at: new Date() }).returning('id').executeTakeFirstOrThrow();
          ctx.audit({ action: 'user.created', objectType: 'user', objectId: row.id, subjectAgencyId: aid, details: { roles: o.roles } });
          return row.id;
        });
        process.stdout.write(`Created user ${email.data} (${id}) in ${o.agency}.\n`);
      });
    });

  p.command('enrol-link')
    .description("Issue a one-time enrolment link for an agency's first administrator")
    .requiredOption('--agency <code>', 'agency code')
    .requiredOption('--email <email>', 'e-mail address of the administrator')
    .option('--name <name>', 'display name')
    .action(async (o: { agency: string; email: string; name?: string }) => {
      const email = ZEmail.safeParse(o.email);
      if (!email.success) throw new CliError(`--email: ${email.error.issues[0]?.message}`);
      await withRuntime(async (rt) => {
        const aid = await agencyId(rt, o.agency);
        const link = await unsafeWithOwner(rt.db, 'cli', (ctx) => issueEnrolmentLink(ctx, rt.deps.config, { agencyId: aid, userId: null, email: email.data, displayName: o.name ?? null, roles: ['agency-admin'], purpose: 'first-admin' }));
        process.stdout.write(`${link.enrolmentUrl}\n(one use, valid until ${link.expiresAt})\n`);
      });
    });

  p.command('demo-data').description('Load the demo agencies, desks and users (never done silently on a production database)').action(async () => {
    await withRuntime(async (rt) => {
      const r = await loadDemoData(rt.deps);
      if (!r.created) process.stdout.write('Demo data is already loaded.\n');
      else process.stdout.write(`Loaded ${r.users} demo users. Password: ${r.password}\n`);
    });
  });

  const audit = p.command('audit').description('The tamper-evident audit trail');
  audit.command('verify').description('Check the hash chain and signed checkpoints; exit 0 when intact, 1 naming the first broken event').action(async () => {
    await withRuntime(async (rt) => {
      const key = rt.deps.auditKey ?? loadAuditKey(rt.deps.config.auditKeyFile, false);
      const r = await verifyChain(rt.db, key, rt.deps.config.auditKeyFile, (n) => process.stderr.write(`\rverified ${n} events`));
      process.stderr.write('\n');
      if (!r.ok) throw new CliError(`AUDIT TRAIL BROKEN at event ${r.problem?.seq}: ${r.problem?.reason}.`);
      process.stdout.write(`Audit trail intact: ${r.events} events, ${r.checkpoints} signed checkpoints.\n`);
    }, { needAuditKey: true });
  });
  audit.command('checkpoint').description('Sign the current chain head with the Ed25519 key (TANSIQ_AUDIT_KEY_FILE)').action(async () => {
    await withRuntime(async (rt) => {
      const key = rt.deps.auditKey ?? loadAuditKey(rt.deps.config.auditKeyFile, false);
      const r = await checkpoint(rt.db, key, rt.deps.config.auditKeyFile);
      if (!r) process.stdout.write('The audit trail is empty: nothing to sign.\n');
      else process.stdout.write(`${r.created ? 'Signed' : 'Already signed'}: event ${r.seq}, head ${r.hash.slice(0, 16)}…, key ${r.keyId}.\n`);
    }, { needAuditKey: true });
  });
  addScreeningCommands(p);
  addKeyCommands(p);
  return p;
}

/** Runs the CLI; prints errors as one clear line and sets a non-zero exit status. */
export async function main(argv: string[]): Promise<void> {
  const p = program();
  try {
    await p.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (e instanceof CliError || e instanceof DataDirBusyError) {
      process.stderr.write(`tansiq: ${e.message}\n`);
    } else {
      process.stderr.write(`tansiq: ${(e as Error).message}\n`);
    }
    process.exitCode = 1;
  }
}
