/** TAXII 2.1 §1.6.8: the media type of every TAXII resource. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** The media type of STIX 2.1 objects inside collections. */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/** Largest page any list endpoint returns, whatever `limit` asks; also the default page size. */
export const MAX_PAGE_SIZE = 1000;
