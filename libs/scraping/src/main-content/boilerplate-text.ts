import type { LightElement } from './light-dom';
import { textBlocks } from './text-blocks';

/**
 * Boilerplate told by its words, for what the markup does not mark: short blocks that are a comment
 * prompt, a "related" header, an advertisement label, a photo credit, or a bare date line. Only
 * short blocks: a paragraph that merely mentions a photo or a date is content.
 */
const MAX_CHARS = 100;
const PHRASES = new RegExp(
  [
    // comment sections and their forms
    String.raw`^(?:\d+\s+)?(?:kommentare?|kommentieren|comments?|leave a (?:comment|reply)|comment by|antworten|reply|responses?)\b`,
    String.raw`^(?:schreibe(?:n sie)? einen kommentar|hinterlasse einen kommentar|kommentar (?:verfassen|schreiben))\b`,
    String.raw`(?:musst|müssen|must be) (?:angemeldet|eingeloggt|logged in)|einloggen, um|e-mail-adresse wird nicht|email address will not`,
    // "related" headers
    String.raw`^(?:auch interessant|das könnte (?:dich|sie) auch interessieren|ähnliche beiträge|ähnliche artikel|verwandte artikel|verwandte beiträge|empfohlene beiträge|mehr zum thema|weitere (?:artikel|beiträge|informationen)|weiterführende links?|related(?: posts| articles| stories)?|you (?:may|might) also like|read (?:more|next)|lesen sie (?:auch|hier|mehr)|à lire aussi|lire aussi|leggi anche|te puede interesar|das thema könnte)\b`,
    // advertisement labels and affiliate notices
    String.raw`^[-–\s]*(?:anzeige|advertisement|werbung|sponsored|publicité|pubblicità)\b`,
    String.raw`für links auf dieser seite|affiliate links?|contains references to products`,
    // photo credits
    String.raw`^\(?(?:foto|fotos|photo|photos|bild|bilder|titelbild|beitragsbild|image|kuva|crédits? photos?|credits?|quelle|source|photograph)\s*(?::|by|via|von)`,
    String.raw`(?:shutterstock|getty images|istock|dpa|imago|picture alliance)(?:\.com)?\s*$`,
    // copyright lines, back links, paywall and closed-comment notices
    String.raw`^(?:©|copyright\b)|all rights reserved|alle rechte vorbehalten|tous droits réservés`,
    String.raw`^(?:zurück(?: zur übersicht)?|back to (?:top|overview)|nach oben)$`,
    String.raw`^(?:\(?noch keine bewertungen\)?|pour lire la suite|zum vergrößern (?:auf das bild )?klicken|kommentare sind geschlossen|comments are closed|den artikel mit anderen teilen|mehr aus der sendung|last modified\b)`,
    // share prompts, feedback widgets, endless scrolling
    String.raw`^(?:if you (?:enjoyed|liked) (?:reading )?this|we want to hear what you think|do you want to be informed|(?:sign up|subscribe) (?:for|to) our newsletter)`,
    String.raw`^(?:teilen|share|share this|diesen (?:artikel|beitrag) teilen|artikel teilen)\b|möchten sie (?:den|diesen) artikel teilen`,
    String.raw`^(?:war (?:der|dieser) (?:artikel|beitrag) (?:nützlich|hilfreich)|was this (?:article|post|page) helpful)|^(?:lade weitere inhalte|load more)\b|^no responses? (?:so far|yet)`,
  ].join('|'),
  'i',
);
const DATE_LINE =
  /^(?:[^\d]{0,40})\b(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4})\b(?:[^\d]{0,6}\d{1,2}[:.]\d{2}(?:\s*(?:uhr|am|pm))?)?[^\w]*$/i;

// Longer lines that blogs put under every post: filing notes and the spam filter's notice.
const MAX_POST_META_CHARS = 300;
const POST_META =
  /^(?:der beitrag wurde am|dieser (?:beitrag|eintrag) wurde am|erstellt am|this entry was posted|posted (?:in|on)|filed under)\b.*\b(?:abgelegt|unter|kategorie|categor|tagged|filed|kommentar|comment)|diese website verwendet akismet|this site uses akismet/i;

export function isBoilerplateText(text: string): boolean {
  if (text.length <= MAX_POST_META_CHARS && POST_META.test(text)) return true;
  if (text.length > MAX_CHARS) return false;
  return PHRASES.test(text) || DATE_LINE.test(text);
}

// A photo credit inside a caption: the caption is content, its credit line is not ("Kuva: X", "Photo by X/Reuters").
const CREDIT = /^\(?(?:©|\(c\)|(?:foto|fotos|photo|photos|bild|bilder|image|kuva|credits?|quelle|source|photograph|picture)\s*(?::|by\b|via\b|von\b|©))/i;
const CAPTIONS = 'figcaption, [class*="caption"]';
const CREDIT_NAMES = /author|credit|copyright|photographer|creator|source/i;

/** Removes the parts of captions that are only a photo credit. Returns how many. */
export function removeCaptionCredits(root: LightElement): number {
  let removed = 0;
  for (const caption of Array.from(root.querySelectorAll(CAPTIONS))) {
    for (const part of Array.from(caption.querySelectorAll('*'))) {
      const text = (part.textContent ?? '').replace(/\s+/g, ' ').trim();
      const names = `${part.getAttribute('class') ?? ''} ${part.getAttribute('itemprop') ?? ''}`;
      if (text.length > MAX_CHARS || !(CREDIT.test(text) || CREDIT_NAMES.test(names)) || !part.parentElement) continue;
      part.remove();
      removed++;
    }
  }
  return removed;
}

/** Removes the elements whose whole text is one boilerplate block, and photo credits in captions. Returns how many. */
export function removeBoilerplateText(root: LightElement): number {
  let removed = removeCaptionCredits(root);
  for (const block of textBlocks(root)) {
    if (!isBoilerplateText(block.text) || block.container === root) continue;
    if ((block.container.textContent ?? '').replace(/\s+/g, ' ').trim() !== block.text) continue;
    block.container.remove();
    removed++;
  }
  return removed;
}
