/* Runs every benchmark in turn; pass names to run only some (`npm run bench -- filter`). */
interface BenchModule {
  name: string;
  run(): Promise<string>;
}

const modules: Array<() => BenchModule> = [
  // Each benchmark registers itself here.
  () => require('./classifier') as BenchModule,
  () => require('./filter') as BenchModule,
  () => require('./review') as BenchModule,
  () => require('./ingest') as BenchModule,
  () => require('./images') as BenchModule,
  () => require('./backtest') as BenchModule,
  () => require('./learning') as BenchModule,
  () => require('./scale-out') as BenchModule,
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const load of modules) {
    const mod = load();
    if (only.length && !only.includes(mod.name)) continue;
    process.stderr.write(`bench: ${mod.name}…\n`);
    process.stdout.write(`${await mod.run()}\n\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
