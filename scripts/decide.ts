// `npm run decide -- <incident> <decision> --file payload.json`: a decision from the terminal for
// approvers who prefer one. It goes through the API with the user's token, so it is checked (role,
// pending, four eyes) and signed like a decision from the web page; the sender is the token's owner,
// never a `by` in the file.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { apiClient, apiSettings, CliError, EXIT, runCli } from './cli/api';

const USAGE = `usage: npm run decide -- <incident> <decision> [--file payload.json | --file -] [--token <token>] [--url <api url>]
  <incident>  the workflow id (the last part of the incident page's address)
  <decision>  e.g. reportFiled, planDecided, releaseApproved (GET /api/meta lists them with their fields)
  --file      the decision's fields as a JSON object; - reads standard input; none means {}
  --token     your API token (default: YUQING_API_TOKEN)
  --url       the API (default: YUQING_API_URL, else http://127.0.0.1:3000)`;

function readPayload(file: string | undefined): object {
  if (file === undefined) return {};
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, EXIT.usage);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON (${(error as Error).message})`, EXIT.usage);
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new CliError(`${file} must hold a JSON object of the decision's fields`, EXIT.usage);
  return payload;
}

await runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { file: { type: 'string', short: 'f' }, token: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, EXIT.usage);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new CliError(USAGE, EXIT.usage);
  const [incident, decision] = positionals as [string, string];
  const payload = readPayload(values.file);
  const api = apiClient(apiSettings(values));

  const answer = await api<{ decisionId: string; name: string; workflowId: string; outcome: 'applied' | 'pending' }>(
    'POST',
    `/api/incidents/${encodeURIComponent(incident)}/decisions/${encodeURIComponent(decision)}`,
    payload,
  );
  // a refusal by the workflow arrives as an API error above; `pending`: no worker answered in time
  const what = answer.outcome === 'applied' ? 'applied' : 'sent, verdict pending (see the incident\'s timeline)';
  console.log(`${what}: ${answer.name} to ${answer.workflowId}, signed by the API (decision id ${answer.decisionId})`);
  return EXIT.ok;
});
