import type { Element } from 'domhandler';
import { isTag, isText } from 'domhandler';

/** Text under these never shows; nor does it describe an image. */
export const INVISIBLE = new Set(['script', 'style', 'template', 'head', 'title', 'textarea', 'select', 'option']);

/** The `<img>` of the `<picture>` a `<source>` belongs to: it carries the alt text for all sources. */
export function pictureImage(source: Element): Element | undefined {
  const picture = source.parent;
  if (!picture || !isTag(picture)) return undefined;
  return picture.children.find((child): child is Element => isTag(child) && child.name === 'img');
}

/** An element's text, stopping once `limit` characters were gathered (a caption can hold a whole article). */
export function textWithin(element: Element, limit: number): string {
  let text = '';
  const stack = [...element.children].reverse();
  while (stack.length > 0 && text.length < limit) {
    const node = stack.pop()!;
    if (isText(node)) text += node.data;
    else if (isTag(node) && !INVISIBLE.has(node.name)) {
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]);
      if (node.name === 'br' || node.name === 'p' || node.name === 'div') text += ' ';
    }
  }
  return text;
}

export function collapse(value: string): string {
  return value.replace(/\s+/g, ' ');
}

export function clip(value: string, max: number): string {
  const collapsed = value.replace(/\s+/g, ' ').trim();
  return collapsed.length <= max ? collapsed : `${collapsed.slice(0, max - 1).trimEnd()}…`;
}

/** HTML's dimension attributes: leading digits count (`300`, `300px`, `300.5`); percentages do not. */
export function pixels(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^\s*(\d{1,6})(?:\.\d*)?\s*(?:px)?\s*$/i.exec(value);
  if (!match) return undefined;
  const number = Number(match[1]);
  return number > 0 ? number : undefined;
}
