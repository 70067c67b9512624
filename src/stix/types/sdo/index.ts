import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { attackPattern } from './attack-pattern.ts';
import { campaign } from './campaign.ts';
import { courseOfAction } from './course-of-action.ts';
import { grouping } from './grouping.ts';
import { identity } from './identity.ts';
import { incident } from './incident.ts';
import { indicator } from './indicator.ts';
import { infrastructure } from './infrastructure.ts';
import { intrusionSet } from './intrusion-set.ts';
import { location } from './location.ts';
import { malware } from './malware.ts';
import { malwareAnalysis } from './malware-analysis.ts';
import { note } from './note.ts';
import { observedData } from './observed-data.ts';
import { opinion } from './opinion.ts';
import { report } from './report.ts';
import { threatActor } from './threat-actor.ts';
import { tool } from './tool.ts';
import { vulnerability } from './vulnerability.ts';

/** The 19 STIX 2.1 domain objects (§4). */
export const sdoTypes: readonly ObjectTypeSpec[] = [
  attackPattern, campaign, courseOfAction, grouping, identity, incident, indicator, infrastructure, intrusionSet, location,
  malware, malwareAnalysis, note, observedData, opinion, report, threatActor, tool, vulnerability,
];
