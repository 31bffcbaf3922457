import type { Element, Text } from 'domhandler';
import { isTag } from 'domhandler';
import { INVISIBLE, clip, collapse, pictureImage, pixels, textWithin } from './image-context-text';

/** What the page says about an image: the text half of an image–text pair. Fields are absent when the page says nothing. */
export interface ImageTextContext {
  /** The `alt` text; `""` when the page marked the image decorative (`alt=""`). */
  alt?: string;
  title?: string;
  /** The `<figcaption>` of the `<figure>` the image is in. */
  caption?: string;
  /** The nearest heading (h1–h6) before the image in document order. */
  heading?: string;
  /** Up to CONTEXT_WINDOW_CHARS of the page's text around the image, half before and half after. */
  nearbyText?: string;
  /** Declared `width` / `height` attributes in CSS pixels (not the file's own size). */
  width?: number;
  height?: number;
}

export const CONTEXT_WINDOW_CHARS = 300;
const MAX_ATTRIBUTE_CHARS = 500;
const MAX_CAPTION_CHARS = 1000;
const MAX_HEADING_CHARS = 300;
/** How far up an image's ancestors a `<figure>` is looked for (hostile pages nest thousands deep). */
const MAX_FIGURE_DEPTH = 12;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that break text apart: their text must not run into the neighbours' in a window. */
const BREAKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'section', 'article',
  'aside', 'header', 'footer', 'nav', 'main', 'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'caption', 'hr', 'img', 'picture',
]);
/** Where a reference comes from a visible image element that can carry these texts. */
const CONTEXT_VIAS = new Set(['img-src', 'srcset', 'picture-source', 'data-src', 'data-srcset', 'data-original', 'data-lazy-src', 'data-lazy-srcset', 'input-image', 'video-poster', 'svg-image']);

/**
 * Collects image–text context during the one walk that discovers images: it follows the document's
 * visible text (for the windows around images) and its headings, and reads an image element's own
 * attributes and its figure's caption when asked. Linear in the page: text is appended once, and
 * the windows are cut from it after the walk.
 */
export class ImageContextCollector {
  private readonly chunks: string[] = [];
  private readonly chunkStarts: number[] = [];
  private textLength = 0;
  private hiddenDepth = 0;
  /** A block boundary or whitespace was passed: the next text is separated from the last by a space. */
  private pendingBreak = false;
  private heading: string | undefined;
  private readonly captions = new Map<Element, string | undefined>();
  private readonly pending: Array<{ context: ImageTextContext; at: number }> = [];
  private last: { element: Element; context: ImageTextContext } | undefined;

  /** Call on entering each element (and exit on leaving it), in document order. */
  enter(element: Element): void {
    if (INVISIBLE.has(element.name)) this.hiddenDepth += 1;
    else if (BREAKS.has(element.name)) this.pendingBreak = true;
  }

  exit(element: Element): void {
    if (INVISIBLE.has(element.name)) this.hiddenDepth -= 1;
    else if (BREAKS.has(element.name)) this.pendingBreak = true;
    if (HEADINGS.has(element.name)) this.heading = clip(textWithin(element, MAX_HEADING_CHARS * 2), MAX_HEADING_CHARS) || this.heading;
  }

  text(node: Text): void {
    if (this.hiddenDepth > 0) return;
    // Indentation between tags is most of a page's text nodes: one pending space stands for it.
    if (node.data.trim() === '') {
      this.pendingBreak = true;
      return;
    }
    if (this.pendingBreak) this.append(' ');
    this.pendingBreak = false;
    this.append(node.data);
  }

  /** The context of an image found on `element` via `via`; undefined when there is none to give. */
  contextFor(element: Element, via: string): ImageTextContext | undefined {
    if (!CONTEXT_VIAS.has(via)) return undefined;
    // An <img> with src and srcset yields several references: one context serves them all.
    if (this.last?.element === element) return this.last.context;
    const described = element.name === 'source' ? (pictureImage(element) ?? element) : element;
    const attrs = described.attribs;
    const context: ImageTextContext = {};
    if (attrs.alt !== undefined) context.alt = clip(attrs.alt, MAX_ATTRIBUTE_CHARS);
    if (attrs.title !== undefined && attrs.title.trim() !== '') context.title = clip(attrs.title, MAX_ATTRIBUTE_CHARS);
    const caption = this.captionOf(described);
    if (caption) context.caption = caption;
    if (this.heading) context.heading = this.heading;
    const width = pixels(attrs.width);
    const height = pixels(attrs.height);
    if (width !== undefined) context.width = width;
    if (height !== undefined) context.height = height;
    this.pending.push({ context, at: this.textLength });
    this.last = { element, context };
    return context;
  }

  /** Fills in the text windows once the whole page's text is known. */
  finish(): void {
    const half = CONTEXT_WINDOW_CHARS / 2;
    // Raw slices generous enough for the indentation of real markup, collapsed, then cut to size.
    const reach = half * 3;
    for (const { context, at } of this.pending) {
      const before = collapse(this.slice(at - reach, at)).slice(-half);
      const after = collapse(this.slice(at, at + reach)).slice(0, half);
      const window = collapse(`${before}${after}`).trim();
      if (window !== '') context.nearbyText = window;
    }
  }

  /**
   * Raw text, kept as the chunks it came in: whitespace is collapsed only in the windows, and the page's
   * text is never joined (joining tens of thousands of small strings cost more than the whole walk).
   */
  private append(text: string): void {
    this.chunks.push(text);
    this.chunkStarts.push(this.textLength);
    this.textLength += text.length;
  }

  /** The text from `start` to `end` (clamped), from the chunks that hold it. */
  private slice(start: number, end: number): string {
    const from = Math.max(0, start);
    const to = Math.min(this.textLength, end);
    if (to <= from) return '';
    let low = 0;
    let high = this.chunkStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.chunkStarts[middle] <= from) low = middle;
      else high = middle - 1;
    }
    let text = '';
    for (let index = low; index < this.chunks.length && this.chunkStarts[index] < to; index += 1) {
      const chunkStart = this.chunkStarts[index];
      text += this.chunks[index].slice(Math.max(0, from - chunkStart), to - chunkStart);
    }
    return text;
  }

  private captionOf(element: Element): string | undefined {
    let node = element.parent;
    for (let depth = 0; node && isTag(node) && depth < MAX_FIGURE_DEPTH; depth += 1, node = node.parent) {
      if (node.name !== 'figure') continue;
      if (!this.captions.has(node)) {
        const figcaption = node.children.find((child): child is Element => isTag(child) && child.name === 'figcaption');
        this.captions.set(node, figcaption ? clip(textWithin(figcaption, MAX_CAPTION_CHARS * 2), MAX_CAPTION_CHARS) || undefined : undefined);
      }
      return this.captions.get(node);
    }
    return undefined;
  }
}
