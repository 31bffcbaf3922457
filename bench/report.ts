/** A target of issue 9: on the ratio to the peer, or on trawl's own value. */
export interface Target {
  on: 'ratio' | 'value';
  op: '>=' | '<';
  bound: number;
}

/** One measured figure of the bench. */
export interface Figure {
  name: string;
  unit: string;
  trawl: number;
  /** The figure trawl is compared with (a peer tool, or trawl with one fetcher); absent when there is none. */
  peer?: { name: string; value: number } | { name: string; missing: string };
  target?: Target;
  settings: string;
  /** A cost (e.g. CPU ms per page) rather than a rate: the ratio is then peer ÷ trawl, above 1 where trawl is cheaper. */
  lowerIsBetter?: boolean;
}

/** trawl ÷ peer (peer ÷ trawl for a cost), so that above 1 is trawl ahead; undefined without both values above zero. */
export function ratioOf(figure: Figure): number | undefined {
  if (!figure.peer || !('value' in figure.peer) || figure.peer.value <= 0) return undefined;
  if (figure.lowerIsBetter) return figure.trawl > 0 ? figure.peer.value / figure.trawl : undefined;
  return figure.trawl / figure.peer.value;
}

/** Whether the target holds: 'met', 'not met', or 'n/a' (no target, or its peer is missing). */
export function statusOf(figure: Figure): 'met' | 'not met' | 'n/a' {
  if (!figure.target) return 'n/a';
  const value = figure.target.on === 'ratio' ? ratioOf(figure) : figure.trawl;
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  const met = figure.target.op === '>=' ? value >= figure.target.bound : value < figure.target.bound;
  return met ? 'met' : 'not met';
}

/** 3 significant digits at most, no exponent: 0.372, 19.2, 186, 3512. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toFixed(decimals);
}

export function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  const op = target.op === '>=' ? '≥' : '<';
  return target.on === 'ratio' ? `${op} ${target.bound}×` : `${op} ${target.bound} ${unit}`;
}

function peerText(figure: Figure): string {
  if (!figure.peer) return '—';
  return 'value' in figure.peer ? `${figure.peer.name} ${formatNumber(figure.peer.value)} ${figure.unit}` : `${figure.peer.name}: ${figure.peer.missing}`;
}

function ratioText(figure: Figure): string {
  const ratio = ratioOf(figure);
  return ratio === undefined ? '—' : `${formatNumber(ratio)}×`;
}

/** The line printed as soon as a figure is measured. */
export function figureLine(figure: Figure): string {
  const target = figure.target ? `, target ${formatTarget(figure.target, figure.unit)}: ${statusOf(figure)}` : '';
  return `${figure.name}: trawl ${formatNumber(figure.trawl)} ${figure.unit} | ${peerText(figure)} | ratio ${ratioText(figure)}${target}`;
}

/** The closing table (Markdown, so that docs/benchmarks.md can quote it as printed). */
export function finalTable(figures: Figure[]): string {
  const rows = figures.map((f) =>
    [f.name, `${formatNumber(f.trawl)} ${f.unit}`, peerText(f), ratioText(f), formatTarget(f.target, f.unit) || '—', f.target ? statusOf(f) : '—'],
  );
  const header = ['figure', 'trawl', 'peer', 'ratio', 'target', 'status'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
