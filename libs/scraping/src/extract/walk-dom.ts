import { isDocument, isTag, isText } from 'domhandler';
import type { AnyNode, Element, Text } from 'domhandler';

/** Callbacks for {@link walkDom}. */
export interface DomVisitor {
  /** Called on entering an element; return `false` to skip its subtree (and its `exit`). */
  enter?(element: Element): boolean | void;
  /** Called after the element's subtree has been visited. */
  exit?(element: Element): void;
  text?(node: Text): void;
}

/** A stack entry meaning: the element's subtree is done, its `exit` is due. */
class ExitMark {
  constructor(readonly element: Element) {}
}

/**
 * Visits a DOM tree depth-first in document order. Iterative, with an explicit stack, because
 * hostile or broken pages nest elements tens of thousands deep and recursion would overflow.
 * Comments, doctypes and CDATA sections are not reported.
 */
export function walkDom(root: AnyNode, visitor: DomVisitor): void {
  const stack: Array<AnyNode | ExitMark> = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item instanceof ExitMark) {
      visitor.exit?.(item.element);
    } else if (isText(item)) {
      visitor.text?.(item);
    } else if (isTag(item)) {
      if (visitor.enter?.(item) === false) continue;
      stack.push(new ExitMark(item));
      pushChildren(stack, item.children);
    } else if (isDocument(item)) {
      pushChildren(stack, item.children);
    }
  }
}

function pushChildren(stack: Array<AnyNode | ExitMark>, children: AnyNode[]): void {
  // Reversed, so that the first child is popped first.
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
}
