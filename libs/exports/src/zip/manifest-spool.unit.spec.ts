import { text } from 'node:stream/consumers';
import { ManifestSpool } from './manifest-spool';

describe('ManifestSpool', () => {
  it('writes the manifest entry by entry and reads it back as one JSON document', async () => {
    const spool = await ManifestSpool.open({ format: 'zip', version: 1 });
    await spool.add({ name: 'a.txt' });
    await spool.add({ name: 'b.png' });
    expect(JSON.parse(await text(await spool.finish()))).toEqual({ format: 'zip', version: 1, files: [{ name: 'a.txt' }, { name: 'b.png' }] });
    await spool.remove();
  });

  // An export that fails at once removes its spool while the file may still be opening: the folder
  // went first, the open failed with ENOENT on a stream without a listener, and the process ended.
  it('can be removed at once, while its file may still be opening, without an uncaught error', async () => {
    for (let round = 0; round < 100; round += 1) {
      const spools = await Promise.all([0, 1, 2, 3].map(() => ManifestSpool.open({ round })));
      await Promise.all(spools.map((spool) => spool.remove()));
    }
    // Let any late stream event fire inside this test.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
