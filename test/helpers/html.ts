/** The class report parsed as a browser would (parse5 follows the WHATWG tree construction), for assertions. */
import { type DefaultTreeAdapterMap, parse } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
export type Element = DefaultTreeAdapterMap["element"];

export interface ParsedHtml {
  /** every element, in document order */
  elements: Element[];
  /** parse errors (codes), which a valid document has none of */
  errors: string[];
}

export function parseHtml(html: string): ParsedHtml {
  const errors: string[] = [];
  const document = parse(html, { onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`) });
  const elements: Element[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node) elements.push(node);
    const children = "content" in node && node.tagName === "template" ? node.content.childNodes : "childNodes" in node ? node.childNodes : [];
    for (const child of children) walk(child);
  };
  walk(document);
  return { elements, errors };
}

/** The text content of an element. */
export function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  return "childNodes" in node ? node.childNodes.map(textOf).join("") : "";
}

export const attr = (element: Element, name: string): string | undefined => element.attrs.find((a) => a.name === name)?.value;
export const byId = (parsed: ParsedHtml, id: string): Element | undefined => parsed.elements.find((e) => attr(e, "id") === id);
export const within = (root: Element, tag: string): Element[] => {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node && node.tagName === tag) found.push(node);
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
  };
  for (const child of root.childNodes) walk(child);
  return found;
};
