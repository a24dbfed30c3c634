/**
 * The one way through the code (DESIGN.md "Layout and owners"): handlers -> actions -> store / domain, with the
 * edge beside the handlers and platform at the bottom. Every relative import and every package import of
 * functions/ is read from the source and checked against these rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const functionsDir = join(root, 'functions');

type Layer = 'domain' | 'platform' | 'store' | 'actions' | 'edge' | 'handlers';
const HANDLER_ROOMS = ['api', 'pages', 'workflow', 'notifications', 'auth'];

/** What each layer may import (besides itself). Handler rooms may not import one another. */
const mayImport: Record<Layer, Layer[]> = {
  domain: [],
  platform: ['domain'],
  store: ['domain', 'platform'],
  actions: ['domain', 'platform', 'store'],
  edge: ['domain', 'platform', 'store'],
  handlers: ['domain', 'platform', 'store', 'actions', 'edge'],
};

function layerOf(file: string): { layer: Layer; room: string } {
  const top = relative(functionsDir, file).split(/[\\/]/)[0];
  if (HANDLER_ROOMS.includes(top)) return { layer: 'handlers', room: top };
  if (['domain', 'platform', 'store', 'actions', 'edge'].includes(top)) return { layer: top as Layer, room: top };
  throw new Error(`${relative(root, file)} is in no layer: put it in one of functions/{domain,platform,store,actions,edge,${HANDLER_ROOMS.join(',')}}`);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]);
  return specifiers;
}

const files = sourcesUnder(functionsDir);
const rel = (file: string) => relative(root, file);

/** Every broken rule, as `file: what`. */
function violations(): string[] {
  const found: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const from = layerOf(file);
    if (from.layer === 'domain' && /\bprocess\.env\b/.test(source)) found.push(`${rel(file)}: the domain reads process.env`);
    for (const spec of importsOf(source)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(functionsDir + '/')) {
          found.push(`${rel(file)}: imports ${spec}, outside functions/${target.startsWith(join(root, 'infra')) ? ' (infra/)' : ''}`);
          continue;
        }
        const to = layerOf(target);
        if (to.room === from.room) continue;
        if (from.layer === 'handlers' && to.layer === 'handlers') found.push(`${rel(file)}: handler room ${from.room} imports handler room ${to.room} (${spec})`);
        else if (to.layer !== from.layer && !mayImport[from.layer].includes(to.layer)) found.push(`${rel(file)}: ${from.layer} imports ${to.layer} (${spec})`);
      } else {
        if (/^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/.test(spec) && from.layer !== 'store') found.push(`${rel(file)}: imports ${spec} outside functions/store`);
        if (from.layer === 'domain' && (/^@aws-sdk\//.test(spec) || /^(node:)?(fs|fs\/promises|net|http|https|child_process)$/.test(spec))) {
          found.push(`${rel(file)}: the domain imports ${spec} (I/O belongs in store, platform or the edge)`);
        }
      }
    }
  }
  return found;
}

describe('the layers of functions/', () => {
  it('are kept: the domain imports only itself and reads no environment, only the store reaches DynamoDB, nothing imports infra/, imports only go down', () => {
    expect(violations()).toEqual([]);
  });

  it('would catch a domain file that imports the store, reads the environment or reaches DynamoDB', () => {
    const domainFile = join(functionsDir, 'domain', 'example.ts');
    const check = (source: string) => {
      const from = layerOf(domainFile);
      const bad: string[] = [];
      if (/\bprocess\.env\b/.test(source)) bad.push('env');
      for (const spec of importsOf(source)) {
        if (spec.startsWith('.')) {
          const to = layerOf(resolve(dirname(domainFile), spec));
          if (to.layer !== from.layer && !mayImport[from.layer].includes(to.layer)) bad.push(spec);
        } else if (/^@aws-sdk\//.test(spec)) bad.push(spec);
      }
      return bad;
    };
    expect(check("import { loadRun } from '../store/runStore';")).toEqual(['../store/runStore']);
    expect(check('const table = process.env.RATIFY_TABLE;')).toEqual(['env']);
    expect(check("import { GetCommand } from '@aws-sdk/lib-dynamodb';")).toEqual(['@aws-sdk/lib-dynamodb']);
    expect(check("import { z } from 'zod';\nimport { isoDateSchema } from './calendar';")).toEqual([]);
  });
});

describe('pages and the domain', () => {
  // A page words a domain problem from its rule and values (functions/domain/errors.ts Problem), so rewording an
  // API message can never change or break what a form says.
  const readsWording = /\bmessage\s*\.\s*(startsWith|endsWith|includes|match|search)\s*\(|\.(exec|test)\(\s*(err\.)?message\b/;

  it('never read the wording of a domain message to decide what to say', () => {
    const offenders = sourcesUnder(join(functionsDir, 'pages')).filter((file) => readsWording.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('would catch a page that matches a message by its opening words or a pattern', () => {
    expect(readsWording.test("message.startsWith('is in the past')")).toBe(true);
    expect(readsWording.test('/^repeats signoffs\\.(\\d+)/.exec(message)')).toBe(true);
    expect(readsWording.test("p.rule === 'in-the-past'")).toBe(false);
  });
});
