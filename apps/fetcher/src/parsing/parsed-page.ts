import type { DiscoveredImage, OptOut, PageText, RobotsDirectiveOptions, TextOptions } from '@trawl/scraping';

/** What the parsing worker gets: the page's bytes as received, and what decoding them needs. */
export interface ParsePageInput {
  body: Uint8Array;
  /** The Content-Type header, for its charset; undefined when the server sent none. */
  contentType: string | undefined;
  /** The page's final URL, which relative image URLs resolve against. */
  url: string;
  /** How to read the page's opt-out `<meta>` tags; absent when opt-outs are not honoured. */
  optOuts?: RobotsDirectiveOptions;
  /** How the task wants its text cut; absent: full text, plain. */
  text?: TextOptions;
  /** False when the task does not collect images: none are looked for. */
  images?: boolean;
}

/** What the parsing worker returns. */
export interface ParsedPage extends PageText {
  charset: string;
  images: DiscoveredImage[];
  /** The page's `<meta name="robots">` and `<meta name="tdm-reservation">` opt-outs, when asked for. */
  optOuts?: OptOut[];
}
