import type * as Linkedom from 'linkedom' with { 'resolution-mode': 'import' };

import { load } from 'cheerio';

// linkedom's types are published for its ESM build only; its CommonJS build is what we load.
const { DOMParser } = require('linkedom') as typeof Linkedom;

/**
 * The part of the DOM that main-content extraction uses, typed here because the project compiles
 * without TypeScript's `dom` library. linkedom implements it (and Readability expects it).
 */
export interface LightNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: LightElement | null;
  readonly childNodes: ArrayLike<LightNode>;
  readonly nextSibling: LightNode | null;
  readonly previousSibling: LightNode | null;
  textContent: string | null;
  remove(): void;
}

export interface LightElement extends LightNode {
  readonly tagName: string;
  readonly localName: string;
  readonly children: ArrayLike<LightElement>;
  readonly parentElement: LightElement | null;
  innerHTML: string;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): LightElement | null;
  querySelectorAll(selector: string): ArrayLike<LightElement>;
  appendChild(node: LightNode): LightNode;
  replaceWith(...nodes: LightNode[]): void;
}

export interface LightDocument {
  readonly documentElement: LightElement | null;
  readonly body: LightElement | null;
  readonly head: LightElement | null;
  readonly title: string;
  createElement(tagName: string): LightElement;
  querySelector(selector: string): LightElement | null;
  querySelectorAll(selector: string): ArrayLike<LightElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export const isElement = (node: LightNode): node is LightElement => node.nodeType === ELEMENT_NODE;

/**
 * A fresh, mutable DOM of the page (linkedom: about ten times lighter than jsdom, enough for
 * Readability). linkedom is not the HTML standard's parser: given text before `<html>` (a PHP
 * warning printed above the page) or no `<html>` at all, it builds an empty body. Such a page is
 * first normalised by parse5, which builds what a browser would.
 */
export function parseLightDom(html: string): LightDocument {
  const document = new DOMParser().parseFromString(html, 'text/html') as unknown as LightDocument;
  if ((document.body?.childNodes.length ?? 0) > 0 || !/<\/?[a-z]/i.test(html)) return document;
  const normalised = load(html).html();
  return new DOMParser().parseFromString(normalised, 'text/html') as unknown as LightDocument;
}
