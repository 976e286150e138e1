import type { Command } from 'commander';
import { cliActor } from '../../store/store';
import { incidentFlags } from '../../store/incident-clock';
import { CliError, printJson, usage } from '../../cli/output';
import { withStore } from '../../cli/commands/with-store';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function text(name: string, value: string, max: number): string {
  const v = value.trim();
  if (!v || [...v].length > max) throw usage(`--${name}: must be 1–${max} characters`);
  return v;
}

export function registerIncident(program: Command): void {
  const incident = program.command('incident').description('clause 17: security incidents and the 24-hour reporting clock');

  incident
    .command('open')
    .description('open an incident, hold the named items, start the 24-hour clock; prints {"id","openedAt","deadlineAt"}')
    .requiredOption('--title <text>', 'what happened')
    .option('--item <id>', 'an item to preserve under legal hold (repeatable)', collect, [])
    .option('--description <text>', 'more detail')
    .action(async (opts: { title: string; item: string[]; description?: string }) => {
      const title = text('title', opts.title, 200);
      const description = opts.description !== undefined ? text('description', opts.description, 5000) : null;
      await withStore(async (store) => {
        const inc = await store.openIncident({ title, description, itemIds: opts.item, actor: cliActor() });
        printJson({ id: inc.id, openedAt: inc.openedAt, deadlineAt: inc.deadlineAt, items: (await store.incidentItems(inc.id)).map((i) => i.itemId) });
      });
    });

  incident
    .command('list')
    .description('incidents, open first, with overdue/dueSoon flags')
    .option('--open', 'only open incidents')
    .action(async (opts: { open?: boolean }) => {
      await withStore(async (store) =>
        printJson({ incidents: (await store.listIncidents({ openOnly: !!opts.open })).map((i) => ({ ...i, ...incidentFlags(i) })) }),
      );
    });

  incident
    .command('show')
    .description('one incident with its items, timeline and alarms')
    .requiredOption('--id <id>', 'incident id')
    .action(async (opts: { id: string }) => {
      await withStore(async (store) => {
        const inc = await store.getIncident(opts.id);
        if (!inc) throw new CliError(`incident ${opts.id} not found`);
        printJson({
          ...inc,
          ...incidentFlags(inc),
          items: await store.incidentItems(inc.id),
          steps: await store.incidentSteps(inc.id),
          alarms: await store.incidentAlarms(inc.id),
        });
      });
    });

  incident
    .command('step')
    .description('add a step to the timeline')
    .requiredOption('--id <id>', 'incident id')
    .requiredOption('--text <text>', 'what was done')
    .action(async (opts: { id: string; text: string }) => {
      const t = text('text', opts.text, 5000);
      await withStore(async (store) => printJson(await store.addIncidentStep(opts.id, t, cliActor())));
    });

  incident
    .command('close')
    .description('close with the reference of the report made to the authorities')
    .requiredOption('--id <id>', 'incident id')
    .requiredOption('--reference <text>', "the authorities' report reference")
    .option('--summary <text>', 'closing summary')
    .action(async (opts: { id: string; reference: string; summary?: string }) => {
      const reference = text('reference', opts.reference, 200);
      const summary = opts.summary !== undefined ? text('summary', opts.summary, 5000) : null;
      await withStore(async (store) => printJson(await store.closeIncident(opts.id, reference, summary, cliActor())));
    });
}
