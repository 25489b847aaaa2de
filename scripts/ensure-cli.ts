// `npx tsx scripts/ensure-cli.ts`: resolves (or builds) the Temporal CLI exactly as `npm start`
// does and prints its path on stdout, so CI warms the same cache the launcher and tests read.
import { BinaryNotFoundError, resolveTemporalCli } from './temporal-cli';

try {
  const { path } = await resolveTemporalCli({ env: process.env, log: (line) => console.error(line) });
  console.log(path);
} catch (error) {
  if (!(error instanceof BinaryNotFoundError)) throw error;
  console.error(error.message);
  process.exit(1);
}
