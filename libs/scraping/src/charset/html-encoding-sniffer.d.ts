// html-encoding-sniffer ships no type declarations; this covers the one function we call.
declare module 'html-encoding-sniffer' {
  interface SniffOptions {
    /** Label from the transport layer (the HTTP Content-Type charset); overrides all but a BOM. */
    transportLayerEncodingLabel?: string;
    /** Fallback when nothing else decides; defaults to windows-1252 for HTML. */
    defaultEncoding?: string;
    /** How many bytes the `<meta>` prescan looks at; defaults to 1024. */
    maxPrescanBytes?: number;
    xml?: boolean;
  }
  /** Returns the canonical WHATWG encoding name (e.g. `UTF-8`, `windows-1250`). */
  function htmlEncodingSniffer(bytes: Uint8Array, options?: SniffOptions): string;
  export = htmlEncodingSniffer;
}
