/**
 * JUnit XML for the tests: validation against test/schemas/junit.xsd with libxml2 (xmllint-wasm: the
 * real xmllint compiled to WebAssembly, so it runs offline on any Node without a native build), and a
 * parse into suites and cases with saxes to check what XSD 1.0 cannot: that the counts agree.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SaxesParser } from "saxes";
import { validateXML } from "xmllint-wasm";

const SCHEMA = readFileSync(new URL("../schemas/junit.xsd", import.meta.url), "utf8");

export interface JunitCase {
  name: string;
  classname: string;
  outcome: "pass" | "failure" | "error" | "skipped";
}
export interface JunitSuite {
  attributes: Record<string, string>;
  properties: Record<string, string>;
  cases: JunitCase[];
}
export interface Junit {
  attributes: Record<string, string>;
  suites: JunitSuite[];
}

/** Fails unless the document is valid against the schema. */
export async function assertValidJunit(xml: string, where: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: "junit.xml", contents: xml }], schema: [{ fileName: "junit.xsd", contents: SCHEMA }] });
  assert.ok(result.valid, `${where}: not valid against the JUnit schema:\n${result.errors.map((e) => e.rawMessage).join("\n")}`);
}

/**
 * Documents kept to be validated together: each run of xmllint starts a worker thread and compiles
 * libxml2's WebAssembly, about half a second of CPU, so a test file that checks dozens of reports
 * validates them in one run at its end. Errors name the document.
 */
export class JunitBatch {
  private readonly documents: { fileName: string; contents: string }[] = [];

  add(xml: string, where: string): void {
    this.documents.push({ fileName: `${this.documents.length}-${where.replace(/[^\w-]/g, "_")}.xml`, contents: xml });
  }

  get size(): number {
    return this.documents.length;
  }

  /** Fails unless every document added is valid against the schema. */
  async assertAllValid(): Promise<void> {
    if (this.documents.length === 0) return;
    const bytes = this.documents.reduce((total, document) => total + document.contents.length, 0);
    // 64 KiB pages: the documents, libxml2's trees of them, and room to spare.
    const maxMemoryPages = Math.min(65_536, 1024 + Math.ceil((bytes * 16) / 65_536));
    const result = await validateXML({ xml: this.documents, schema: [{ fileName: "junit.xsd", contents: SCHEMA }], maxMemoryPages });
    assert.ok(result.valid, `not valid against the JUnit schema:\n${result.errors.map((e) => e.rawMessage).join("\n")}`);
  }
}

/** Parses the document and checks every count against the test cases. */
export function parseJunit(xml: string, where: string): Junit {
  const parser = new SaxesParser();
  const junit: Junit = { attributes: {}, suites: [] };
  let suite: JunitSuite | undefined;
  let current: JunitCase | undefined;
  parser.on("opentag", (tag) => {
    const attributes = Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)]));
    if (tag.name === "testsuites") junit.attributes = attributes;
    else if (tag.name === "testsuite") {
      suite = { attributes, properties: {}, cases: [] };
      junit.suites.push(suite);
    } else if (tag.name === "property" && suite) suite.properties[attributes.name] = attributes.value;
    else if (tag.name === "testcase" && suite) {
      current = { name: attributes.name, classname: attributes.classname, outcome: "pass" };
      suite.cases.push(current);
    } else if ((tag.name === "failure" || tag.name === "error" || tag.name === "skipped") && current) current.outcome = tag.name;
  });
  parser.write(xml).close();
  const count = (cases: JunitCase[], outcome: JunitCase["outcome"]) => String(cases.filter((c) => c.outcome === outcome).length);
  for (const s of junit.suites) {
    assert.equal(s.attributes.tests, String(s.cases.length), `${where}: ${s.attributes.name} tests`);
    assert.equal(s.attributes.failures, count(s.cases, "failure"), `${where}: ${s.attributes.name} failures`);
    assert.equal(s.attributes.errors, count(s.cases, "error"), `${where}: ${s.attributes.name} errors`);
    assert.equal(s.attributes.skipped, count(s.cases, "skipped"), `${where}: ${s.attributes.name} skipped`);
  }
  const all = junit.suites.flatMap((s) => s.cases);
  assert.equal(junit.attributes.tests, String(all.length), `${where}: root tests`);
  assert.equal(junit.attributes.failures, count(all, "failure"), `${where}: root failures`);
  assert.equal(junit.attributes.errors, count(all, "error"), `${where}: root errors`);
  return junit;
}
