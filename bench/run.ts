/** A benchmark: takes the arguments after its name, returns its figures (printed here as JSON). */
type Benchmark = (args: readonly string[]) => Promise<Record<string, unknown>>;

/**
 * `npm run bench -- <name> [args]` runs one benchmark; without a name, every one in turn.
 * Each is imported only when it runs, so a bench never loads another's dependencies.
 */
const BENCHES: Record<string, () => Promise<Benchmark>> = {
  'team-formation': async () => (await import('./team-formation.js')).runTeamFormationBenchmark,
  fanout: async () => (await import('./fanout.js')).runFanoutBenchmark,
  digest: async () => (await import('./digest.js')).runDigestBenchmark,
  turns: async () => (await import('./turns.js')).runTurnsBenchmark,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name !== undefined && !(name in BENCHES)) {
    process.stderr.write(`Unknown bench "${name}". Benches: ${Object.keys(BENCHES).join(', ')}\n`);
    return 64;
  }
  for (const bench of name === undefined ? Object.keys(BENCHES) : [name]) {
    const run = await BENCHES[bench]!();
    const figures = await run(args);
    process.stdout.write(`${JSON.stringify({ bench, ...figures })}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
