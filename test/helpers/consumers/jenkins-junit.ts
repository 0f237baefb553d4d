/**
 * A port of the Jenkins JUnit plugin's parser, for tests: SuiteResult.parse/parseSuite and the
 * CaseResult constructor, getError, getErrorMessage, isMarkedAsSkipped, isPassed and isFailed, in
 * src/main/java/hudson/tasks/junit/ of jenkinsci/junit-plugin at commit
 * c64aedde777764477e8a1885bcc8ae5d0b2eb29b. A <testsuite> counts when it has a <testcase> (or an
 * <error>) child, nested suites too; a case is skipped with a <skipped> child, else failed when it has
 * an <error> or a <failure> (Jenkins does not tell them apart in its counts), else passed.
 */
import { childNamed, childrenNamed, parseXml, type XmlElement } from "./xml-tree.js";

export interface JenkinsCase {
  suite: string;
  className: string;
  name: string;
  /** CaseResult.getFullDisplayName: className + "." + name */
  fullName: string;
  skipped: boolean;
  failed: boolean;
  passed: boolean;
  errorDetails?: string;
}

export function jenkinsCases(xml: string, fileName = "junit.xml"): JenkinsCase[] {
  const cases: JenkinsCase[] = [];
  const parseSuite = (root: XmlElement) => {
    for (const suite of childrenNamed(root, "testsuite")) parseSuite(suite);
    if (childNamed(root, "testcase") || childNamed(root, "error")) {
      const suiteName = root.attributes.name ?? `(${fileName})`;
      for (const testcase of childrenNamed(root, "testcase"))
        cases.push(caseResult(testcase, testcase.attributes.classname ?? root.attributes.name, suiteName));
    }
  };
  parseSuite(parseXml(xml));
  return cases;
}

function caseResult(testcase: XmlElement, classname: string | undefined, suite: string): JenkinsCase {
  let className = classname;
  let name = testcase.attributes.name;
  // "there's some odd-ball cases where testClassName is null but @name contains fully qualified name"
  if (className === undefined && name.includes(".")) {
    className = name.slice(0, name.lastIndexOf("."));
    name = name.slice(name.lastIndexOf(".") + 1);
  }
  const errorElement = childNamed(testcase, "error") ?? childNamed(testcase, "failure");
  const errorStackTrace = childNamed(testcase, "error")?.text ?? childNamed(testcase, "failure")?.text;
  const errorDetails = errorElement?.attributes.message;
  const skipped = childNamed(testcase, "skipped") !== undefined;
  const passed = !skipped && errorDetails === undefined && errorStackTrace === undefined;
  return {
    suite,
    className: className ?? "",
    name,
    fullName: `${className}.${name}`,
    skipped,
    failed: !passed && !skipped,
    passed,
    ...(errorDetails !== undefined ? { errorDetails } : {}),
  };
}
