import { randomUUID } from 'node:crypto';
import type { StixObject } from '../hotline/evidence.ts';
import { TLP2_MARKING_IDS } from '../hotline/tlp.ts';
import { INCIDENT_CORE_EXTENSION } from '../stix/types/extensions/incident-core.ts';

// Every address and name below is in a documentation range (RFC 5737 IPv4, RFC 2606 example.* domains); the
// hashes are SHA-256 values of no real file.

interface Made {
  createdBy: string;
  at: string;
}

const common = (type: string, made: Made) => ({
  type, spec_version: '2.1', id: `${type}--${randomUUID()}`, created: made.at, modified: made.at, created_by_ref: made.createdBy,
});

function indicator(made: Made, name: string, pattern: string, indicatorTypes: string[], tlp: 'amber' | 'green' | 'clear'): StixObject {
  return {
    ...common('indicator', made), name, pattern, pattern_type: 'stix', valid_from: made.at, indicator_types: indicatorTypes,
    object_marking_refs: [TLP2_MARKING_IDS[tlp]],
  };
}

/** Scenario (a): Lumen Systems' evidence of a state-backed intrusion set preparing attacks on Arden's election commission. */
export function electionThreatEvidence(made: Made): { incident: StixObject; objects: StixObject[] } {
  const incident: StixObject = {
    ...common('incident', made),
    name: 'Spear-phishing and credential theft against the Arden Electoral Commission',
    description: 'Lumen Systems telemetry shows an intrusion set attributed with high confidence to a state-backed group '
      + 'registering look-alike domains of the Arden Electoral Commission and staging credential-harvesting pages.',
    extensions: {
      [INCIDENT_CORE_EXTENSION]: {
        extension_type: 'property-extension', determination: 'suspected', investigation_status: 'open',
        incident_types: ['phishing', 'credential-theft'], detection_methods: ['commercial-solution'], criticality: 80,
      },
    },
  };
  const intrusionSet: StixObject = {
    ...common('intrusion-set', made), name: 'GREY HERON', aliases: ['TA-Heron'],
    description: 'State-backed intrusion set observed targeting electoral bodies.', goals: ['election interference'],
    resource_level: 'government', primary_motivation: 'ideology',
  };
  const objects = [
    incident,
    intrusionSet,
    indicator(made, 'Look-alike domain of the Electoral Commission', "[domain-name:value = 'electoral-commission-arden.example.com']", ['malicious-activity'], 'amber'),
    indicator(made, 'Credential-harvesting host', "[domain-name:value = 'login.ballot-update.example.net']", ['malicious-activity'], 'amber'),
    indicator(made, 'Phishing infrastructure IP', "[ipv4-addr:value = '203.0.113.45'] OR [ipv4-addr:value = '203.0.113.46']", ['malicious-activity'], 'amber'),
    indicator(made, 'HERONLOADER dropper',
      "[file:hashes.'SHA-256' = '5d41402abc4b2a76b9719d911017c592b1c5e8d3c7a3f0e0a1b2c3d4e5f60718']", ['malicious-activity'], 'amber'),
  ];
  return { incident, objects };
}

/** Scenario (b): CERT-Arden's evidence of the ransomware attack on a fuel pipeline and the gang's servers in Borduria. */
export function pipelineRansomwareEvidence(made: Made): { incident: StixObject; objects: StixObject[]; gangInfrastructure: StixObject[] } {
  const incident: StixObject = {
    ...common('incident', made),
    name: 'Ransomware attack on the Arden North fuel pipeline operator',
    description: 'Operational IT of the pipeline operator encrypted at 04:10 UTC; pipeline flow stopped as a precaution. '
      + 'The extortion note names the NIGHTFALL gang; command-and-control and leak servers are hosted in Borduria.',
    extensions: {
      [INCIDENT_CORE_EXTENSION]: {
        extension_type: 'property-extension', determination: 'successful-attempt', investigation_status: 'open',
        incident_types: ['ransomware'], detection_methods: ['system-outage', 'message-from-attacker'], criticality: 95,
        recoverability: 'supplemented', impacted_entity_counts: { 'organizations': 1, 'systems': 340 },
      },
    },
  };
  const gangInfrastructure = [
    indicator(made, 'NIGHTFALL command-and-control server', "[ipv4-addr:value = '198.51.100.23']", ['malicious-activity'], 'amber'),
    indicator(made, 'NIGHTFALL data leak site', "[ipv4-addr:value = '198.51.100.24'] OR [domain-name:value = 'nightfall-leaks.example.org']", ['malicious-activity'], 'amber'),
    indicator(made, 'NIGHTFALL payment portal', "[domain-name:value = 'pay-recover.example.com']", ['malicious-activity'], 'amber'),
  ];
  const locker = indicator(made, 'NIGHTFALL locker binary',
    "[file:hashes.'SHA-256' = '0f343b0931126a20f133d67c2b018a3b1e3a5f2c4d6e8f9a0b1c2d3e4f5a6b7c']", ['malicious-activity'], 'amber');
  return { incident, objects: [incident, ...gangInfrastructure, locker], gangInfrastructure };
}
