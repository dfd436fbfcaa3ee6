import { RuleInfo } from './rules';

/** A rule table as the catalogue sees it. */
export interface CatalogueTable {
  readonly title: string;
  readonly info: RuleInfo[];
}

/**
 * Every rule table of the library, in catalogue order. The README's rule catalogue is
 * generated from this list (`npx projen rules`) and a test fails when it is stale.
 */
export const RULE_TABLES: CatalogueTable[] = [];
