import type { ExtensionSpec, PropertySpecs } from '../../spec/property-spec.ts';
import { flag, oneOf, refs, text, texts } from './sco-spec-builders.ts';

/** STIX 2.1 §10 windows-integrity-level-enum. */
export const windowsIntegrityLevels = Object.freeze(['low', 'medium', 'high', 'system']);

const windowsProcessProperties: PropertySpecs = {
  aslr_enabled: flag,
  dep_enabled: flag,
  priority: text,
  owner_sid: text,
  window_title: text,
  startup_info: { type: { kind: 'dictionary' } },
  integrity_level: oneOf(windowsIntegrityLevels),
};

/** STIX 2.1 §6.13 Windows Process Extension. */
export const windowsProcessExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'windows-process-ext',
  appliesTo: ['process'],
  properties: windowsProcessProperties,
  checks: [
    // §6.13: priority is a Windows priority class name, which SHOULD end in _CLASS.
    (extension, report) => {
      if (typeof extension.priority === 'string' && !extension.priority.endsWith('_CLASS')) {
        report.warn('$.priority', 'priority should be a Windows priority class ending in _CLASS, e.g. HIGH_PRIORITY_CLASS');
      }
    },
  ],
  atLeastOneOf: Object.keys(windowsProcessProperties),
});

/** STIX 2.1 §10 windows-service-start-type-enum. */
export const windowsServiceStartTypes = Object.freeze([
  'SERVICE_AUTO_START', 'SERVICE_BOOT_START', 'SERVICE_DEMAND_START', 'SERVICE_DISABLED', 'SERVICE_SYSTEM_ALERT',
]);

/** STIX 2.1 §10 windows-service-type-enum. */
export const windowsServiceTypes = Object.freeze([
  'SERVICE_KERNEL_DRIVER', 'SERVICE_FILE_SYSTEM_DRIVER', 'SERVICE_WIN32_OWN_PROCESS', 'SERVICE_WIN32_SHARE_PROCESS',
]);

/** STIX 2.1 §10 windows-service-status-enum. */
export const windowsServiceStatuses = Object.freeze([
  'SERVICE_CONTINUE_PENDING', 'SERVICE_PAUSE_PENDING', 'SERVICE_PAUSED', 'SERVICE_RUNNING',
  'SERVICE_START_PENDING', 'SERVICE_STOP_PENDING', 'SERVICE_STOPPED',
]);

const windowsServiceProperties: PropertySpecs = {
  service_name: text,
  descriptions: texts,
  display_name: text,
  group_name: text,
  start_type: oneOf(windowsServiceStartTypes),
  service_dll_refs: refs('file'),
  service_type: oneOf(windowsServiceTypes),
  service_status: oneOf(windowsServiceStatuses),
};

/** STIX 2.1 §6.13 Windows Service Extension. */
export const windowsServiceExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'windows-service-ext',
  appliesTo: ['process'],
  properties: windowsServiceProperties,
  atLeastOneOf: Object.keys(windowsServiceProperties),
});

/** The predefined extensions of `process`. */
export const processExtensions: readonly ExtensionSpec[] = Object.freeze([windowsProcessExt, windowsServiceExt]);
