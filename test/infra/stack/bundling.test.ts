import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { FunctionDef } from '../../../infra/definitions/functions';
import { readDeployConfig } from '../../../infra/stack/config';
import { RatifyStack } from '../../../infra/stack/ratifyStack';
import { fixtureConfig, fixtureDefinition, fixtureFunctions, fixtureTable } from './support/fixtures';

// A real synthesis, bundles included: the local esbuild, no Docker.
describe('bundling the handlers', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'ratify-cdk-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const functions: FunctionDef[] = fixtureFunctions
    .filter((d) => d.kind === 'workflow')
    .map((d) => (d.id === 'ReconcileRun' ? { ...d, entry: 'functions/notifications/markUndeliverable.ts', sizing: { bundleFiles: ['workflows/routes'] } } : d));

  it('builds each function into a CommonJS bundle with its handler and the files it reads at run time', () => {
    const app = new App({ outdir });
    const config = readDeployConfig((k) => fixtureConfig[k as keyof typeof fixtureConfig]);
    new RatifyStack(app, 'Bundled', { config, functions, table: fixtureTable, definition: fixtureDefinition });
    app.synth();

    const assets = readdirSync(outdir).filter((f) => f.startsWith('asset.')).map((f) => join(outdir, f));
    expect(assets).toHaveLength(2);
    const withFiles = assets.filter((a) => existsSync(join(a, 'workflows', 'routes')));
    expect(withFiles).toHaveLength(1);
    expect(readdirSync(join(withFiles[0], 'workflows', 'routes')).some((f) => f.endsWith('.json'))).toBe(true);
    for (const asset of assets) {
      expect(existsSync(join(asset, 'index.js'))).toBe(true);
      // Loaded by plain Node, as Lambda does (not through the test transform).
      const script = `process.stdout.write(typeof require(${JSON.stringify(join(asset, 'index.js'))}).handler)`;
      expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('function');
    }
  });
});
