import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The import-boundary refusals ESLint gives `code` as if it were the file at `filePath`. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const COMMON = 'src/main/core/flows/common/probe.ts';
const LOGIN = 'src/main/core/flows/login/probe.ts';

// flows/common once imported the registration's refusal mapping (activation-resend.ts): the rule
// did not look at flows/common at all. Each journey and flows/common now stand on their own.
describe('flows import boundaries (ESLint)', () => {
  it('flows/common imports no journey, however the path is written', async () => {
    expect(
      await refusals(COMMON, "import { fromPortal } from '../registration/errors';\nexport const f = fromPortal;\n"),
    ).toEqual([expect.stringContaining('flows/common imports no journey')]);
    expect(
      await refusals(COMMON, "import { LoginFlow } from '../../flows/login/flow';\nexport const f = LoginFlow;\n"),
    ).toHaveLength(1);
  });

  it('a journey imports flows/common and its own folder only', async () => {
    const ok =
      "import { secondsUntil } from '../common/machine';\nimport { x } from './errors';\nexport const f = [secondsUntil, x];\n";
    expect(await refusals(LOGIN, ok)).toEqual([]);
    const other = "import { maskEmail } from '../registration/state';\nexport const f = maskEmail;\n";
    expect(await refusals(LOGIN, other)).toHaveLength(1);
  });

  it('flows/common may use the rest of the core', async () => {
    const core =
      "import type { Logger } from '../../logger';\nimport { fail } from '../../../../shared/result';\nexport type L = Logger;\nexport const f = fail;\n";
    expect(await refusals(COMMON, core)).toEqual([]);
  });
});
