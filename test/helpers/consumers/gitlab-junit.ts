/**
 * A port of GitLab's JUnit parser, for tests: lib/gitlab/ci/parsers/test/junit.rb of GitLab (read from
 * the gitlabhq/gitlabhq mirror at commit 028d8ac9fdde17782cc002563ecd7c5f77ea699f). What a merge request's
 * test report shows: every <testcase> under one top-level <testsuites> and the <testsuite>s in it (nested
 * ones too), each with its suite's name; its status is "failed" when it has a <failure> child, else
 * "error" with an <error>, else "skipped" with a <skipped>, else "success". GitLab reads no points.
 */
import { childrenNamed, parseXml, type XmlElement } from "./xml-tree.js";

export type GitlabStatus = "failed" | "error" | "skipped" | "success";
export interface GitlabCase {
  suite: string;
  classname?: string;
  name?: string;
  status: GitlabStatus;
}

export function gitlabTestCases(xml: string): GitlabCase[] {
  const root = parseXml(xml);
  const found: GitlabCase[] = [];
  // all_cases: the root may be <testsuites> (one only) or a <testsuite>; cases are read only under a suite.
  const walk = (node: XmlElement, parent: boolean) => {
    if (parent) {
      for (const testcase of childrenNamed(node, "testcase")) found.push(caseOf(testcase, node.attributes.name));
    }
    for (const suite of childrenNamed(node, "testsuite")) walk(suite, true);
  };
  if (root.name === "testsuites") walk(root, true);
  else if (root.name === "testsuite") walk(root, true);
  return found;
}

function caseOf(testcase: XmlElement, suite: string): GitlabCase {
  const has = (name: string) => childrenNamed(testcase, name).length > 0;
  const status: GitlabStatus = has("failure") ? "failed" : has("error") ? "error" : has("skipped") ? "skipped" : "success";
  return { suite, classname: testcase.attributes.classname, name: testcase.attributes.name, status };
}

/** The counts of the test report's summary (Gitlab::Ci::Reports::TestSuite: total and one per status). */
export function gitlabSummary(cases: readonly GitlabCase[]): Record<GitlabStatus | "total", number> {
  const counts = { total: cases.length, failed: 0, error: 0, skipped: 0, success: 0 };
  for (const c of cases) counts[c.status]++;
  return counts;
}
