// Every module of the library, loaded for its rule tables: each table registers itself when it is made.
import '../index';
import { registeredRuleTables, RuleInfo } from './rules';

/** A rule table as the catalogue sees it. */
export interface CatalogueTable {
  readonly title: string;
  readonly info: RuleInfo[];
}

/**
 * Every rule table of the constructs, in the order the library's modules load (the cdk-nag pack's own
 * tables are listed after them). docs/rules.md is generated from this list and a test fails
 * when it is stale; another fails when a table of src/ is not in it.
 */
export const RULE_TABLES: ReadonlyArray<CatalogueTable> = registeredRuleTables().filter((t) => !t.packOnly);
