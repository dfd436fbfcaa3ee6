/**
 * The robustness property of every public entry point, in one test file: the strict schema check that
 * judges a sample of the templates loads its schemas once per jest file (several seconds), so the areas'
 * cases share this one. `ROBUSTNESS_RUNS=10000 npx jest test/robustness` is the long local run.
 */
import './harness.cases';
import './server.cases';
import './user.cases';
import './step-functions.cases';
import './workflow.cases';
import './access.cases';
import './as2.cases';
import '../connector/connector.cases';
