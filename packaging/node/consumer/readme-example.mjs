// Runs the top-level README's Node example (its "## Node" section, the first js block, as
// written) against the installed package's MockServer: the example reads CAKE_BASE_URL and
// CAKE_API_KEY, as it says. Passes when it exits 0 and the mock served it the report.
//   node readme-example.mjs <README.md>
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { MockServer } from 'cake-sdk';

const readme = readFileSync(process.argv[2], 'utf8');
const section = readme.split(/^## /m).find((s) => s.startsWith('Node\n'));
const code = section && /```js\n([\s\S]*?)```/.exec(section)?.[1];
if (!code) throw new Error('README.md has no js block under "## Node"');
writeFileSync('readme-node-example.mjs', code);

const mock = await MockServer.start({ apiKey: 'readme-key', seed: 7 });
try {
  mock.seed({
    affiliates: [{ affiliate_name: 'New Media Group Inc', account_manager_id: 42 }],
    sub_affiliates: ['blog-east', 'social-west', 'newsletter'].map((name) => ({
      affiliate_id: 67890, sub_affiliate_name: name, payout: '5.00', payout_type: 'cpa',
    })),
  });
  const run = spawnSync(process.execPath, ['readme-node-example.mjs'], {
    encoding: 'utf8',
    env: { ...process.env, CAKE_BASE_URL: mock.url, CAKE_API_KEY: mock.apiKey },
    timeout: 60_000,
  });
  const reports = mock.requests().filter((r) => r.operation === 'sub_affiliate_report').length;
  console.log(`README Node example: exit ${run.status}, ${reports} report request(s) served by the mock`);
  if (run.status !== 0 || reports === 0) {
    console.error(run.stdout, run.stderr);
    process.exitCode = 1;
  }
} finally {
  await mock.stop();
}
