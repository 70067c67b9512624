import { HOTLINE_BACKENDS } from './hotline-harness.ts';
import { hotlineRejectionsSuite } from './hotline-rejections-suite.ts';

hotlineRejectionsSuite(HOTLINE_BACKENDS.find((b) => b.name === 'postgres')!);
