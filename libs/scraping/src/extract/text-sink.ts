/** Whitespace that HTML collapses; the no-break space too, since it only matters to layout. */
const COLLAPSIBLE = /[ \t\n\r\f\u00a0]+/g;

/**
 * Assembles extracted text line by line: collapses whitespace in normal flow, keeps it in
 * preformatted text, turns block boundaries into line breaks (at most one blank line between
 * blocks) and never starts or ends a line with a space.
 */
export class TextSink {
  private readonly lines: string[] = [];
  private line = '';
  /** Whitespace (or a cell separator) seen since the last text, due before the next text on this line. */
  private gap = '';
  /** Line breaks a block boundary asked for before the next text: 0, 1, or 2 (a blank line). */
  private breaks = 0;

  /** Text in normal flow: runs of whitespace become one space, at a line's edges none. */
  text(data: string): void {
    const collapsed = data.replace(COLLAPSIBLE, ' ');
    if (collapsed === '') return;
    if (collapsed === ' ') {
      this.gap ||= ' ';
      return;
    }
    // Only the collapsed spaces are trimmed: other Unicode spaces (em, thin, narrow no-break) are text.
    const leading = collapsed.startsWith(' ');
    const trailing = collapsed.endsWith(' ');
    if (leading) this.gap ||= ' ';
    this.write(collapsed.slice(leading ? 1 : 0, trailing ? -1 : undefined));
    if (trailing) this.gap = ' ';
  }

  /** Text inside `<pre>` and kin: spaces kept, each newline ends a line. */
  preformatted(data: string): void {
    const parts = data.replace(/\r\n?/g, '\n').split('\n');
    parts.forEach((part, index) => {
      if (index > 0) this.lineBreak();
      if (part !== '') this.write(part);
    });
  }

  /** A block boundary: the next text starts on a new line, after a blank one if `count` is 2. */
  blockBoundary(count: 1 | 2): void {
    this.breaks = Math.max(this.breaks, count);
  }

  /** Between table cells of one row. */
  cellBoundary(): void {
    if (this.line !== '') this.gap = '\t';
  }

  /** `<br>` or a newline in preformatted text: ends the line, even an empty one. */
  lineBreak(): void {
    this.applyBreaks();
    this.lines.push(this.line.trimEnd());
    this.line = '';
    this.gap = '';
  }

  /** The text so far: lines trimmed at the end, no leading or trailing blank lines, none doubled. */
  result(): string {
    const all = this.line === '' ? this.lines : [...this.lines, this.line.trimEnd()];
    const kept: string[] = [];
    for (const line of all) {
      if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
      kept.push(line);
    }
    while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
    return kept.join('\n');
  }

  private write(text: string): void {
    this.applyBreaks();
    if (this.line !== '') this.line += this.gap;
    this.line += text;
    this.gap = '';
  }

  private applyBreaks(): void {
    if (this.breaks === 0) return;
    const breaks = this.breaks;
    this.breaks = 0;
    this.gap = '';
    if (this.line !== '') {
      this.lines.push(this.line.trimEnd());
      this.line = '';
    }
    if (breaks === 2 && this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }
}
