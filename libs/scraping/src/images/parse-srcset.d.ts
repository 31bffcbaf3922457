// parse-srcset ships no type declarations; this covers its single export.
declare module 'parse-srcset' {
  interface ImageCandidate {
    url: string;
    /** Width descriptor (`480w`). */
    w?: number;
    /** Pixel density descriptor (`2x`). */
    d?: number;
    /** Future-compatible height descriptor (`300h`). */
    h?: number;
  }
  /** The WHATWG "parse a srcset attribute" algorithm; invalid candidates are left out. */
  function parseSrcset(input: string): ImageCandidate[];
  export = parseSrcset;
}
