import parseSrcset = require('parse-srcset');

/**
 * The URLs of a `srcset` value, in order, per the WHATWG algorithm: commas inside a URL are part
 * of it (`a,b.jpg 1x` is one URL), while candidates with invalid descriptors are dropped, as a
 * browser drops them.
 */
export function srcsetUrls(value: string): string[] {
  // parse-srcset reports each invalid descriptor with console.log. Hostile pages must not be able
  // to write into the worker's log, so it is muted for this one synchronous call.
  const log = console.log;
  console.log = () => undefined;
  try {
    return parseSrcset(value).map((candidate) => candidate.url);
  } finally {
    console.log = log;
  }
}
