import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './compose-file';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

/** The Dockerfile's instructions per stage (continuation lines joined, comments dropped, ARGs before FROM applied). */
function readStages(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') {
      const [image, , name] = args.replace(/\$\{(\w+)\}/g, (_, arg: string) => globalArgs.get(arg) ?? '').split(/\s+/);
      stages.push({ name: name ?? String(stages.length), image, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [key, value] = args.split('=');
      globalArgs.set(key, value ?? '');
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** Static checks of the one image every role runs from, since no Docker engine is at hand to build it. */
describe('Dockerfile', () => {
  const stages = readStages(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const runtime = stages.at(-1)!;
  const all = (stage: Stage, keyword: string) => stage.instructions.filter((instruction) => instruction.keyword === keyword);
  const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('builds in stages, and the runtime stage keeps nothing of the build but dist/ and production modules', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const copiesFrom = all(runtime, 'COPY').map((copy) => /--from=(\S+)\s+(\S+)/.exec(copy.args)).filter((match) => match !== null);
    expect(copiesFrom.map((match) => match![2]).sort()).toEqual(['/app/dist', '/app/node_modules']);
    const modulesStage = stages.find((stage) => stage.name === copiesFrom.find((match) => match![2] === '/app/node_modules')![1])!;
    // Without devDependencies: the `node` package (a whole Node binary), jest, swc, TypeScript.
    expect(all(modulesStage, 'RUN').some((run) => /npm ci\b.*--omit=dev/.test(run.args))).toBe(true);
  });

  it('uses the Node the project pins: the major of .nvmrc and engines, the version of the node devDependency', () => {
    const major = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    for (const stage of stages) {
      const [, version] = /^node:(\d+(?:\.\d+\.\d+)?)(?:-[\w.-]+)?$/.exec(stage.image) ?? [];
      expect({ stage: stage.name, major: version?.split('.')[0] }).toEqual({ stage: stage.name, major });
      expect(version).toBe(packageJson.devDependencies.node);
    }
    expect(packageJson.engines.node).toBe(`>=${major} <${Number(major) + 1}`);
  });

  it('runs as an unprivileged user', () => {
    const user = all(runtime, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it('has a HEALTHCHECK against /health, on the port each kind of process serves it on', () => {
    const [healthcheck] = all(runtime, 'HEALTHCHECK');
    expect(healthcheck.args).toMatch(/\/health\b/);
    expect(healthcheck.args).toContain('TRAWL_HEALTH_PORT');
    expect(healthcheck.args).toContain('PORT');
  });

  it('starts the all-in-one entry by default, and any role by its command', () => {
    expect(all(runtime, 'ENTRYPOINT')[0].args).toBe('["node"]');
    const cmd = JSON.parse(all(runtime, 'CMD')[0].args) as string[];
    expect(cmd).toEqual(['dist/apps/trawl/src/main.js']);
    for (const role of ['trawl', 'api', 'relay', 'fetcher', 'projector', 'cli']) expect(existsSync(join(ROOT, `apps/${role}/src/main.ts`))).toBe(true);
  });

  it('builds with the build script, from files that exist and that .dockerignore lets into the context', () => {
    const build = stages.find((stage) => all(stage, 'RUN').some((run) => run.args === 'node scripts/build.mjs'));
    expect(build).toBeDefined();
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    const sources = stages.flatMap((stage) => all(stage, 'COPY')).filter((copy) => !copy.args.startsWith('--from')).flatMap((copy) => copy.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(['scripts/build.mjs', 'apps', 'libs', 'package-lock.json']));
    for (const source of sources) {
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: ignored.includes(source) || ignored.includes(source.split('/')[0]) }).toEqual({ source, ignored: false });
    }
    // Secrets, local state and the host's build output never enter the context.
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.git', 'node_modules', 'dist', 'data']));
  });
});
