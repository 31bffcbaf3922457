import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIRED_NODE_MAJOR, exitUnlessSupportedNode, unsupportedNodeMessage } from './supported-node';

const ROOT = join(__dirname, '../../..');

describe('supported Node', () => {
  it('accepts the pinned major and refuses others with one line naming the version and how to get it', () => {
    expect(unsupportedNodeMessage('v24.21.0')).toBeNull();
    for (const version of ['v20.20.2', 'v22.1.0', 'v25.0.0']) {
      const message = unsupportedNodeMessage(version, 'dist/apps/relay/src/main.js')!;
      expect(message).not.toContain('\n');
      expect(message).toContain(`Node ${REQUIRED_NODE_MAJOR}, not ${version}`);
      expect(message).toContain('node_modules/.bin/node dist/apps/relay/src/main.js');
      expect(message).toContain('.nvmrc');
    }
  });

  it('exits with 1 and that line before anything else on the wrong Node', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      exitUnlessSupportedNode('v24.0.0', '/srv/trawl/dist/apps/trawl/src/main.js');
      expect(exit).not.toHaveBeenCalled();
      exitUnlessSupportedNode('v20.20.2', '/srv/trawl/dist/apps/trawl/src/main.js');
      expect(exit).toHaveBeenCalledWith(1);
      expect(write).toHaveBeenCalledWith(expect.stringMatching(/^trawl needs Node 24, not v20\.20\.2: .*node_modules\/\.bin\/node dist\/apps\/trawl\/src\/main\.js.*\n$/));
    } finally {
      exit.mockRestore();
      write.mockRestore();
    }
  });

  it('is the major that package.json (engines, the node devDependency) and .nvmrc pin', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: { node: string } };
    expect(pkg.engines.node).toBe(`>=${REQUIRED_NODE_MAJOR} <${REQUIRED_NODE_MAJOR + 1}`);
    expect(pkg.devDependencies.node.split('.')[0]).toBe(String(REQUIRED_NODE_MAJOR));
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe(String(REQUIRED_NODE_MAJOR));
  });
});
