/** The step kinds of a simulated workflow, by the step type the template holds. */
import { StepKind } from './context';
import { COPY } from './copy';
import { CUSTOM } from './custom';
import { DECRYPT } from './decrypt';
import { DELETE } from './delete';
import { TAG } from './tag';

export const STEP_KINDS: Record<string, StepKind> = { COPY, CUSTOM, DECRYPT, DELETE, TAG };
