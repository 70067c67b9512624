import { HOTLINE_BACKENDS } from './hotline-harness.ts';
import { hotlineTwoNodesSuite } from './hotline-two-nodes-suite.ts';

hotlineTwoNodesSuite(HOTLINE_BACKENDS.find((b) => b.name === 'postgres')!);
