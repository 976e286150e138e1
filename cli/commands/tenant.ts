import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { officerProblem } from '../../lib/contact';
import { masterKey } from '../../lib/data-dir';
import { SecretBox } from '../../lib/secrets';
import { siteUrlProblem } from '../../lib/site-url';
import { openStore } from '../../store/open-store';
import { createTenant, registerSecurityOfficer } from '../../domain/tenants';
import { validateCallbackUrl } from '../../workers/webhook-sender';
import { openExistingStore } from './with-store';
import { CliError, printJson, usage } from '../output';

const cliActor = { type: 'cli' as const, id: null, name: process.env.USER ?? 'cli', ip: null };

export function registerTenant(program: Command): void {
  const tenant = program.command('tenant').description('customer sites');

  tenant
    .command('create')
    .description('create a customer site; prints {"id","apiKey","webhookSecret"}')
    .requiredOption('--name <name>', 'display name')
    .option('--callback-url <url>', 'webhook URL for outcomes (omit to poll)')
    .option('--site-url <url>', "the site's address, e.g. https://blog.example.cn; ingest `url` may then be a path such as /posts/1.html")
    .action(async (opts: { name: string; callbackUrl?: string; siteUrl?: string }) => {
      const config = loadConfig();
      if (!opts.name.trim() || opts.name.length > 200) throw usage('--name: must be 1–200 characters');
      if (opts.callbackUrl) {
        const problem = validateCallbackUrl(opts.callbackUrl, config.webhookAllowPrivate);
        if (problem) throw usage(`--callback-url: ${problem}`);
      }
      const siteProblem = opts.siteUrl === undefined ? null : siteUrlProblem(opts.siteUrl);
      if (siteProblem) throw usage(`--site-url: ${siteProblem}`);
      // Setting up a site is how an installation starts (CONTRACT §1, §10: commands migrate on start): it may create the store.
      const store = await openStore(config);
      try {
        printJson(
          await createTenant(store, new SecretBox(masterKey(config.dataDir)), opts.name.trim(), opts.callbackUrl ?? null, cliActor, opts.siteUrl ?? null),
        );
      } finally {
        await store.close();
      }
    });

  tenant
    .command('officer')
    .description("register the tenant's security officer (信息安全责任人, clauses 18–19)")
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--phone <phone>', 'mainland mobile or landline number')
    .requiredOption('--email <email>', 'e-mail address')
    .action(async (opts: { tenant: string; name: string; phone: string; email: string }) => {
      const problem = officerProblem(opts);
      if (problem) throw usage(`--${problem.field}: ${problem.message}`);
      const config = loadConfig();
      const store = await openExistingStore(config);
      try {
        if (!(await store.getTenant(opts.tenant))) throw new CliError(`tenant ${opts.tenant} not found`);
        const officer = await registerSecurityOfficer(store, opts.tenant, opts, cliActor);
        printJson({ tenantId: officer.tenantId, officer: { id: officer.id, name: officer.name, phone: officer.phone, email: officer.email }, complete: true });
      } finally {
        await store.close();
      }
    });
}
