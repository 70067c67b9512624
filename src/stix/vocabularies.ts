/**
 * The STIX 2.1 open vocabularies (§10, names ending in -ov: values outside them are warnings) and enumerations
 * (names ending in -enum: values outside them are errors), as frozen lists.
 */
const v = (...values: string[]): readonly string[] => Object.freeze(values);

export const Vocab = Object.freeze({
  'account-type-ov': v('facebook', 'ldap', 'nis', 'openid', 'radius', 'skype', 'tacacs', 'twitter', 'unix', 'windows-local', 'windows-domain'),
  'attack-motivation-ov': v('accidental', 'coercion', 'dominance', 'ideology', 'notoriety', 'organizational-gain', 'personal-gain', 'personal-satisfaction', 'revenge', 'unpredictable'),
  'attack-resource-level-ov': v('individual', 'club', 'contest', 'team', 'organization', 'government'),
  'encryption-algorithm-enum': v('AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated'),
  'extension-type-enum': v('new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'),
  'grouping-context-ov': v('suspicious-activity', 'malware-analysis', 'unspecified'),
  'hashing-algorithm-ov': v('MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'SHA3-256', 'SHA3-512', 'SSDEEP', 'TLSH'),
  'identity-class-ov': v('individual', 'group', 'system', 'organization', 'class', 'unknown'),
  'implementation-language-ov': v('applescript', 'bash', 'c', 'c++', 'c#', 'go', 'java', 'javascript', 'lua', 'objective-c', 'perl', 'php', 'powershell', 'python', 'ruby', 'scala', 'swift', 'typescript', 'visual-basic', 'x86-32', 'x86-64'),
  'indicator-type-ov': v('anomalous-activity', 'anonymization', 'benign', 'compromised', 'malicious-activity', 'attribution', 'unknown'),
  'industry-sector-ov': v('agriculture', 'aerospace', 'automotive', 'chemical', 'commercial', 'communications', 'construction', 'defense', 'education', 'energy', 'entertainment', 'financial-services', 'government', 'government-emergency-services', 'government-local', 'government-national', 'government-public-services', 'government-regional', 'healthcare', 'hospitality-leisure', 'infrastructure', 'infrastructure-dams', 'infrastructure-nuclear', 'infrastructure-water', 'insurance', 'manufacturing', 'mining', 'non-profit', 'pharmaceuticals', 'retail', 'technology', 'telecommunications', 'transportation', 'utilities'),
  'infrastructure-type-ov': v('amplification', 'anonymization', 'botnet', 'command-and-control', 'control-system', 'exfiltration', 'firewall', 'hosting-malware', 'hosting-target-lists', 'phishing', 'reconnaissance', 'routers-switches', 'staging', 'workstation', 'unknown'),
  'malware-capabilities-ov': v('accesses-remote-machines', 'anti-debugging', 'anti-disassembly', 'anti-emulation', 'anti-memory-forensics', 'anti-sandbox', 'anti-vm', 'captures-input-peripherals', 'captures-output-peripherals', 'captures-system-state-data', 'cleans-traces-of-infection', 'commits-fraud', 'communicates-with-c2', 'compromises-data-availability', 'compromises-data-integrity', 'compromises-system-availability', 'controls-local-machine', 'degrades-security-software', 'degrades-system-updates', 'determines-c2-server', 'emails-spam', 'escalates-privileges', 'evades-av', 'exfiltrates-data', 'fingerprints-host', 'hides-artifacts', 'hides-executing-code', 'infects-files', 'infects-remote-machines', 'installs-other-components', 'persists-after-system-reboot', 'prevents-artifact-access', 'prevents-artifact-deletion', 'probes-network-environment', 'self-modifies', 'steals-authentication-credentials', 'violates-system-operational-integrity'),
  'malware-result-ov': v('malicious', 'suspicious', 'benign', 'unknown'),
  'malware-type-ov': v('adware', 'backdoor', 'bot', 'bootkit', 'ddos', 'downloader', 'dropper', 'exploit-kit', 'keylogger', 'ransomware', 'remote-access-trojan', 'resource-exploitation', 'rogue-security-software', 'rootkit', 'screen-capture', 'spyware', 'trojan', 'unknown', 'virus', 'webshell', 'wiper', 'worm'),
  'network-socket-address-family-enum': v('AF_UNSPEC', 'AF_INET', 'AF_IPX', 'AF_APPLETALK', 'AF_NETBIOS', 'AF_INET6', 'AF_IRDA', 'AF_BTH'),
  'network-socket-type-enum': v('SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET'),
  'opinion-enum': v('strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'),
  'pattern-type-ov': v('stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'),
  'processor-architecture-ov': v('alpha', 'arm', 'ia-64', 'mips', 'powerpc', 'sparc', 'x86', 'x86-64'),
  'region-ov': v('africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa', 'western-africa', 'americas', 'caribbean', 'central-america', 'latin-america-caribbean', 'northern-america', 'south-america', 'asia', 'central-asia', 'eastern-asia', 'southern-asia', 'south-eastern-asia', 'western-asia', 'europe', 'eastern-europe', 'northern-europe', 'southern-europe', 'western-europe', 'oceania', 'antarctica', 'australia-new-zealand', 'melanesia', 'micronesia', 'polynesia'),
  'report-type-ov': v('attack-pattern', 'campaign', 'identity', 'indicator', 'intrusion-set', 'malware', 'observed-data', 'threat-actor', 'threat-report', 'tool', 'vulnerability'),
  'threat-actor-type-ov': v('activist', 'competitor', 'crime-syndicate', 'criminal', 'hacker', 'insider-accidental', 'insider-disgruntled', 'nation-state', 'sensationalist', 'spy', 'terrorist', 'unknown'),
  'threat-actor-role-ov': v('agent', 'director', 'independent', 'infrastructure-architect', 'infrastructure-operator', 'malware-author', 'sponsor'),
  'threat-actor-sophistication-ov': v('none', 'minimal', 'intermediate', 'advanced', 'expert', 'innovator', 'strategic'),
  'tool-type-ov': v('denial-of-service', 'exploitation', 'information-gathering', 'network-capture', 'credential-exploitation', 'remote-access', 'vulnerability-scanning', 'unknown'),
  'windows-integrity-level-enum': v('low', 'medium', 'high', 'system'),
  'windows-pebinary-type-ov': v('dll', 'exe', 'sys'),
  'windows-registry-datatype-enum': v('REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN', 'REG_DWORD_LITTLE_ENDIAN', 'REG_LINK', 'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTION', 'REG_RESOURCE_REQUIREMENTS_LIST', 'REG_QWORD', 'REG_INVALID_TYPE'),
  'windows-service-start-type-enum': v('SERVICE_AUTO_START', 'SERVICE_BOOT_START', 'SERVICE_DEMAND_START', 'SERVICE_DISABLED', 'SERVICE_SYSTEM_ALERT'),
  'windows-service-type-enum': v('SERVICE_KERNEL_DRIVER', 'SERVICE_FILE_SYSTEM_DRIVER', 'SERVICE_WIN32_OWN_PROCESS', 'SERVICE_WIN32_SHARE_PROCESS'),
  'windows-service-status-enum': v('SERVICE_CONTINUE_PENDING', 'SERVICE_PAUSE_PENDING', 'SERVICE_PAUSED', 'SERVICE_RUNNING', 'SERVICE_START_PENDING', 'SERVICE_STOP_PENDING', 'SERVICE_STOPPED'),
});

export type VocabularyName = keyof typeof Vocab;
