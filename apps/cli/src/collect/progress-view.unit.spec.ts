import { Writable } from 'node:stream';
import { progressFigures, progressLine } from './progress-figures';
import { progressView } from './progress-view';
import { parseCollectArgs } from './collect-args';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  let written = '';
  const stream = new Writable({ write(chunk, _encoding, done) { written += String(chunk); done(); } }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(stream, { isTTY, columns: 160, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, text: () => written });
  return stream;
}

const batch = (done: number, total = 200) => ({
  id: 'b', status: 'running',
  counts: { tasks: { total, completed: done - 2 > 0 ? done - 2 : 0, failed: done > 1 ? 2 : 0, cancelled: 0 }, images: { found: done * 3, stored: done * 2, failed: 1 } },
});

describe('collect progress', () => {
  it('computes done, failures, rate and ETA from the batch counts', () => {
    const figures = progressFigures(batch(50), 10_000);
    expect(figures).toEqual({ done: 50, total: 200, imagesStored: 100, failures: 3, rate: 5, etaSeconds: 30 });
    expect(progressLine(figures)).toBe('50/200 URLs (25%), 100 images stored, 3 failures, 5.0 URLs/s, ETA 30s');
    expect(progressFigures(batch(0), 1000).etaSeconds).toBeNull();
  });

  it('draws a bar on a terminal', () => {
    const stream = fakeStream(true);
    const view = progressView(stream);
    view.update(progressFigures(batch(50), 10_000));
    view.update(progressFigures(batch(200), 20_000));
    view.stop();
    expect(stream.text()).toMatch(/collecting .*100% \| 200\/200 URLs \| 400 images \| 3 failed \| 10\.0 URLs\/s \| ETA 0s/);
  });

  it('prints one line every few seconds when stdout is not a terminal, and the last one at the end', () => {
    const stream = fakeStream(false);
    let now = 0;
    const view = progressView(stream, () => now, 5000);
    view.update(progressFigures(batch(10), 1000));
    now = 1000;
    view.update(progressFigures(batch(20), 2000));
    now = 6000;
    view.update(progressFigures(batch(30), 6000));
    view.stop();
    const lines = stream.text().trim().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['10/200', '30/200', '30/200']);
  });
});

describe('collect arguments', () => {
  it('reads the command line, with images by default and the private ranges as a list', () => {
    expect(parseCollectArgs(['urls.txt', '--text', '--images', '--out', 'd', '--allow-private', '127.0.0.0/8,::1/128', '--format', 'zip'])).toMatchObject({
      file: 'urls.txt', collect: ['text', 'images'], format: 'zip', out: 'd', server: null, allowPrivate: ['127.0.0.0/8', '::1/128'],
    });
    expect(parseCollectArgs(['u', '--out', 'd']).collect).toEqual(['images']);
    expect(parseCollectArgs(['--resume', 'b1', '--out', 'd', '--server', 'http://h:1/'])).toMatchObject({ file: null, resume: 'b1', server: 'http://h:1' });
  });

  it('names what is wrong', () => {
    expect(() => parseCollectArgs(['u'])).toThrow('--out');
    expect(() => parseCollectArgs(['u', '--out', 'd', '--format', 'csv'])).toThrow('--format');
    expect(() => parseCollectArgs(['--out', 'd'])).toThrow('--resume');
    expect(() => parseCollectArgs(['u', '--out', 'd', '--shard-size', '-1'])).toThrow('--shard-size');
  });
});
