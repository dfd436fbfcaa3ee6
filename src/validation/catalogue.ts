import { RuleInfo } from './rules';
import { SERVER_RULES } from '../server/server-rules';
import { ACTIVITY_RULES, STATE_MACHINE_RULES } from '../stepfunctions/state-machine-rules';
import { USER_RULES } from '../user/user-rules';

/** A rule table as the catalogue sees it. */
export interface CatalogueTable {
  readonly title: string;
  readonly info: RuleInfo[];
}

/**
 * Every rule table of the library, in catalogue order. The README's rule catalogue is
 * generated from this list (`npx projen readme`) and a test fails when it is stale.
 */
export const RULE_TABLES: CatalogueTable[] = [
  SERVER_RULES,
  USER_RULES,
  STATE_MACHINE_RULES,
  ACTIVITY_RULES,
];

// The workflow rules, added last so the catalogue lists them after the encryption rules.
// eslint-disable-next-line import/first
import { WORKFLOW_RULES } from '../workflow/workflow-rules';
RULE_TABLES.push(WORKFLOW_RULES);
